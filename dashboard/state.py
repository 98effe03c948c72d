"""The session's dataset: the bundled sample (loaded once per process) or the user's own upload.

Uploads are written under a per-session temporary folder with names the app chooses (never the
uploaded file's own name), loaded, and the folder is removed before the page is drawn.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import polars as pl
import streamlit as st

from metrics import views
from metrics.anonymise import anonymise
from metrics.anonymise import anonymous_names as anonymous_names_of
from metrics.i18n import integer, tr
from metrics.load import Dataset, load_dataset, load_sources
from metrics.read import SUPPORTED_SUFFIXES, SourceFile
from metrics.report import Problem

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
UPLOAD_TYPES = [s.lstrip(".") for s in (*SUPPORTED_SUFFIXES, ".zip")]
MAX_UPLOAD_BYTES = 200 * 1024 * 1024
"""Checked again in code, whatever `.streamlit/config.toml` says."""

UPLOAD_KEY = "uploaded_dataset"
FINGERPRINT_KEY = "uploaded_fingerprint"


SAMPLE_KEY = "sample"


@st.cache_resource(show_spinner="Loading the sample benchmark…")
def sample_dataset() -> Dataset:
    """The bundled sample, loaded and validated once per server process."""
    dataset = load_dataset(SAMPLE_DIR)
    dataset.name = "Sample benchmark (fictional companies)"
    return dataset


@st.cache_resource(show_spinner=False)
def _registry() -> dict[str, Dataset]:
    """Datasets by key, so cached analytics can take a short key instead of the data itself."""
    return {}


def current_dataset() -> Dataset:
    """The dataset this session looks at: its own upload if any, else the sample."""
    return st.session_state.get(UPLOAD_KEY) or sample_dataset()


def dataset_key() -> str:
    """The key of this session's dataset (uploads are keyed by a hash of their files)."""
    if st.session_state.get(UPLOAD_KEY) is None:
        return SAMPLE_KEY
    key = (
        "upload-"
        + hashlib.sha256(repr(st.session_state.get(FINGERPRINT_KEY)).encode()).hexdigest()[:16]
    )
    _registry()[key] = st.session_state[UPLOAD_KEY]
    return key


def view_key(base: str, lang: str = "en", anonymised: bool = False, keep: str | None = None) -> str:
    """The key the pages and caches use: the dataset, the language, and whether (and for whom) names
    are anonymised. Cached analytics are kept per key, so a slide never mixes two views."""
    return f"{base}|{lang}" + (f"|anon:{keep or ''}" if anonymised else "")


def parse_key(key: str) -> tuple[str, str, bool, str | None]:
    """(dataset key, language, anonymised, kept company) of a view key."""
    base, _, rest = key.partition("|")
    lang, _, anon = rest.partition("|")
    keep = anon.removeprefix("anon:") or None if anon else None
    return base, lang or "en", bool(anon), keep


def lang_of(key: str) -> str:
    return parse_key(key)[1]


def _base_tables(base: str) -> dict[str, pl.DataFrame]:
    dataset = sample_dataset() if base == SAMPLE_KEY else _registry().get(base)
    return dataset.tables if dataset is not None else {}


@st.cache_resource(show_spinner=False, max_entries=32)
def _anonymised(base: str, keep: str | None) -> dict[str, pl.DataFrame]:
    return anonymise(_base_tables(base), keep)


@st.cache_resource(show_spinner=False, max_entries=32)
def anonymous_names(base: str) -> pl.DataFrame:
    """company_id -> anon_id, anon_name of the dataset with this key."""
    t = _base_tables(base)
    if "companies" not in t:
        return pl.DataFrame(
            schema={"company_id": pl.String, "anon_id": pl.String, "anon_name": pl.String}
        )
    return anonymous_names_of(t["companies"], t.get("industries"))


def tables(key: str) -> dict[str, pl.DataFrame]:
    """The valid tables of the view with this key (names anonymised if the key says so)."""
    base, _, anonymised, keep = parse_key(key)
    return _anonymised(base, keep) if anonymised else _base_tables(base)


def industry_labels(key: str) -> pl.DataFrame:
    """industry_id -> label in the view's language."""
    return views.industry_labels(tables(key), lang_of(key))


def metric_labels(key: str) -> dict[str, str]:
    return views.metric_labels(tables(key), lang_of(key))


def company_names(key: str) -> dict[str, str]:
    return views.company_names(tables(key))


def is_upload() -> bool:
    return st.session_state.get(UPLOAD_KEY) is not None


def load_upload(files: list, max_bytes: int = MAX_UPLOAD_BYTES) -> Dataset:
    """Validate uploaded files as one dataset; keep it for this session only."""
    name = ", ".join(f.name for f in files)[:120]
    too_big = [f for f in files if f.size > max_bytes]
    if too_big:
        dataset = Dataset(name=name)
        for f in too_big:
            dataset.report.add(
                Problem(
                    "error",
                    f"the file is {f.size / 1e6:,.1f} MB, over the upload limit",
                    file=f.name,
                    expected=f"at most {max_bytes / 1e6:,.0f} MB",
                    check="upload_size",
                )
            )
        return dataset
    with tempfile.TemporaryDirectory(prefix="servicemirror-upload-") as tmp:
        sources = []
        for i, f in enumerate(files):
            suffix = Path(f.name).suffix.lower()
            safe_suffix = suffix if suffix.lstrip(".") in UPLOAD_TYPES else ".bin"
            path = Path(tmp) / f"upload-{i}{safe_suffix}"
            path.write_bytes(f.getvalue())
            sources.append(SourceFile(path, f.name))
        return load_sources(sources, name=name, max_bytes=max_bytes)


def use_upload(files: list) -> Dataset | None:
    """Load the uploaded files once (not on every rerun) and make them this session's dataset."""
    if not files:
        return None
    fingerprint = tuple((f.file_id, f.name, f.size) for f in files)
    if st.session_state.get(FINGERPRINT_KEY) != fingerprint:
        st.session_state[UPLOAD_KEY] = load_upload(files)
        st.session_state[FINGERPRINT_KEY] = fingerprint
    return st.session_state[UPLOAD_KEY]


def use_sample() -> None:
    st.session_state.pop(UPLOAD_KEY, None)
    st.session_state.pop(FINGERPRINT_KEY, None)


def dataset_badge(lang: str) -> None:
    """One line in the sidebar naming the dataset in use."""
    dataset = current_dataset()
    st.caption(
        tr("state.dataset", lang, name=tr("state.upload" if is_upload() else "state.sample", lang))
    )
    if not dataset.report.ok:
        st.caption(tr("state.errors", lang, n=integer(dataset.report.errors, lang)))


def dataset_name(lang: str) -> str:
    """The dataset's name as shown on charts and slides."""
    return tr("sample.name", lang) if not is_upload() else current_dataset().name

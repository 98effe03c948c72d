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


def tables(key: str) -> dict[str, pl.DataFrame]:
    """The valid tables of the dataset with this key."""
    dataset = sample_dataset() if key == SAMPLE_KEY else _registry().get(key)
    return dataset.tables if dataset is not None else {}


def industry_labels(key: str) -> pl.DataFrame:
    """industry_id -> label (English name, falling back to the Swedish one)."""
    industries = tables(key).get("industries")
    if industries is None:
        return pl.DataFrame(schema={"industry_id": pl.String, "label": pl.String})
    return industries.select("industry_id", pl.coalesce("name_en", "name_sv").alias("label"))


def company_names(key: str) -> dict[str, str]:
    companies = tables(key).get("companies")
    return dict(companies.select("company_id", "name").iter_rows()) if companies is not None else {}


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


def dataset_badge() -> None:
    """One line in the sidebar naming the dataset in use."""
    dataset = current_dataset()
    label = "Your upload" if is_upload() else "Bundled sample"
    st.caption(f"Dataset: {label}")
    if not dataset.report.ok:
        st.caption(f"⚠ {dataset.report.errors:,} errors in the validation report")

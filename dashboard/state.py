"""The session's dataset: the bundled sample (loaded once per process), a named dataset of
datasets.toml (a folder or a database; re-read after its time to live or on request), or the
user's own upload.

Uploads are written under a per-session temporary folder with names the app chooses (never the
uploaded file's own name), loaded, and the folder is removed before the page is drawn. An upload
lives in its session only: never in a process-wide cache or registry (its analytics are kept in the
session too, `session_memo`), so it is released when the session ends or a new upload replaces it.
"""

from __future__ import annotations

import copy
import hashlib
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl
import streamlit as st

from dashboard.text import safe
from metrics.analytics import views
from metrics.ingest.datasets import (
    SAMPLE,
    CatalogueError,
    NamedDataset,
    catalogue_path,
    load_named,
    sample_entry,
)
from metrics.ingest.datasets import read_catalogue as read_named
from metrics.ingest.load import Dataset, load_dataset, load_sources
from metrics.ingest.read import SUPPORTED_SUFFIXES, SourceFile
from metrics.quality.report import Problem
from metrics.schema import About
from metrics.text.anonymise import anonymise
from metrics.text.anonymise import anonymous_names as anonymous_names_of
from metrics.text.i18n import Msg, integer, msg, tr

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
UPLOAD_TYPES = [s.lstrip(".") for s in (*SUPPORTED_SUFFIXES, ".zip", ".toml")]
"""Data files, zips of them, and a column map (TOML) uploaded beside them."""
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
    """Named datasets by key, so cached analytics can take a short key instead of the data itself
    (the latest two reads of each; never an upload, which stays in its session)."""
    return {}


UPLOAD_PREFIX = "upload-"
MEMO_KEY = "_upload_memo"


def is_upload_key(key: str) -> bool:
    """True for the key of a view of this session's upload."""
    return key.startswith(UPLOAD_PREFIX)


def session_memo(name: str, args: tuple, compute: Callable[[], object]) -> object:
    """What `compute` gives for `name(*args)`, kept in this session for its current upload: the
    cached analytics of an upload, which process-wide caches would keep after the session ended.
    Cleared when another upload replaces it; gone with the session."""
    memo = st.session_state.get(MEMO_KEY)
    base = parse_key(args[0])[0] if args and isinstance(args[0], str) else None
    if memo is None or memo.get("_base") != base:
        memo = {"_base": base}
        st.session_state[MEMO_KEY] = memo
    if (name, args) not in memo:
        memo[(name, args)] = compute()
    value = memo[(name, args)]
    return copy.deepcopy(value) if isinstance(value, list | dict) else value


NAMED_KEY = "dataset"


@st.cache_resource(show_spinner=False, max_entries=4)
def _catalogue(path: str, mtime: float) -> tuple[dict[str, NamedDataset], Msg | None]:
    try:
        return read_named(Path(path)), None
    except CatalogueError as exc:
        return {SAMPLE: sample_entry()}, exc.reason


def catalogue() -> tuple[dict[str, NamedDataset], Msg | None]:
    """The named datasets this user may see (the sample first) and what is wrong with
    datasets.toml, if anything; re-read when the file changes."""
    from dashboard import access

    path = catalogue_path()
    mtime = path.stat().st_mtime if path.exists() else 0.0
    named, problem = _catalogue(str(path), mtime)
    user = access.current().name
    return {k: v for k, v in named.items() if v.allows(user)}, problem


@st.cache_resource(show_spinner=False)
def _refreshes() -> dict[str, int]:
    """How often each named dataset was refreshed by hand (shared by every session)."""
    return {}


def _epoch(entry: NamedDataset) -> int:
    """Changes when the dataset's time to live runs out or someone refreshes it."""
    return int(time.time() // max(entry.ttl_seconds, 1)) * 1000 + _refreshes().get(entry.name, 0)


@st.cache_resource(show_spinner="Loading the dataset…", max_entries=16)
def _named(name: str, epoch: int) -> tuple[Dataset | None, Msg | None, float]:
    """A named dataset as read at `epoch`: (dataset, None, read at) or (None, why not, tried at).
    A failure is kept for the epoch too, so a database that is down is not asked on every rerun."""
    from metrics.ingest.database import DatabaseError

    entry = catalogue()[0][name]
    try:
        return load_named(entry, secrets=_secrets()), None, time.time()
    except DatabaseError as exc:
        return None, exc.reason, time.time()


def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets.toml: fine, passwords may come from the environment
        return {}


def refresh(name: str) -> None:
    """Read a named dataset again now (for every session)."""
    _refreshes()[name] = _refreshes().get(name, 0) + 1


def chosen_name() -> str:
    named, _ = catalogue()
    name = st.session_state.get(NAMED_KEY) or SAMPLE
    return name if name in named else SAMPLE


@st.cache_resource(show_spinner=False)
def _last_good() -> dict[str, tuple[Dataset, float]]:
    """The last version of each named dataset that could be shown, with when it was read."""
    return {}


def named_status() -> tuple[Dataset | None, Msg | Problem | None, float]:
    """The chosen named dataset: (dataset, problem, read at). When a new read fails (the database
    is down, or the files now hold nothing usable), the last good version keeps serving and the
    problem is reported alongside it."""
    name = chosen_name()
    if name == SAMPLE:
        return sample_dataset(), None, 0.0
    entry = catalogue()[0][name]
    dataset, problem, read_at = _named(name, _epoch(entry))
    good = _last_good()
    if dataset is not None and dataset.usable:
        good[name] = (dataset, read_at)
        return dataset, None, read_at
    if problem is None and dataset is not None:
        errors = [p for p in dataset.report.problems if p.severity == "error"]
        problem = errors[0] if errors else msg("problem.unusable")
    if name in good:
        kept, kept_at = good[name]
        return kept, problem, kept_at
    return dataset, problem, read_at


def say(problem: Msg | Problem, lang: str) -> str:
    """A dataset's problem in the language: a message, or the report's sentence for a problem."""
    return problem.sentence(lang) if isinstance(problem, Problem) else problem.render(lang)


def kept_after_failure() -> bool:
    """True when the chosen dataset's latest read failed and an earlier version is shown."""
    dataset, problem, _ = named_status()
    return problem is not None and dataset is not None and dataset.usable


def current_dataset() -> Dataset:
    """The dataset this session looks at: its own upload if any, else the chosen named dataset
    (the sample when it cannot be read)."""
    if st.session_state.get(UPLOAD_KEY) is not None:
        return st.session_state[UPLOAD_KEY]
    dataset, _, _ = named_status()
    return dataset or sample_dataset()


def dataset_key() -> str:
    """The key of this session's dataset (uploads are keyed by a hash of their files, named
    datasets by name and the time they were read)."""
    if st.session_state.get(UPLOAD_KEY) is None:
        name = chosen_name()
        dataset, _, read_at = named_status()
        if name == SAMPLE or dataset is None:
            return SAMPLE_KEY
        prefix = f"named-{hashlib.sha256(name.encode()).hexdigest()[:12]}-"
        key = f"{prefix}{int(read_at * 1000)}"
        registry = _registry()
        if key not in registry:
            registry[key] = dataset
            older = sorted(k for k in registry if k.startswith(prefix) and k != key)
            for stale in older[:-1]:  # the read before this one may still be drawn somewhere
                registry.pop(stale, None)
        return key
    return _upload_key()


def _upload_key() -> str:
    fingerprint = repr(st.session_state.get(FINGERPRINT_KEY))
    return UPLOAD_PREFIX + hashlib.sha256(fingerprint.encode()).hexdigest()[:16]


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


def _base_dataset(base: str) -> Dataset | None:
    if base == SAMPLE_KEY:
        return sample_dataset()
    if is_upload_key(base):  # this session's own upload, if it is still the one of the key
        upload = st.session_state.get(UPLOAD_KEY)
        return upload if upload is not None and _upload_key() == base else None
    return _registry().get(base)


def _base_tables(base: str) -> dict[str, pl.DataFrame]:
    dataset = _base_dataset(base)
    return dataset.tables if dataset is not None else {}


def about_of(key: str) -> About:
    """What the dataset of this view says about itself (name, source, currency, conventions)."""
    dataset = _base_dataset(parse_key(key)[0])
    return dataset.about if dataset is not None else About()


@st.cache_resource(show_spinner=False, max_entries=32)
def _shared_anonymised(base: str, keep: str | None) -> dict[str, pl.DataFrame]:
    return anonymise(_base_tables(base), keep)


def _anonymised(base: str, keep: str | None) -> dict[str, pl.DataFrame]:
    if is_upload_key(base):
        return session_memo("anonymised", (base, keep), lambda: anonymise(_base_tables(base), keep))
    return _shared_anonymised(base, keep)


def anonymous_names(base: str) -> pl.DataFrame:
    """company_id -> anon_id, anon_name of the dataset with this key."""
    if is_upload_key(base):
        return session_memo("anonymous_names", (base,), lambda: _anonymous_names(base))
    return _shared_anonymous_names(base)


@st.cache_resource(show_spinner=False, max_entries=32)
def _shared_anonymous_names(base: str) -> pl.DataFrame:
    return _anonymous_names(base)


def _anonymous_names(base: str) -> pl.DataFrame:
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
                    msg("problem.upload_too_large", size=f.size / 1e6),
                    file=f.name,
                    wanted=msg("expected.at_most_mb", limit=round(max_bytes / 1e6)),
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
            with path.open("wb") as out:  # copied in pieces: no second copy of a 200 MB upload
                if hasattr(f, "seek") and hasattr(f, "read"):
                    f.seek(0)
                    shutil.copyfileobj(f, out, 1 << 20)
                else:
                    out.write(f.getvalue())
            sources.append(SourceFile(path, f.name))
        return load_sources(sources, name=name, max_bytes=max_bytes)


def use_upload(files: list) -> Dataset | None:
    """Load the uploaded files once (not on every rerun) and make them this session's dataset."""
    if not files:
        return None
    fingerprint = tuple((f.file_id, f.name, f.size) for f in files)
    if st.session_state.get(FINGERPRINT_KEY) != fingerprint:
        use_sample()  # the previous upload and its analytics go before the new one is read
        st.session_state[UPLOAD_KEY] = load_upload(files)
        st.session_state[FINGERPRINT_KEY] = fingerprint
    return st.session_state[UPLOAD_KEY]


def use_sample() -> None:
    """Back to the named datasets: this session's upload and its analytics are dropped."""
    st.session_state.pop(UPLOAD_KEY, None)
    st.session_state.pop(FINGERPRINT_KEY, None)
    st.session_state.pop(MEMO_KEY, None)


def dataset_badge(lang: str) -> None:
    """One line in the sidebar naming the dataset in use."""
    dataset = current_dataset()
    if is_upload():
        shown = tr("state.upload", lang)
    elif dataset_key() != SAMPLE_KEY:
        shown = dataset.name
    else:
        shown = tr("state.sample", lang)
    st.caption(tr("state.dataset", lang, name=safe(shown)))
    if not dataset.report.ok:
        st.caption(tr("state.errors", lang, n=integer(dataset.report.errors, lang)))


def dataset_name(lang: str) -> str:
    """The dataset's name as shown on charts and slides: its own ([dataset] name), else the label
    of datasets.toml, the file or folder name; the sample's in the language."""
    if is_upload() or dataset_key() != SAMPLE_KEY:
        dataset = current_dataset()
        return dataset.about.name or dataset.name
    return tr("sample.name", lang)

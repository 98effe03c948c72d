"""Shared fixtures: the bundled sample, small hand-made datasets built by code, file hashing."""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import shutil
from pathlib import Path

import polars as pl
import pytest

from metrics.ingest.load import Dataset, load_dataset

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "sample_data"
REALDATA = ROOT.parent / "shared" / "realdata"
"""Real public files, never copied into this repository (see ../shared/realdata/README.md)."""


def require_realdata(*names: str) -> Path:
    """The folder of real public files, with `names` in it. Outside CI a missing file skips the
    test, saying where it was looked for; in CI (CI=true) it fails: CI runs beside shared/."""
    missing = [n for n in names if not (REALDATA / n).exists()]
    if missing:
        where = f"{', '.join(missing)} not found in {REALDATA} (the project's shared/ folder)"
        if os.environ.get("CI"):
            pytest.fail(f"CI=true but {where}", pytrace=False)
        pytest.skip(where)
    return REALDATA


def _made_once(name: str, make):
    """Under mutation testing (mutmut runs a fresh pytest per mutant) the sample and the large
    benchmark come from a pickle made by the first run: the loader and the generator are not what
    it mutates, and remaking them would cost seconds per mutant. Otherwise made as usual."""
    if "MUTANT_UNDER_TEST" not in os.environ:
        return make()
    sources = sorted((ROOT / "metrics").rglob("*.py")) + sorted(SAMPLE_DIR.iterdir())
    key = hashlib.sha256(b"".join(p.read_bytes() for p in sources if p.is_file())).hexdigest()
    path = ROOT / "tests" / "output" / f"{name}-{key[:16]}.pickle"
    if path.exists():
        return pickle.loads(path.read_bytes())
    value = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}")
    partial.write_bytes(pickle.dumps(value))
    os.replace(partial, path)
    return value


@functools.cache
def _sample() -> Dataset:
    return _made_once("sample", lambda: load_dataset(SAMPLE_DIR))


@functools.cache
def _large_benchmark():
    from metrics.sample import generate

    return _made_once("large", lambda: generate(scale=10, respondents=3_000_000))


@pytest.fixture(scope="session")
def sample() -> Dataset:
    """The bundled sample, loaded once for the whole run."""
    return _sample()


@pytest.fixture(scope="session")
def large():
    """About 2,000 companies over 13 years (ten times the sample): enough to recover planted
    correlations to ±0.05. Returns the metric values, the tables and what was planted."""
    from metrics.analytics.relations import metric_values

    bench = _large_benchmark()
    t = bench.tables
    return metric_values(t["service_scores"], t["commercial"], t["employer"]), t, bench.planted


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A writable copy of the sample's company-level tables (no responses: quicker to load)."""
    dest = tmp_path / "copy"
    dest.mkdir()
    for f in SAMPLE_DIR.glob("*.csv"):
        shutil.copy(f, dest / f.name)
    return dest


def digest(path: Path) -> str:
    """A hash of a file or of every file in a folder, to prove the loader changed nothing."""
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def tiny_tables() -> dict[str, pl.DataFrame]:
    """A hand-made dataset small enough to check by eye: 2 industries, 3 companies, 2 waves."""
    return {
        "industries": pl.DataFrame(
            {"industry_id": ["bank", "telekom"], "name_sv": ["Bank", "Telekom"]}
        ),
        "companies": pl.DataFrame(
            {
                "company_id": ["a", "b", "c"],
                "name": ["Alfa Bank", "Beta Bank", "Gamma Telekom"],
                "industry_id": ["bank", "bank", "telekom"],
            }
        ),
        "waves": pl.DataFrame(
            {"year": [2019, 2020, 2022], "status": ["published", "cancelled", "published"]}
        ),
        "service_scores": pl.DataFrame(
            {
                "company_id": ["a", "b", "c", "a", "b", "c"],
                "year": [2019, 2019, 2019, 2022, 2022, 2022],
                "value": [72.5, 68.0, 61.2, 74.0, 67.5, 60.0],
                "n": [250, 180, 300, 260, 40, 310],
                "sd": [20.0, 19.5, 21.0, 20.0, 18.0, 22.0],
            }
        ),
    }


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    """The tiny dataset as a folder of UTF-8 CSV files."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    for name, frame in tiny_tables().items():
        frame.write_csv(folder / f"{name}.csv")
    return folder


def problems(dataset: Dataset, severity: str = "error") -> pl.DataFrame:
    frame = dataset.report.to_frame()
    return frame.filter(pl.col("severity") == severity)


def require_program(*candidates: str | None, install: str) -> str:
    """The path of a system program the test needs. In CI (CI=true) a missing one is a failure
    (.ci/run installs it); elsewhere the test is skipped with a message saying how to get it."""

    for candidate in candidates:
        found = shutil.which(candidate) if candidate else None
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail(f"CI=true but {candidates[-1]} is missing: .ci/run must install {install}")
    pytest.skip(f"{candidates[-1]} is not installed here (apt-get install {install}); runs in CI")


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium: kaleido renders chart images with it, Playwright drives it."""

    return require_program(os.environ.get("CHROMIUM"), "chromium", install="chromium")


@pytest.fixture(scope="session")
def pdftoppm() -> str:
    return require_program("pdftoppm", install="poppler-utils")


@pytest.fixture(scope="session")
def postgres():
    """A throwaway PostgreSQL cluster on a loopback port (tests/postgres.py), for the session."""
    from tests.postgres import server_bin, start_cluster, stop_cluster

    binary = server_bin()
    require_program(str(binary / "initdb") if binary else None, "initdb", install="postgresql")
    cluster = start_cluster()
    yield cluster
    stop_cluster(cluster)

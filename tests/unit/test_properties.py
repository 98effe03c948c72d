"""Property-based: random and corrupted files never raise; they always come back as a report."""

from __future__ import annotations

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metrics.ingest.load import load_dataset
from tests.conftest import digest, tiny_tables

SUFFIXES = [".csv", ".parquet", ".xlsx", ".zip", ".txt", ".tsv"]
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_give_a_report(tmp_path_factory, data: bytes, suffix: str):
    path = tmp_path_factory.mktemp("rnd") / f"service_scores{suffix}"
    path.write_bytes(data)
    dataset = load_dataset(path)
    assert not dataset.usable
    assert dataset.report.errors >= 1
    assert path.read_bytes() == data


def _valid_csv() -> bytes:
    return tiny_tables()["service_scores"].write_csv().encode()


@SETTINGS
@given(
    cut=st.integers(min_value=0, max_value=len(_valid_csv())),
    junk=st.binary(max_size=40),
    at=st.integers(min_value=0, max_value=len(_valid_csv())),
)
def test_corrupted_csv_never_raises(tmp_path_factory, cut: int, junk: bytes, at: int):
    folder = tmp_path_factory.mktemp("corrupt")
    for name, frame in tiny_tables().items():
        if name != "service_scores":
            frame.write_csv(folder / f"{name}.csv")
    data = _valid_csv()
    corrupted = (data[:at] + junk + data[at:])[: max(cut, 1)]
    (folder / "service_scores.csv").write_bytes(corrupted)
    before = digest(folder)
    dataset = load_dataset(folder)
    assert digest(folder) == before
    text = dataset.report.to_text()
    assert text.startswith(tuple("0123456789"))  # a summary line, whatever happened
    if not dataset.usable:
        assert dataset.report.errors >= 1


@SETTINGS
@given(cells=st.lists(st.text(max_size=12), min_size=1, max_size=8))
def test_text_in_number_column_is_reported_on_its_row(tmp_path_factory, cells: list[str]):
    folder = tmp_path_factory.mktemp("cells")
    for name, frame in tiny_tables().items():
        if name != "service_scores":
            frame.write_csv(folder / f"{name}.csv")
    n = len(cells)
    pl.DataFrame(
        {
            "company_id": ["a"] * n,
            "year": list(range(2000, 2000 + n)),
            "value": cells,
            "n": [100] * n,
        }
    ).write_csv(folder / "service_scores.csv")
    dataset = load_dataset(folder)
    kept = dataset.tables.get("service_scores")
    kept_rows = {y - 2000 + 2 for y in kept["year"]} if kept is not None else set()
    errors = dataset.report.to_frame().filter(
        pl.col("severity") == "error",
        (pl.col("table") == "service_scores") | (pl.col("file") == "service_scores.csv"),
    )
    error_rows = set(errors["row"].drop_nulls())
    if errors.filter(pl.col("check") == "unreadable_file").height:
        assert kept is None  # refused as a whole (e.g. mostly control bytes): nothing half-used
        return
    # every row is either used or reported by its own spreadsheet row, never both, never lost
    assert kept_rows | error_rows == set(range(2, n + 2))
    assert not kept_rows & error_rows

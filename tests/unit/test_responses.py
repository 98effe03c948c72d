"""Streamed responses: the same tables and the same report as reading the file whole, for clean files,
bad rows of every kind, names for ids, cancelled waves and weights; files the stream cannot judge
fall back to the full path."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from metrics.aggregate import aggregate_responses, count_ratings
from metrics.ingest.load import load_dataset
from metrics.quality.report import MAX_DETAILED
from tests.conftest import SAMPLE_DIR, digest

COMPANIES = pl.DataFrame(
    {
        "company_id": ["alfa", "beta", "gamma"],
        "name": ["Alfa Bank", "Beta Försäkring", "Gamma Tele"],
        "industry_id": ["bank", "bank", "telekom"],
    }
)
WAVES = pl.DataFrame(
    {"year": [2020, 2021, 2022], "status": ["published", "cancelled", "published"]}
)


def responses(rows: int = 600, seed: int = 3) -> pl.DataFrame:
    """A clean responses table: three companies, two published waves, 5- and 10-point scales."""
    import random

    rnd = random.Random(seed)
    out = []
    for i in range(rows):
        scale = 10 if i % 3 == 0 else 5
        out.append(
            {
                "respondent_id": f"r{i}",
                "year": 2020 if i % 2 else 2022,
                "company_id": ["alfa", "beta", "gamma"][i % 3],
                "metric_id": "servicescore" if i % 4 else "moment_purchase",
                "rating": rnd.choice([*range(1, scale + 1), 98, None]),
                "scale_points": scale,
                "weight": round(rnd.uniform(0.5, 2.0), 3),
            }
        )
    return pl.DataFrame(out)


def folder(
    tmp_path: Path, frame: pl.DataFrame, fmt: str = "csv", parents: bool = False, **csv
) -> Path:
    out = tmp_path / f"data-{fmt}"
    out.mkdir(parents=parents)
    COMPANIES.write_csv(out / "companies.csv")
    WAVES.write_csv(out / "waves.csv")
    if fmt == "parquet":
        frame.write_parquet(out / "responses.parquet")
    else:
        frame.write_csv(out / "responses.csv", **csv)
    return out


def both(path: Path):
    streamed, full = load_dataset(path), load_dataset(path, stream=False)
    assert not full.responses_streamed
    return streamed, full


def assert_same(streamed, full) -> None:
    if streamed.responses_streamed:
        assert streamed.report.problems == full.report.problems
    else:  # read in full after all: its notes (encoding) come later
        assert sorted(map(repr, streamed.report.problems)) == sorted(
            map(repr, full.report.problems)
        )
    assert streamed.report.left_out == full.report.left_out
    assert streamed.rows_read == full.rows_read
    assert streamed.responses_used == full.responses_used
    assert streamed.tables.keys() == full.tables.keys()
    for name in ("service_scores", "rating_counts", "waves", "companies"):
        if name in full.tables:
            assert_frame_equal(streamed.tables[name], full.tables[name], check_exact=False)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_clean_file_streams_to_the_same_result(tmp_path: Path, fmt: str):
    streamed, full = both(folder(tmp_path, responses(), fmt))
    assert streamed.responses_streamed
    assert streamed.report.errors == 0, streamed.report.to_text()
    assert_same(streamed, full)
    assert "responses" not in streamed.tables  # the rows are not kept
    counts = streamed.tables["rating_counts"]
    assert counts["respondents"].sum() == 600


def test_sample_dataset_streams_to_the_same_result():
    streamed, full = both(SAMPLE_DIR)
    assert streamed.responses_streamed
    assert_same(streamed, full)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_bad_rows_of_every_kind_are_reported_as_the_full_path_does(tmp_path: Path, fmt: str):
    frame = responses().with_row_index("i")
    broken = {
        3: {"year": 1990},
        4: {"rating": 7, "scale_points": 5},
        5: {"scale_points": 1},
        6: {"weight": -1.0},
        7: {"company_id": "nosuch"},
        8: {"year": None},
        9: {"company_id": None},
        10: {"metric_id": "enps"},  # an employer metric
        11: {"metric_id": "no-such-metric"},
        12: {"metric_id": None},  # the default metric
        13: {"respondent_id": None},  # numbered by row
        14: {"year": 2021},  # a cancelled wave
        15: {"company_id": "Gamma Tele"},  # a name for an id
        16: {"rating": 0},
        17: {"scale_points": None},
    }
    for i, change in broken.items():
        frame = frame.with_columns(
            pl.when(pl.col("i") == i).then(pl.lit(v)).otherwise(pl.col(c)).alias(c)
            for c, v in change.items()
        )
    path = folder(tmp_path, frame.drop("i"), fmt)
    before = digest(path)
    streamed, full = both(path)
    assert streamed.responses_streamed
    assert_same(streamed, full)
    checks = {p.check for p in streamed.report.problems if p.severity == "error"}
    assert {"not_nullable", "reference", "cancelled_wave", "metric_domain"} <= checks
    rows = {p.row for p in streamed.report.problems if p.severity == "error"}
    assert rows == {i + 2 for i in broken if i not in (12, 13, 15)}  # spreadsheet rows
    assert digest(path) == before


def test_more_bad_rows_than_are_listed_are_counted(tmp_path: Path):
    frame = responses(3000).with_columns(rating=pl.lit(0))  # every row below the scale
    streamed, full = both(folder(tmp_path, frame))
    assert_same(streamed, full)
    low = [p for p in streamed.report.problems if p.check == "greater_than_or_equal_to(1)"]
    assert len(low) == MAX_DETAILED + 1
    assert low[-1].row is None and low[-1].count == 3000 - MAX_DETAILED
    assert not streamed.usable


@pytest.mark.parametrize(
    "case",
    ["decimal_comma", "cp1252", "text_in_rating", "ragged", "spaces", "na", "spaced_id", "na_id"],
)
def test_files_the_stream_cannot_read_plainly_fall_back_to_the_full_path(tmp_path: Path, case: str):
    frame = responses(200)
    out = folder(tmp_path, frame)
    path = out / "responses.csv"
    if case == "decimal_comma":
        frame.write_csv(path, separator=";", decimal_comma=True)
    elif case == "cp1252":
        text = frame.with_columns(company_id=pl.lit("Beta Försäkring")).write_csv()
        path.write_bytes(text.encode("cp1252"))
    elif case == "text_in_rating":
        path.write_text(path.read_text().replace(",5,5,", ",fem,5,", 1))
    elif case == "ragged":
        path.write_text(path.read_text() + "r-x,2020,alfa,servicescore,3,5,1.0,extra\n")
    elif case == "spaces":
        path.write_text(path.read_text().replace(",5,", ", 5,"))
    elif case == "na":  # as R writes a missing rating
        path.write_text(path.read_text().replace(",,", ",NA,"))
    elif case == "spaced_id":
        path.write_text(path.read_text().replace(",beta,", ", beta ,", 3))
    elif case == "na_id":
        path.write_text(path.read_text().replace(",beta,", ",n/a,", 3))
    streamed, full = both(out)
    # Polars itself reads decimal commas, spaces around numbers and NA: those stream
    assert streamed.responses_streamed == (case in ("decimal_comma", "spaces", "na"))
    assert_same(streamed, full)


def test_parquet_with_text_columns_is_cast_like_the_full_path(tmp_path: Path):
    frame = responses().with_columns(pl.col("rating", "year").cast(pl.String))
    streamed, full = both(folder(tmp_path, frame, "parquet"))
    assert streamed.responses_streamed
    assert_same(streamed, full)


def test_missing_column_is_reported_without_reading_the_rows(tmp_path: Path):
    streamed, full = both(folder(tmp_path, responses().drop("scale_points")))
    assert_same(streamed, full)
    missing = [p for p in streamed.report.problems if p.check == "missing_column"]
    assert [p.column for p in missing] == ["scale_points"]


def test_counts_give_the_scores_of_the_rows():
    rows = responses(900)
    assert_frame_equal(
        aggregate_responses(count_ratings(rows)).collect(),
        aggregate_responses(rows).collect(),
    )
    weighted = rows.filter(
        pl.col("rating").is_between(1, 10),
        pl.col("company_id") == "alfa",
        pl.col("year") == 2022,
        pl.col("metric_id") == "servicescore",
    )
    x = (weighted["rating"] - 1) / (weighted["scale_points"] - 1) * 100
    expected = (x * weighted["weight"]).sum() / weighted["weight"].sum()
    got = (
        aggregate_responses(rows)
        .collect()
        .filter(
            pl.col("company_id") == "alfa",
            pl.col("year") == 2022,
            pl.col("metric_id") == "servicescore",
        )
    )
    assert got["value"].item() == pytest.approx(expected)
    assert got["n"].item() == weighted.height


def test_a_copy_in_a_zip_streams_too(tmp_path: Path):
    out = folder(tmp_path, responses())
    archive = shutil.make_archive(str(tmp_path / "dataset"), "zip", out)
    streamed, full = both(Path(archive))
    assert streamed.responses_streamed
    assert_same(streamed, full)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_one_person_rating_one_company_twice_is_warned_about(tmp_path: Path, fmt: str):
    clean = responses()
    repeated = pl.concat([clean, clean.slice(10, 3), clean.slice(10, 1)])  # r10 three times
    streamed, full = both(folder(tmp_path, repeated, fmt))
    assert_same(streamed, full)
    twice = [p for p in streamed.report.problems if p.check == "rated_twice"]
    assert [p.severity for p in twice] == ["warning"] * 3
    assert sum(p.count for p in twice) == 3  # r10 three times, r11 and r12 twice
    first = twice[0]
    # its last rating, numbered as a sheet counts, and where it rated first
    assert first.row == 605 and first.column == "respondent_id"
    assert first.value.startswith("r10: ") and "×3" in first.value and "(row 12)" in first.value
    # the ratings are still counted: the repeat is a warning, not a silent drop
    assert streamed.responses_used == full.responses_used
    assert not [
        p
        for p in load_dataset(folder(tmp_path / "clean", clean, fmt, parents=True)).report.problems
        if p.check == "rated_twice"
    ]


def test_the_sample_has_no_person_rating_a_company_twice():
    sample = load_dataset(SAMPLE_DIR)
    assert not [p for p in sample.report.problems if p.check == "rated_twice"]

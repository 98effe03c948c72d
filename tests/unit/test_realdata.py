"""The real public files in ../shared/realdata, loaded through the column maps of the README's
"Bring your own benchmark" (docs/maps/), as a user would: nothing reshaped by hand.

They are third-party fixtures, never copied into this repository: outside CI the tests skip, saying
so, when the folder is absent; in CI they fail.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from metrics.ingest.load import load_dataset
from tests.conftest import ROOT, digest, problems, require_realdata

MAPS = ROOT / "docs" / "maps"
GLASSDOOR = "glassdoor_reviews_11firms_2008_2021.csv"
FORTUNE = "fortune500_1955_2021_revenue.csv"
ACSI = "acsi_sample_2015.xlsx"


@pytest.fixture(scope="module")
def realdata() -> Path:
    return require_realdata(GLASSDOOR, FORTUNE, ACSI)


@pytest.fixture(scope="module")
def reviews(realdata: Path):
    before = digest(realdata)
    dataset = load_dataset(realdata, column_map=MAPS / "glassdoor_fortune500.toml")
    assert digest(realdata) == before, "loading changed a real data file"
    return dataset


@pytest.fixture(scope="module")
def acsi(realdata: Path):
    before = digest(realdata / ACSI)
    dataset = load_dataset(realdata / ACSI, column_map=MAPS / "acsi_2015.toml")
    assert digest(realdata / ACSI) == before
    return dataset


def test_glassdoor_reviews_aggregate_to_scores_of_their_own_metric(reviews):
    assert reviews.usable and reviews.name.startswith("Glassdoor reviews of 11 firms")
    assert 9_000 <= reviews.responses_used <= 10_000  # multi-line quoted reviews: one row each
    counts = reviews.tables["rating_counts"]
    assert counts["respondents"].sum() == reviews.responses_used
    assert counts["company_id"].n_unique() == 11 and reviews.tables["companies"].height == 11
    scores = reviews.tables["service_scores"]
    assert set(scores["metric_id"]) == {"review_rating"}  # the dataset's own id, not servicescore
    assert scores["year"].min() >= 2008 and scores["year"].max() <= 2021
    assert scores["value"].is_between(0, 100).all()
    assert scores["n"].sum() == counts.filter(pl.col("rating").is_not_null())["respondents"].sum()


def test_fortune500_is_matched_by_name_and_the_report_says_what_did_not_match(reviews):
    errs = problems(reviews).filter(pl.col("table") == "commercial")
    duplicates = errs.filter(pl.col("check") == "multiple_fields_uniqueness")
    assert duplicates.height >= 2 and duplicates["row"].min() >= 2  # 22 names listed twice a year
    assert duplicates["file"].unique().to_list() == [FORTUNE]
    (unmatched,) = [p for p in reviews.report.problems if p.check == "name_match"]
    # eleven mostly British firms: none is on the US list, and the report says so in numbers
    assert unmatched.severity == "warning" and "0 names matched" in unmatched.message
    assert unmatched.value.startswith("3Com, 3M")
    assert reviews.tables["commercial"].is_empty()
    banner = " ".join(reviews.report.left_out_sentences())
    assert "names that match no company" in banner


def test_the_acsi_sample_is_an_industry_level_benchmark(acsi):
    assert acsi.usable and acsi.about.level == "industry" and not acsi.report.errors
    industries = set(acsi.tables["industries"]["name_sv"])
    assert industries == {"Airlines", "Banks", "Internet service providers", "Processed food"}
    scores = acsi.tables["service_scores"]
    assert set(scores["metric_id"]) == {"acsi_satisfaction", "acsi_confirm", "acsi_ideal"}
    satisfaction = scores.filter(pl.col("metric_id") == "acsi_satisfaction")
    # 98/99 ("don't know") and #NULL! cells are no answers: every n is below the 8,239 interviews
    assert satisfaction["n"].sum() < 8_239 and satisfaction["n"].min() > 1_000
    assert satisfaction.sort("value")["company_id"].to_list()[-1] == "Processed food"


def test_the_report_shows_the_mapping(acsi, reviews):
    for dataset in (acsi, reviews):
        mappings = [p for p in dataset.report.problems if p.check == "mapping"]
        assert mappings and all("→" in p.value for p in mappings)
    (acsi_map,) = [p for p in acsi.report.problems if p.check == "mapping"]
    assert "SATIS → metric_id acsi_satisfaction, rating" in acsi_map.value


def test_column_map_errors_are_reported(realdata: Path, tmp_path: Path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[tables.revenue]\nsource = "x.csv"\n', encoding="utf-8")
    dataset = load_dataset(realdata, column_map=bad)
    assert "[tables.revenue] is not a table of the data model" in dataset.report.to_text()

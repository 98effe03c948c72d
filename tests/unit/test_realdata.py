"""The real public files in ../shared/realdata, loaded through an explicit column map.

They are third-party fixtures, never copied into this repository: outside CI the tests skip, saying
so, when the folder is absent; in CI they fail.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from metrics.ingest.load import load_dataset
from tests.conftest import REALDATA, digest, problems, require_realdata


@pytest.fixture(autouse=True)
def _realdata() -> None:
    require_realdata("glassdoor_reviews_11firms_2008_2021.csv")


COLUMN_MAP = """
[options]
derive_companies = true

[tables.responses]
source = "glassdoor_reviews_11firms_2008_2021.csv"
columns = { firm = "company_id", overall_rating = "rating", date_review = "year" }
constants = { scale_points = 5, metric_id = "servicescore" }
date_formats = { date_review = "%d/%m/%Y" }

[tables.commercial]
source = "fortune500_1955_2021_revenue.csv"
columns = { Name = "company_id", Year = "fiscal_year", Revenue = "revenue_msek" }
offsets = { fiscal_year = -1 }   # the list year reports the previous fiscal year's revenue
"""


@pytest.fixture(scope="module")
def realdata(tmp_path_factory):
    column_map = tmp_path_factory.mktemp("map") / "realdata.toml"
    column_map.write_text(COLUMN_MAP, encoding="utf-8")
    before = digest(REALDATA)
    dataset = load_dataset(REALDATA, column_map=column_map)
    assert digest(REALDATA) == before, "loading changed a real data file"
    return dataset


def test_glassdoor_reviews_aggregate_to_scores(realdata):
    assert 9_000 <= realdata.responses_used <= 10_000  # multi-line quoted reviews: one row each
    counts = realdata.tables["rating_counts"]
    assert counts["respondents"].sum() == realdata.responses_used
    assert counts["company_id"].n_unique() == 11
    scores = realdata.tables["service_scores"]
    assert scores["year"].min() >= 2008 and scores["year"].max() <= 2021
    assert scores["value"].is_between(0, 100).all()
    # every aggregated n adds back up to the rated reviews
    assert scores["n"].sum() == counts.filter(pl.col("rating").is_not_null())["respondents"].sum()


def test_fortune500_duplicates_are_reported_and_the_rest_kept(realdata):
    errs = problems(realdata).filter(pl.col("table") == "commercial")
    duplicates = errs.filter(pl.col("check") == "multiple_fields_uniqueness")
    assert duplicates.height >= 2 and duplicates["row"].min() >= 2
    assert duplicates["file"].unique().to_list() == ["fortune500_1955_2021_revenue.csv"]
    commercial = realdata.tables["commercial"]
    assert commercial.height > 30_000
    assert commercial["fiscal_year"].min() == 1954  # list year 1955 minus one
    walmart = commercial.filter(pl.col("company_id") == "Walmart", pl.col("fiscal_year") == 2020)
    assert walmart["revenue_msek"].to_list() == [559151.0]


def test_report_is_complete_and_readable(realdata):
    text = realdata.report.to_text()
    assert "companies derived from the ids the tables use" in text
    assert realdata.report.summary().split()[0].replace(",", "").isdigit()


def test_column_map_errors_are_reported(tmp_path: Path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[tables.revenue]\nsource = "x.csv"\n', encoding="utf-8")
    dataset = load_dataset(REALDATA, column_map=bad)
    assert "[tables.revenue] is not a table of the data model" in dataset.report.to_text()

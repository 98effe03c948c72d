"""Rankings: weighted industry scores, margins, significance, ties, peers and rank history."""

from __future__ import annotations

import math

import polars as pl
import pytest

from metrics.analytics import rankings
from metrics.ingest.load import load_dataset
from tests.conftest import tiny_tables


@pytest.fixture
def tiny(tiny_dir):
    return load_dataset(tiny_dir).tables


def test_industry_score_is_respondent_weighted_with_its_standard_error(tiny):
    r = rankings.industry_ranking(tiny["service_scores"], tiny["companies"], tiny["waves"])
    bank = r.filter(pl.col("industry_id") == "bank", pl.col("year") == 2019).row(0, named=True)
    # a: 72.5 (n 250, sd 20); b: 68.0 (n 180, sd 19.5)
    assert bank["score"] == pytest.approx((250 * 72.5 + 180 * 68.0) / 430)
    se = math.sqrt(250**2 * 20**2 / 250 + 180**2 * 19.5**2 / 180) / 430
    assert bank["se"] == pytest.approx(se)
    assert bank["ci_low"] == pytest.approx(bank["score"] - 1.959963984540054 * se)
    assert (bank["n_companies"], bank["n_respondents"], bank["rank"]) == (2, 430, 1)


def test_equal_and_revenue_weighting(tiny):
    equal = rankings.industry_ranking(
        tiny["service_scores"], tiny["companies"], tiny["waves"], weighting="equal"
    )
    bank = equal.filter(pl.col("industry_id") == "bank", pl.col("year") == 2019)
    assert bank["score"][0] == pytest.approx((72.5 + 68.0) / 2)
    commercial = pl.DataFrame(
        {"company_id": ["a", "b"], "fiscal_year": [2019, 2019], "revenue_msek": [300.0, 100.0]}
    )
    revenue = rankings.industry_ranking(
        tiny["service_scores"],
        tiny["companies"],
        tiny["waves"],
        weighting="revenue",
        commercial=commercial,
    )
    bank = revenue.filter(pl.col("industry_id") == "bank", pl.col("year") == 2019)
    assert bank["score"][0] == pytest.approx((300 * 72.5 + 100 * 68.0) / 400)
    # companies without revenue are left out of a revenue-weighted score, not weighted as zero
    assert revenue.filter(pl.col("industry_id") == "telekom").is_empty()


def test_change_is_against_the_previous_published_wave(tiny):
    r = rankings.company_ranking(tiny["service_scores"], tiny["companies"], tiny["waves"])
    a = r.filter(pl.col("company_id") == "a", pl.col("year") == 2022).row(0, named=True)
    assert a["prev_year"] == 2019  # 2020 was cancelled: compared with 2019, never interpolated
    assert a["change"] == pytest.approx(74.0 - 72.5)
    se1, se2 = 20 / math.sqrt(250), 20 / math.sqrt(260)
    assert 1.96 * math.sqrt(se1**2 + se2**2) == pytest.approx(3.47, abs=0.01)
    assert a["change_significant"] is False  # |+1.5| is within ±3.47
    assert a["change_rule"] == "se"


def test_ski_rule_without_sd(tiny):
    scores = tiny["service_scores"].with_columns(sd=pl.lit(None, pl.Float64))
    r = rankings.company_ranking(scores, tiny["companies"], tiny["waves"])
    c = r.filter(pl.col("company_id") == "c", pl.col("year") == 2022).row(0, named=True)
    assert c["change"] == pytest.approx(60.0 - 61.2)
    assert (c["change_significant"], c["change_rule"]) == (False, "ski_2pt")
    assert c["margin_95"] is None


def test_peer_average_excludes_the_company_and_low_base_is_flagged(tiny):
    r = rankings.company_ranking(tiny["service_scores"], tiny["companies"], tiny["waves"])
    b = r.filter(pl.col("company_id") == "b", pl.col("year") == 2022).row(0, named=True)
    assert b["peer_mean"] == pytest.approx(74.0)  # the only other bank is a
    assert b["vs_peers"] == pytest.approx(67.5 - 74.0)
    assert b["low_base"] is True  # n = 40
    c = r.filter(pl.col("company_id") == "c", pl.col("year") == 2022).row(0, named=True)
    assert c["peer_mean"] is None and c["peer_companies"] == 0  # alone in its industry
    assert c["industry_rank"] == 1 and c["top3"] is True


def test_tie_groups():
    # 70 ± ~1.2 and 69.5 are tied; 60 is clearly below
    assert rankings._tie_groups([70.0, 69.5, 60.0], [0.6, 0.6, 0.6]) == [1, 1, 2]
    # without standard errors, the 2-point rule
    assert rankings._tie_groups([70.0, 68.5, 67.9, 65.0], [None] * 4) == [1, 1, 2, 3]


def test_rank_history_keeps_cancelled_waves_as_gaps(tiny):
    ranking = rankings.industry_ranking(tiny["service_scores"], tiny["companies"], tiny["waves"])
    history = rankings.rank_history(ranking, tiny["waves"])
    gap = history.filter(pl.col("year") == 2020)
    assert gap.height == 2 and gap["rank"].null_count() == 2
    assert set(gap["status"]) == {"cancelled"}


def test_single_industry_ranks_without_error():
    tables = tiny_tables()
    companies = tables["companies"].with_columns(industry_id=pl.lit("bank"))
    waves = tables["waves"]
    scores = tables["service_scores"].with_columns(metric_id=pl.lit("servicescore"))
    r = rankings.industry_ranking(scores, companies, waves)
    assert r["rank"].to_list() == [1, 1] and r["n_ranked"].to_list() == [1, 1]


def test_telecom_and_authorities_near_the_bottom_measurement_after_measurement(sample):
    t = sample.tables
    history = rankings.rank_history(
        rankings.industry_ranking(t["service_scores"], t["companies"], t["waves"]), t["waves"]
    )
    summary = rankings.quarter_summary(history).to_dicts()
    by_id = {row["industry_id"]: row for row in summary}
    for industry in ("telekom", "myndigheter"):
        assert by_id[industry]["waves_bottom_quarter"] >= 0.75 * by_id[industry]["waves_ranked"]
    assert by_id["apotek"]["waves_top_quarter"] >= 0.75 * by_id["apotek"]["waves_ranked"]
    assert history.filter(pl.col("year").is_in([2020, 2021]))["rank"].null_count() == 2 * 22


def test_company_rank_history_within_industry(sample):
    t = sample.tables
    ranking = rankings.company_ranking(t["service_scores"], t["companies"], t["waves"])
    history = rankings.rank_history(
        ranking, t["waves"], entity="company_id", rank="industry_rank", n_ranked="industry_n_ranked"
    )
    assert history.height == t["companies"].height * t["waves"].height  # every wave, gaps included
    one = history.filter(pl.col("company_id") == "tele-01", pl.col("status") == "published")
    assert one["rank"].is_between(1, 9).all()
    summary = rankings.quarter_summary(history, "company_id")
    assert summary["waves_ranked"].max() <= 11

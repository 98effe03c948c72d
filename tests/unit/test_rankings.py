"""Rankings: weighted industry scores, margins, significance, ties, peers and rank history."""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest
from scipy import stats as sps
from statsmodels.stats.meta_analysis import combine_effects

from metrics.analytics import rankings
from metrics.ingest.load import load_dataset
from tests.conftest import tiny_tables


@pytest.fixture
def tiny(tiny_dir):
    return load_dataset(tiny_dir).tables


def test_industry_score_is_respondent_weighted_with_its_standard_error(tiny):
    r = rankings.industry_ranking(
        tiny["service_scores"], tiny["companies"], tiny["waves"], metric="servicescore"
    )
    bank = r.filter(pl.col("industry_id") == "bank", pl.col("year") == 2019).row(0, named=True)
    # a: 72.5 (n 250, sd 20); b: 68.0 (n 180, sd 19.5)
    assert bank["score"] == pytest.approx((250 * 72.5 + 180 * 68.0) / 430)
    sampling = math.sqrt(250**2 * 20**2 / 250 + 180**2 * 19.5**2 / 180) / 430
    assert bank["se_sampling"] == pytest.approx(sampling)
    # the spread between the two banks: DerSimonian–Laird, as statsmodels' meta-analysis has it
    variances = np.array([20**2 / 250, 19.5**2 / 180])
    tau2 = combine_effects(np.array([72.5, 68.0]), variances, method_re="dl").tau2
    assert bank["tau"] ** 2 == pytest.approx(tau2)
    se = math.sqrt(sampling**2 + tau2 * (250**2 + 180**2) / 430**2)
    assert bank["se"] == pytest.approx(se) and bank["se"] > 2 * sampling
    assert bank["ci_low"] == pytest.approx(bank["score"] - 1.959963984540054 * se)
    assert (bank["n_companies"], bank["n_respondents"], bank["rank"]) == (2, 430, 1)
    # one company: no spread between companies to add
    tele = r.filter(pl.col("industry_id") == "telekom", pl.col("year") == 2019).row(0, named=True)
    assert tele["tau"] == 0 and tele["se"] == pytest.approx(21 / math.sqrt(300))


def test_kish_effective_n_sets_the_margin(tiny):
    """Weighted ratings carry less information than their count: the margin divides by n_eff."""
    scores = tiny["service_scores"].with_columns(
        n_eff=pl.when(pl.col("company_id") == "a").then(125.0).otherwise(None)
    )
    r = rankings.company_ranking(scores, tiny["companies"], tiny["waves"], metric="servicescore")
    margins = dict(r.filter(pl.col("year") == 2019).select("company_id", "margin_95").iter_rows())
    assert margins["a"] == pytest.approx(1.96 * 20 / math.sqrt(125))  # n_eff, not n = 250
    assert margins["b"] == pytest.approx(1.96 * 19.5 / math.sqrt(180))  # none given: n


def test_equal_and_revenue_weighting(tiny):
    equal = rankings.industry_ranking(
        tiny["service_scores"],
        tiny["companies"],
        tiny["waves"],
        weighting="equal",
        metric="servicescore",
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
        metric="servicescore",
    )
    bank = revenue.filter(pl.col("industry_id") == "bank", pl.col("year") == 2019)
    assert bank["score"][0] == pytest.approx((300 * 72.5 + 100 * 68.0) / 400)
    # companies without revenue are left out of a revenue-weighted score, not weighted as zero
    assert revenue.filter(pl.col("industry_id") == "telekom").is_empty()


def test_change_is_against_the_previous_published_wave(tiny):
    r = rankings.company_ranking(
        tiny["service_scores"], tiny["companies"], tiny["waves"], metric="servicescore"
    )
    a = r.filter(pl.col("company_id") == "a", pl.col("year") == 2022).row(0, named=True)
    assert a["prev_year"] == 2019  # 2020 was cancelled: compared with 2019, never interpolated
    assert a["change"] == pytest.approx(74.0 - 72.5)
    se1, se2 = 20 / math.sqrt(250), 20 / math.sqrt(260)
    assert (a["se"], a["margin_95"]) == (pytest.approx(se2), pytest.approx(1.96 * se2))
    assert a["change_significant"] is False  # |+1.5| is within ±3.47
    assert a["change_rule"] == "bh"
    assert a["change_p"] == pytest.approx(2 * sps.norm.sf(1.5 / math.sqrt(se1**2 + se2**2)))


def test_without_sd_nothing_is_tested_unless_the_ski_rule_is_declared(tiny):
    scores = tiny["service_scores"].with_columns(sd=pl.lit(None, pl.Float64))
    r = rankings.company_ranking(scores, tiny["companies"], tiny["waves"], metric="servicescore")
    c = r.filter(pl.col("company_id") == "c", pl.col("year") == 2022).row(0, named=True)
    assert c["change"] == pytest.approx(60.0 - 61.2)
    assert (c["change_significant"], c["change_rule"]) == (None, "untestable")
    assert c["margin_95"] is None
    bank = r.filter(pl.col("company_id") == "a", pl.col("year") == 2022).row(0, named=True)
    assert bank["industry_tie_group"] is None and bank["industry_letters"] is None  # untold
    ski = rankings.company_ranking(
        scores, tiny["companies"], tiny["waves"], two_points=True, metric="servicescore"
    )
    c = ski.filter(pl.col("company_id") == "c", pl.col("year") == 2022).row(0, named=True)
    assert (c["change_significant"], c["change_rule"]) == (False, "ski_2pt")


def test_a_published_ranking_without_n_is_ranked_with_equal_weights(tiny):
    scores = tiny["service_scores"].with_columns(
        n=pl.lit(None, pl.Int64), sd=pl.lit(None, pl.Float64)
    )
    ranking = rankings.industry_ranking(
        scores, tiny["companies"], tiny["waves"], metric="servicescore"
    )
    assert ranking.height > 0 and ranking["se"].null_count() == ranking.height
    assert ranking["tie_group"].null_count() == ranking.height  # no ties claimed
    banks = ranking.filter(pl.col("industry_id") == "bank", pl.col("year") == 2022)
    two = scores.filter(pl.col("company_id").is_in(["a", "b"]), pl.col("year") == 2022)
    assert banks["score"].item() == pytest.approx(two["value"].mean())


def test_peer_average_excludes_the_company_and_low_base_is_flagged(tiny):
    r = rankings.company_ranking(
        tiny["service_scores"], tiny["companies"], tiny["waves"], metric="servicescore"
    )
    b = r.filter(pl.col("company_id") == "b", pl.col("year") == 2022).row(0, named=True)
    assert b["peer_mean"] == pytest.approx(74.0)  # the only other bank is a
    assert b["vs_peers"] == pytest.approx(67.5 - 74.0)
    assert b["low_base"] is True  # n = 40
    c = r.filter(pl.col("company_id") == "c", pl.col("year") == 2022).row(0, named=True)
    assert c["peer_mean"] is None and c["peer_companies"] == 0  # alone in its industry
    assert c["industry_rank"] == 1 and c["top3"] is True


def test_movers_are_corrected_across_the_family():
    """Three industries each move by z = 2.2 (p = 0.028 each): all three significant alone, and
    after Benjamini–Hochberg across the wave's industries all three p stay 0.028 (same rank). One
    such move among two flat ones is not significant after the correction (p·3 = 0.083)."""

    def scores(changes):
        rows = []
        for k, delta in enumerate(changes):
            for year, value in ((2019, 70.0), (2022, 70.0 + delta)):
                rows.append((f"c{k}", year, value, 100, 10.0))
        return pl.DataFrame(
            rows, schema=["company_id", "year", "value", "n", "sd"], orient="row"
        ).with_columns(metric_id=pl.lit("servicescore"))

    companies = pl.DataFrame(
        {"company_id": ["c0", "c1", "c2"], "name": ["A", "B", "C"], "industry_id": ["x", "y", "z"]}
    )
    waves = pl.DataFrame({"year": [2019, 2022], "status": ["published", "published"]})
    delta = 2.2 * math.sqrt(2) * 1.0  # se of each score = 10/√100 = 1
    moved = rankings.industry_ranking(
        scores([delta] * 3), companies, waves, metric="servicescore"
    ).filter(pl.col("year") == 2022)
    assert moved["change_significant"].to_list() == [True] * 3
    one = rankings.industry_ranking(
        scores([delta, 0.0, 0.0]), companies, waves, metric="servicescore"
    ).filter(pl.col("year") == 2022, pl.col("industry_id") == "x")
    assert one["change_p"][0] == pytest.approx(2 * sps.norm.sf(2.2))
    assert one["change_p_adjusted"][0] == pytest.approx(min(1.0, 3 * 2 * sps.norm.sf(2.2)))
    assert one["change_significant"][0] is False


def test_rank_history_keeps_cancelled_waves_as_gaps(tiny):
    ranking = rankings.industry_ranking(
        tiny["service_scores"], tiny["companies"], tiny["waves"], metric="servicescore"
    )
    history = rankings.rank_history(ranking, tiny["waves"])
    gap = history.filter(pl.col("year") == 2020)
    assert gap.height == 2 and gap["rank"].null_count() == 2
    assert set(gap["status"]) == {"cancelled"}


def test_single_industry_ranks_without_error():
    tables = tiny_tables()
    companies = tables["companies"].with_columns(industry_id=pl.lit("bank"))
    waves = tables["waves"]
    scores = tables["service_scores"].with_columns(metric_id=pl.lit("servicescore"))
    r = rankings.industry_ranking(scores, companies, waves, metric="servicescore")
    assert r["rank"].to_list() == [1, 1] and r["n_ranked"].to_list() == [1, 1]


def test_telecom_and_authorities_near_the_bottom_measurement_after_measurement(sample):
    t = sample.tables
    history = rankings.rank_history(
        rankings.industry_ranking(
            t["service_scores"], t["companies"], t["waves"], metric="servicescore"
        ),
        t["waves"],
    )
    summary = rankings.quarter_summary(history).to_dicts()
    by_id = {row["industry_id"]: row for row in summary}
    for industry in ("telekom", "myndigheter"):
        assert by_id[industry]["waves_bottom_quarter"] >= 0.75 * by_id[industry]["waves_ranked"]
    assert by_id["apotek"]["waves_top_quarter"] >= 0.75 * by_id["apotek"]["waves_ranked"]
    assert history.filter(pl.col("year").is_in([2020, 2021]))["rank"].null_count() == 2 * 22


def test_company_rank_history_within_industry(sample):
    t = sample.tables
    ranking = rankings.company_ranking(
        t["service_scores"], t["companies"], t["waves"], metric="servicescore"
    )
    history = rankings.rank_history(
        ranking, t["waves"], entity="company_id", rank="industry_rank", n_ranked="industry_n_ranked"
    )
    assert history.height == t["companies"].height * t["waves"].height  # every wave, gaps included
    one = history.filter(pl.col("company_id") == "tele-01", pl.col("status") == "published")
    assert one["rank"].is_between(1, 9).all()
    summary = rankings.quarter_summary(history, "company_id")
    assert summary["waves_ranked"].max() <= 11


def test_side_by_side_is_the_acsi_table(tiny):
    """Years side by side, not measured as null, % change from the previous published wave and
    from the first one, best first."""
    ranking = rankings.industry_ranking(
        tiny["service_scores"], tiny["companies"], tiny["waves"], metric="servicescore"
    )
    table = rankings.side_by_side(ranking, tiny["waves"], 2022)
    assert table.columns == [
        "industry_id",
        "2019",
        "2022",
        "previous_change_pct",
        "first_change_pct",
    ]
    bank19 = (250 * 72.5 + 180 * 68.0) / 430
    bank22 = (260 * 74.0 + 40 * 67.5) / 300
    rows = {r["industry_id"]: r for r in table.iter_rows(named=True)}
    assert rows["bank"]["2019"] == pytest.approx(bank19) and rows["bank"]["2022"] == pytest.approx(
        bank22
    )
    assert rows["bank"]["previous_change_pct"] == pytest.approx((bank22 / bank19 - 1) * 100)
    assert rows["telekom"]["first_change_pct"] == pytest.approx((60.0 / 61.2 - 1) * 100)
    assert table["industry_id"].to_list() == ["bank", "telekom"]  # sorted by the year asked for
    first = rankings.side_by_side(ranking, tiny["waves"], 2019)
    assert first.columns[:2] == ["industry_id", "2019"] and "2022" not in first.columns
    assert first["previous_change_pct"].null_count() == 2  # no earlier wave
    assert first["first_change_pct"].to_list() == [pytest.approx(0.0)] * 2


def test_side_by_side_over_three_waves_with_a_gap():
    """Three waves; one industry not measured in the last: NM (null), sorted last, and its
    previous-wave change cannot be computed; the change is against the wave just before."""
    scores = pl.DataFrame(
        {
            "company_id": ["a", "b", "a", "b", "a"],
            "year": [2017, 2017, 2018, 2018, 2019],
            "metric_id": ["servicescore"] * 5,
            "value": [70.0, 60.0, 77.0, 66.0, 70.0],
            "n": [100] * 5,
            "sd": [20.0] * 5,
        }
    )
    companies = pl.DataFrame(
        {"company_id": ["a", "b"], "name": ["A", "B"], "industry_id": ["x", "y"]}
    )
    waves = pl.DataFrame({"year": [2017, 2018, 2019], "status": ["published"] * 3})
    ranking = rankings.industry_ranking(scores, companies, waves, metric="servicescore")
    table = rankings.side_by_side(ranking, waves, 2019)
    assert table["industry_id"].to_list() == ["x", "y"]  # y has no 2019 score: last
    x, y = table.row(0, named=True), table.row(1, named=True)
    assert x["previous_change_pct"] == pytest.approx((70 / 77 - 1) * 100)  # 2018, not 2017
    assert x["first_change_pct"] == pytest.approx(0.0)
    assert y["2019"] is None and y["previous_change_pct"] is None and y["first_change_pct"] is None
    assert table.schema["previous_change_pct"] == pl.Float64
    before = rankings.side_by_side(ranking, waves, 2016)  # before any wave: nothing to compare
    assert before.columns == ["industry_id", "previous_change_pct", "first_change_pct"]
    assert before.is_empty()

"""Chart titles that state their finding (metrics/analytics/findings/headlines.py): the numbers in the
title are the analytics' own, the words follow them, and other shapes of benchmark (one wave, no n,
no industries) get an honest title instead of a claim the data cannot carry."""

from __future__ import annotations

import polars as pl
import pytest

from metrics.analytics import drivers, relations, views
from metrics.analytics.findings import headlines
from metrics.analytics.rankings import company_ranking

SERVICE = "servicescore"


@pytest.fixture(scope="module")
def ranking(sample) -> pl.DataFrame:
    return views.industry_ranking(sample.tables, SERVICE, "respondents", "en", False)


@pytest.fixture(scope="module")
def shaped(tmp_path_factory):
    from metrics.ingest.load import load_dataset
    from tests.shapes import SHAPES

    root = tmp_path_factory.mktemp("headline_shapes")
    return {
        name: load_dataset(SHAPES[name](root / name))
        for name in ("one_wave", "published", "no_industries")
    }


def test_ranking_title_counts_the_waves_the_bottom_industry_was_last(ranking):
    said = headlines.ranking_title(ranking, 2025, "en")
    telecom = ranking.filter(pl.col("industry_id") == "telekom")
    last = telecom.filter(pl.col("rank") == pl.col("n_ranked")).height
    assert 0 < last < telecom.height == 11  # the sample: last in most waves, not all
    assert (
        said.title
        == f"Telecom operators rank last of 22 industries in 2025, as in {last} of 11 waves"
    )
    bottom = ranking.filter(pl.col("year") == 2025, pl.col("industry_id") == "telekom").row(
        0, named=True
    )
    assert "22 industries" in said.subtitle and "95% intervals" in said.subtitle
    assert f"tied with {bottom['tied_with']} others" in said.subtitle
    people = int(ranking.filter(pl.col("year") == 2025)["n_respondents"].sum())
    assert f"n = {people:,}" in said.subtitle


def test_ranking_title_in_swedish_and_for_our_industry(ranking, sample):
    swedish = views.industry_ranking(sample.tables, SERVICE, "respondents", "sv", False)
    sv = headlines.ranking_title(swedish, 2025, "sv")
    label = swedish.filter(pl.col("industry_id") == "telekom")["label"][0]
    assert sv.title.startswith(f"{label} ligger sist av 22 branscher 2025, som i ")
    assert "95 %-intervall" in sv.subtitle and "n = 38\xa0465" in sv.subtitle
    ours = headlines.ranking_title(ranking, 2025, "en", ours="telekom")
    score = ranking.filter(pl.col("year") == 2025, pl.col("industry_id") == "telekom")["score"][0]
    assert ours.title == f"Telecom operators rank last of 22 industries in 2025, at {score:.1f}"
    first = ranking.filter(pl.col("year") == 2025, pl.col("rank") == 3).row(0, named=True)
    third = headlines.ranking_title(ranking, 2025, "en", ours=first["industry_id"])
    assert f"{first['label']} rank 3rd of 22 industries" in third.title


def test_company_and_history_titles_use_the_ranking_numbers(sample):
    t = sample.tables
    rows = company_ranking(t["service_scores"], t["companies"], t["waves"], SERVICE)
    mine = rows.filter(pl.col("company_id") == "tele-03")
    now = mine.filter(pl.col("year") == 2025).row(0, named=True)
    said = headlines.company_title(now, "Telecom operators", "en")
    assert said.title == (
        f"Havängs Telekom scores {abs(now['vs_peers']):.1f} points below the other companies in "
        "its industry"
    )
    assert f"± {now['margin_95']:.1f} (95%), n = {now['n']}" in said.subtitle
    history = headlines.history_title(mine, 2025, "en")
    assert (
        history.title
        == f"Havängs Telekom rose {now['change']:.1f} points since 2024, a significant change"
    )
    before = headlines.history_title(mine, 2024, "sv")
    assert before.title.startswith("Havängs Telekom") and "sedan 2023" in before.title


def test_rank_moment_and_importance_titles(sample):
    t = sample.tables
    rows = company_ranking(t["service_scores"], t["companies"], t["waves"], SERVICE)
    history = rows.filter(pl.col("company_id") == "tele-03").select(
        "year", rank="industry_rank", n_ranked="industry_n_ranked"
    )
    said = headlines.rank_title(history, "Havängs Telekom", 2025, "en")
    best = history.sort("rank").row(0, named=True)
    assert said.title.startswith("Havängs Telekom ranks 6th of 9 in its industry in 2025")
    assert said.title.endswith(
        f"its best was {best['rank']}th in {history.filter(pl.col('rank') == best['rank'])['year'].max()}"
    )
    ip = drivers.importance_performance(
        t["service_scores"], t["companies"], "tele-03", 2025, SERVICE
    )
    focus = drivers.fix_first(ip)
    top = focus.row(0, named=True)
    said = headlines.ip_title(focus, {top["metric_id"]: "Delivery"}, 2025, "en")
    assert (
        said.title
        == f"Start with delivery: important, and {-top['gap_to_best']:.1f} points behind the industry's best"
    )
    assert f"importance r = {top['importance_r']:.2f}" in said.subtitle
    assert headlines.ip_title(focus.head(0), {}, 2025, "en").title.startswith("No important")


def test_peer_title_reads_each_metric_in_its_direction():
    rows = pl.DataFrame(
        {
            "metric_id": ["margin", "turnover", "enps"],
            "company": [5.0, 10.0, -3.0],
            "peer_mean": [4.0, 12.0, 2.0],
        }
    )
    up = {"margin": True, "turnover": False, "enps": True}
    said = headlines.peer_title(rows, up, "Acme", 2024, "en", ["Staff turnover"])
    assert said.title == "Acme does better than its peers on 2 of 3 measures"  # margin, turnover
    assert said.subtitle.endswith("lower is better for Staff turnover")
    assert headlines.peer_title(rows.head(0), up, "Acme", 2024, "en", []) is None


def test_distribution_title_counts_ratings_one_and_two():
    own = pl.DataFrame(
        {
            "rating": [1, 2, 3, 4, 5],
            "share_pct": [4.0, 6.0, 20.0, 30.0, 40.0],
            "respondents": [4, 6, 20, 30, 40],
        }
    )
    industry = pl.DataFrame({"rating": [1, 2, 3, 4, 5], "share_pct": [1.0, 2.0, 27.0, 30.0, 40.0]})
    said = headlines.distribution_title(own, industry, "Acme", 2024, "en")
    assert (
        said.title
        == "10% of Acme's respondents give the two lowest ratings, against 3% in its industry"
    )
    assert said.subtitle.endswith("n = 100 respondents")
    # nobody gave a 1: the lowest two are still 1 and 2, not the two lowest given
    skewed = own.filter(pl.col("rating") > 1)
    assert headlines.distribution_title(skewed, None, "Acme", 2024, "en").title.startswith("6% ")


def test_within_and_relation_titles_never_claim_more_than_the_interval():
    est = pl.DataFrame(
        {
            "outcome": ["a", "b"],
            "beta": [0.2, -0.1],
            "ci_low": [0.05, -0.3],
            "ci_high": [0.35, 0.1],
            "companies": [40, 40],
        }
    )
    said = headlines.within_title(est, {"a": "EBIT margin"}, "en")
    assert (
        said.title
        == "The year after service rises, EBIT margin rises: 0.20 per point (1 of 2 outcomes clear)"
    )
    none = headlines.within_title(est.with_columns(ci_low=pl.lit(-1.0)), {}, "en")
    assert (
        none.title == "Of 2 outcomes, none clearly moves the year after a company's service rises"
    )
    unclear = {"pearson_r": 0.08, "pearson_boot_low": -0.08, "pearson_boot_high": 0.23, "n": 183}
    title = headlines.relation_title(unclear, "ServiceScore", "EBIT margin", 2025, "en")
    assert title.title == "No clear link between ServiceScore and EBIT margin in 2025 (r = 0.08)"
    assert (
        "95% bootstrap CI -0.08 to 0.23" in title.subtitle and "n = 183 companies" in title.subtitle
    )
    link = dict(unclear, pearson_boot_low=0.02)
    assert headlines.relation_title(
        link, "ServiceScore", "EBIT margin", 2025, "en"
    ).title.startswith("Better ServiceScore goes with higher EBIT margin in 2025: r = 0.08")
    assert "Too few" in headlines.relation_title(None, "A", "B", 2025, "en").title


def test_one_wave_says_one_wave(shaped):
    t = shaped["one_wave"].tables
    ranking = views.industry_ranking(t, SERVICE, "respondents", "en", False)
    said = headlines.ranking_title(ranking, 2024, "en")
    bottom = ranking.sort("rank").row(-1, named=True)
    top = ranking.sort("rank").row(0, named=True)
    assert (
        said.title
        == f"{top['label']} rank first and {bottom['label']} last of 5 industries in 2024"
    )
    rows = company_ranking(t["service_scores"], t["companies"], t["waves"], SERVICE)
    first = rows.row(0, named=True)
    history = headlines.history_title(
        rows.filter(pl.col("company_id") == first["company_id"]), 2024, "en"
    )
    assert history.title.endswith("in 2024, its first wave")


def test_no_n_says_there_is_no_interval(shaped):
    t = shaped["published"].tables
    ranking = views.industry_ranking(t, SERVICE, "respondents", "en", False)
    year = int(ranking["year"].max())
    said = headlines.ranking_title(ranking, year, "en")
    assert "no intervals" in said.subtitle and "n = " not in said.subtitle
    assert "±" not in said.title + said.subtitle
    rows = company_ranking(t["service_scores"], t["companies"], t["waves"], SERVICE)
    row = rows.filter(pl.col("year") == year).row(0, named=True)
    assert "no margin of error" in headlines.company_title(row, None, "en").subtitle


def test_no_industries_gives_no_ranking_title(shaped):
    t = shaped["no_industries"].tables
    ranking = views.industry_ranking(t, SERVICE, "respondents", "en", False)
    assert ranking.is_empty() and headlines.ranking_title(ranking, 2023, "en") is None
    rows = company_ranking(t["service_scores"], t["companies"], t["waves"], SERVICE)
    row = rows.filter(pl.col("year") == 2023).row(0, named=True)
    said = headlines.company_title(row, None, "en")
    # no industry: the peers are every other company measured, and the title says so
    gap = abs(row["vs_peers"])
    side = "above" if row["vs_peers"] > 0 else "below"
    assert (
        said.title == f"{row['name']} scores {gap:.1f} points {side} the other companies measured"
    )
    assert "–" not in said.subtitle and "the other 29 companies average" in said.subtitle
    values = relations.metric_values(t["service_scores"], t.get("commercial"), t.get("employer"))
    assert values.height  # the relation titles still have their data here

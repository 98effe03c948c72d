"""Finding titles: the sentence each chart proves, with its number, never more than the evidence
allows — on the sample and on benchmarks of other shapes (no n, one wave)."""

from __future__ import annotations

import polars as pl
import pytest

from metrics.analytics import relations, views
from metrics.analytics.findings import titles as T
from metrics.ingest.load import load_dataset
from metrics.text.i18n import LANGS
from tests.shapes import one_wave, published


@pytest.fixture(scope="module")
def t(sample):
    return sample.tables


@pytest.fixture(scope="module")
def ranking(t):
    return views.industry_ranking(t, "servicescore")


def wave(ranking: pl.DataFrame, year: int) -> pl.DataFrame:
    return ranking.filter(pl.col("year") == year)


def test_ranking_title_names_the_top_and_how_long_the_bottom_has_been_last(ranking):
    now = wave(ranking, 2025).sort("rank")
    top, bottom = now["label"][0], now["label"][-1]
    bottom_id = now["industry_id"][-1]
    own = ranking.filter(pl.col("industry_id") == bottom_id)
    last = own.filter(pl.col("rank") == pl.col("n_ranked")).height
    title = T.ranking_title(now, ranking, "en")
    assert title.startswith(top)
    assert f"{bottom} last in {last} of {own.height} waves" in title
    # the leader cannot be told apart from others: it does not "lead"
    tied = now["tied_with"][0]
    assert (f"and {tied} more share the top" in title) == (tied > 0)
    assert ("lead" in title) == (tied == 0)


def test_ranking_title_places_ours_when_neither_top_nor_bottom(ranking):
    now = wave(ranking, 2025).sort("rank")
    middle = now.row(now.height // 2, named=True)
    title = T.ranking_title(now, ranking, "en", ours=middle["industry_id"])
    assert title.endswith(f"{middle['label']} rank {T.ordinal(middle['rank'])} of {now.height}")
    sv = T.ranking_title(now, ranking, "sv", ours=middle["industry_id"])
    assert sv.endswith(f"plats {middle['rank']} av {now.height}")


def test_ranking_title_of_a_filtered_earlier_wave_claims_no_lead_and_counts_no_later_wave(ranking):
    shown = ["bank", "flyg", "energi", "telekom"]
    now = wave(ranking, 2016).filter(pl.col("industry_id").is_in(shown)).sort("rank")
    top = now.row(0, named=True)
    assert top["rank"] > 1  # the sample: none of them leads
    title = T.ranking_title(now, ranking, "en")
    assert title.startswith(f"{top['label']} rank {T.ordinal(top['rank'])} of {top['n_ranked']}")
    assert "share the top" not in title and "lead" not in title
    bottom = now.row(-1, named=True)
    assert bottom["rank"] == bottom["n_ranked"]  # the sample: Telecom operators, last in 2016
    mine = pl.col("industry_id") == bottom["industry_id"]
    until = ranking.filter(mine, pl.col("year") <= 2016)
    assert until.height < ranking.filter(mine).height
    assert title.endswith(f"of {until.height} waves")


def test_history_title_counts_first_and_last_places(ranking, t):
    history = views.industry_history(ranking, t)
    latest = wave(ranking, 2025).sort("rank")
    top_id = latest["industry_id"][0]
    firsts = ranking.filter(pl.col("industry_id") == top_id, pl.col("rank") == 1).height
    title = T.history_title(history, "en")
    assert title.startswith(f"{latest['label'][0]} first in {firsts} of ")
    assert f"{latest['label'][-1]} last in " in title


def test_relation_title_says_no_clear_link_when_the_interval_spans_zero():
    stats = {"pearson_r": 0.08, "pearson_boot_low": -0.02, "pearson_boot_high": 0.17}
    assert T.relation_title(stats, "eNPS", "en") == "No clear link between service and eNPS"
    assert T.relation_title(stats, "eNPS", "sv") == "Inget tydligt samband mellan service och eNPS"


def test_relation_title_states_direction_strength_and_r(t):
    values = relations.metric_values(t["service_scores"], t["commercial"], t["employer"])
    stats = relations.relation(
        values, t["companies"], "servicescore", "ebit_margin_pct", reps=300
    ).row(0, named=True)
    assert stats["pearson_boot_low"] > 0  # the sample's planted link
    title = T.relation_title(stats, "EBIT margin", "en")
    assert title.startswith("Better service goes with higher EBIT margin — a ")
    assert title.endswith(f"(r = {stats['pearson_r']:.2f})")
    negative = {"pearson_r": -0.32, "pearson_boot_low": -0.4, "pearson_boot_high": -0.2}
    said = T.relation_title(negative, "staff turnover", "en")
    assert "lower staff turnover — a moderate link (r = −0.32)" in said
    assert T.relation_title(None, "eNPS", "en").startswith("Too few companies")
    open_ = {"pearson_r": 0.3, "pearson_boot_low": None, "pearson_boot_high": None}
    assert "too few companies to tell" in T.relation_title(open_, "eNPS", "en")
    sub = T.relation_subtitle(stats, "en")
    assert "95% CI" in sub and "bootstrap" in sub and f"n = {stats['n']:,}" in sub


def test_yearly_r_is_each_years_own_correlation(t):
    values = relations.metric_values(t["service_scores"], t["commercial"], t["employer"])
    points = relations.relation_data(values, t["companies"], "servicescore", "enps")
    by_year = T.yearly_r(points)
    one = points.filter(pl.col("year") == 2019)
    expected = one.select(pl.corr("x", "y")).item()
    row = by_year.filter(pl.col("year") == 2019).row(0, named=True)
    assert row["r"] == pytest.approx(expected) and row["n"] == one.height
    assert T.year_subtitle(2019, row["r"], row["n"], "en").startswith(
        f"2019: r = {expected:.2f} over that year's {one.height} companies"
    )
    assert "too few" in T.year_subtitle(2019, None, 2, "en")


def test_matrix_title_claims_only_pairs_clear_after_correction():
    matrix = pl.DataFrame(
        {
            "x_metric": ["a", "a", "b", "b", "a", "b"],
            "y_metric": ["a", "b", "b", "a", "c", "c"],
            "n": [100] * 6,
            "companies": [100] * 6,
            "r": [1.0, 0.5, 1.0, 0.5, 0.1, -0.6],
            "low": [None, 0.3, None, 0.3, -0.1, -0.7],
            "high": [None, 0.7, None, 0.7, 0.3, -0.4],
            "p": [None, 0.0001, None, 0.0001, 0.3, 0.00001],
        }
    )
    labels = {"a": "Service", "b": "eNPS", "c": "Turnover"}
    assert (
        T.matrix_title(matrix, labels, "en", anchor="a") == "Service goes most with eNPS (r = 0.50)"
    )
    assert T.matrix_title(matrix, labels, "en") == "eNPS goes most with Turnover (r = −0.60)"
    unclear = matrix.with_columns(p=pl.lit(0.5), low=pl.lit(-0.1))
    assert T.matrix_title(unclear, labels, "en", anchor="a").startswith("No clear link")
    assert "2 of 3 pairs clear" in T.matrix_subtitle(matrix, 2025, "en")


def test_transition_title_is_the_share_that_stays():
    counts = pl.DataFrame(
        {"from_quadrant": ["a", "a", "b"], "to_quadrant": ["a", "b", "b"], "companies": [6, 2, 2]}
    )
    assert T.transition_title(counts, "en").startswith("Most companies stay put: 80% of 10 moves")
    empty = counts.clear()
    assert T.transition_title(empty, "en").startswith("No movement to show")


@pytest.fixture(scope="module")
def shaped(tmp_path_factory):
    root = tmp_path_factory.mktemp("title_shapes")
    return {
        name: load_dataset(make(root / name)).tables
        for name, make in (("published", published), ("one_wave", one_wave))
    }


def test_without_n_no_lead_or_margin_is_claimed(shaped):
    tables = shaped["published"]
    ranking = views.industry_ranking(tables, "servicescore")
    latest = wave(ranking, int(ranking["year"].max()))
    assert latest["se"].is_null().all()  # the shape: scores as published
    for lang in LANGS:
        title = T.ranking_title(latest, ranking, lang)
        assert "±" not in title and "share the top" not in title and "delar" not in title
    assert T.ranking_title(latest, ranking, "en").split(";")[0].endswith("score highest")


def test_one_wave_says_no_n_of_n_waves(shaped):
    tables = shaped["one_wave"]
    ranking = views.industry_ranking(tables, "servicescore")
    history = views.industry_history(ranking, tables)
    latest = wave(ranking, int(ranking["year"].max()))
    for lang in LANGS:
        for title in (T.ranking_title(latest, ranking, lang), T.history_title(history, lang)):
            assert " of 1 " not in title and " av 1 " not in title, title
    assert T.ranking_title(latest, ranking, "en").endswith(
        f"{latest.sort('rank')['label'][-1]} rank last"
    )
    assert T.history_title(history, "en").startswith("One wave so far:")


def test_quartile_title_claims_a_gap_only_when_its_interval_leaves_out_zero():
    gap = pl.DataFrame(
        {
            "outcome": ["m", "g"],
            "difference": [2.4, 0.5],
            "ci_low": [1.0, -0.5],
            "ci_high": [3.5, 1.5],
        }
    )
    assert T.quartile_title(gap, "m", "EBIT margin", "en") == (
        "EBIT margin: the top service quartile +2.4 against the bottom (medians)"
    )
    assert "no clear gap" in T.quartile_title(gap, "g", "Growth", "en")
    assert "+2,4" in T.quartile_title(gap, "m", "EBIT-marginal", "sv")
    assert "too few" in T.quartile_title(gap, "x", "ROA", "en")

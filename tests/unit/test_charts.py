"""Chart builders: the right traces, axes, titles, whiskers and gaps — without Streamlit."""

from __future__ import annotations

import math

import plotly.graph_objects as go
import polars as pl
import pytest

from dashboard import theme
from dashboard.charts import company, effects, rankings, relations
from dashboard.charts.common import decorate
from metrics.analytics import rankings as R
from metrics.analytics import relations as REL


def missing(value) -> bool:
    """Plotly keeps a gap as None or NaN; both break a line."""
    return value is None or math.isnan(value)


@pytest.fixture(scope="module")
def t(sample):
    return sample.tables


def industry_ranking(t, year=2025):
    labels = t["industries"].select("industry_id", pl.col("name_en").alias("label"))
    r = R.industry_ranking(
        t["service_scores"], t["companies"], t["waves"], metric="servicescore"
    ).join(labels, on="industry_id")
    return r, r.filter(pl.col("year") == year)


def test_decorate_sets_title_subtitle_source_and_template():
    fig = decorate(go.Figure(), "Title", "n = 10 · 2025", "Source: test")
    assert fig.layout.title.text == "Title" and fig.layout.title.subtitle.text == "n = 10 · 2025"
    assert fig.layout.annotations[0].text == "Source: test"
    assert fig.layout.template.layout.colorway == theme.CATEGORICAL
    # a figure made with another template gets ours
    other = decorate(go.Figure(layout={"template": "plotly"}), "Title")
    assert other.layout.template.layout.colorway == theme.CATEGORICAL


def test_ranking_bars_sorted_with_ci_whiskers_and_movers(t):
    _, now = industry_ranking(t)
    fig = rankings.ranking_bars(now, title="Industry ranking 2025")
    dots = fig.data[0]
    assert list(dots.x) == sorted(dots.x, reverse=True)  # best first
    best = now.sort("rank").row(0, named=True)
    assert dots.error_x.array[0] == pytest.approx(best["ci_high"] - best["score"])
    movers = now.filter(pl.col("change_significant")).height
    assert sum(label.startswith(("▲", "▼")) for label in fig.layout.yaxis.ticktext) == movers
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # rank 1 on top


def test_bump_chart_breaks_at_cancelled_waves(t):
    ranking, _ = industry_ranking(t)
    history = R.rank_history(ranking, t["waves"]).join(
        t["industries"].select("industry_id", pl.col("name_en").alias("label")), on="industry_id"
    )
    fig = rankings.bump_chart(history)
    lines = [d for d in fig.data if d.mode != "text"]
    assert len(lines) == 22
    line = lines[0]
    years = list(line.x)
    assert missing(line.y[years.index(2020)]) and line.connectgaps is False
    shapes = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(shapes) == 1 and (shapes[0].x0, shapes[0].x1) == (
        2019.5,
        2021.5,
    )  # one band, two waves


def scatter_points(t, y="enps"):
    values = REL.metric_values(t["service_scores"], t["commercial"], t["employer"])
    labels = t["industries"].select("industry_id", pl.col("name_en").alias("industry_label"))
    points = REL.relation_data(values, t["companies"], "servicescore", y).join(
        labels, on="industry_id", how="left"
    )
    return values, points.join(t["companies"].select("company_id", "name"), on="company_id")


def test_relation_scatter_draws_every_point_once_and_the_trend(t):
    values, points = scatter_points(t)
    stats = REL.relation(values, t["companies"], "servicescore", "enps", reps=0).row(0, named=True)
    fig = relations.relation_scatter(
        points, stats, "Service", "eNPS", subtitle=f"r = {stats['pearson_r']:.2f}"
    )
    trend = next(d for d in fig.data if d.mode == "lines")
    assert trend.name == "Trend (OLS)" and trend.line.width >= 2.5
    assert trend.y[0] == pytest.approx(stats["intercept"] + stats["slope"] * trend.x[0])
    assert sum(len(d.x) for d in fig.data if d.mode == "markers") == points.height
    assert "r = " in fig.layout.title.subtitle.text
    # 22 industries and no company chosen: one grey, no 22-colour legend
    colours = {d.marker.color for d in fig.data if d.mode == "markers"}
    assert colours == {theme.PEER}


def test_relation_scatter_labels_highlighted_companies_only(t):
    _, points = scatter_points(t)
    chosen = points["company_id"][0]
    name = points["name"][0]
    plain = relations.relation_scatter(points, None, "Service", "eNPS")
    marked = relations.relation_scatter(points, None, "Service", "eNPS", highlight={chosen})
    assert not [d for d in plain.data if d.mode == "text"]
    label = next(d for d in marked.data if d.mode == "text")
    assert [x.strip() for x in label.text] == [name]
    dark = [d for d in marked.data if d.mode == "markers" and d.marker.color == theme.PEER_DARK]
    assert {c[0] for d in dark for c in d.customdata} == {chosen}


def test_animated_scatter_has_a_frame_per_year_and_trails(t):
    _, points = scatter_points(t)
    fig = relations.animated_scatter(points, "Service", "eNPS", trails={"tele-01"})
    years = points["year"].unique().sort().to_list()
    assert [f.name for f in fig.frames] == [str(y) for y in years]
    assert [s.label for s in fig.layout.sliders[0].steps] == [str(y) for y in years]
    last = fig.frames[-1].data[-1]  # the trail: every wave up to the last
    assert len(last.x) == points.filter(pl.col("company_id") == "tele-01").height


def test_quartile_gap_bars_grey_when_the_interval_crosses_zero():
    gap = pl.DataFrame(
        {
            "outcome": ["a", "b"],
            "difference": [2.0, 0.5],
            "ci_low": [1.0, -0.5],
            "ci_high": [3.0, 1.5],
            "median_top": [5.0, 1.0],
            "median_bottom": [3.0, 0.5],
            "n_top": [10, 10],
            "n_bottom": [10, 10],
        }
    )
    fig = effects.quartile_gap_bars(gap, {"a": "A", "b": "B"})
    assert list(fig.data[0].marker.color) == [effects.CLEAR, effects.UNCLEAR]
    assert theme.OURS not in fig.data[0].marker.color  # the accent is our company's only
    assert list(fig.data[0].text) == ["+2.00", "+0.50"]
    assert list(fig.data[0].error_x.array) == [1.0, 1.0]


def test_score_history_band_never_bridges_a_gap(t):
    ranking = R.company_ranking(
        t["service_scores"], t["companies"], t["waves"], metric="servicescore"
    )
    one = ranking.filter(pl.col("company_id") == "tele-01")
    fig = company.score_history(one, t["waves"])
    bands = [d for d in fig.data if d.fill == "toself"]
    assert len(bands) == 2  # 2013–2019 and 2022–2025
    for band in bands:
        assert not {2020, 2021} & set(band.x)
    line = next(d for d in fig.data if d.name == "Company")
    assert line.line.color == theme.OURS
    assert line.connectgaps is False and missing(line.y[list(line.x).index(2020)])


def test_correlation_heatmap_shows_n_in_every_cell_of_the_lower_triangle(t):
    values = REL.metric_values(t["service_scores"], t["commercial"], t["employer"])
    matrix = REL.correlation_matrix(values, t["companies"], ["servicescore", "enps"], reps=0)
    fig = relations.correlation_heatmap(matrix, {})
    assert [list(r) for r in fig.data[0].text] == [[c for c in fig.data[0].text[0]]]
    assert all("n=" in cell for row in fig.data[0].text for cell in row)
    assert fig.data[0].zmin == -1 and fig.data[0].zmax == 1


def test_sentence_titles_wrap_to_the_screen_and_make_room_for_their_lines():
    from dashboard.charts import common

    title = "Telecom operators rank last of 22 industries in 2025, as in 8 of 11 waves"
    wide = decorate(go.Figure(), title, "a subtitle that is short", "Source: x", 500)
    assert wide.layout.title.text == title  # one line on a laptop or projector
    common.narrow_screen(True)
    try:
        narrow = decorate(go.Figure(), title, "a subtitle that is short", "Source: x", 500)
    finally:
        common.narrow_screen(False)
    lines = narrow.layout.title.text.split("<br>")
    assert " ".join(lines) == title and all(len(line) <= 26 for line in lines) and len(lines) == 3
    assert narrow.layout.height == wide.layout.height + 2 * 50  # room made for two more lines
    assert narrow.layout.margin.t == 90 + 2 * 50
    assert common.is_phone("Mozilla/5.0 (iPhone) Mobile/15E148")
    assert not common.is_phone("Mozilla/5.0 (X11; Linux x86_64)") and not common.is_phone(None)


def test_the_score_axis_says_the_scale_the_catalogue_declares_and_none_it_does_not():
    from dashboard.charts import common
    from dashboard.charts.rankings import ranking_bars

    assert common.score_axis("en", (0.0, 100.0)) == "Score (0–100) with 95% interval"
    assert common.score_axis("sv", (1.0, 10.0), short=True) == "Betyg (1–10)"
    assert common.score_axis("en") == "Score with 95% interval"  # no scale assumed
    ranking = pl.DataFrame(
        {
            "industry_id": ["a", "b"],
            "label": ["A", "B"],
            "rank": [1, 2],
            "score": [7.9, 6.1],
            "ci_low": [7.5, 5.8],
            "ci_high": [8.3, 6.4],
            "change": [None, None],
            "change_significant": [None, None],
            "tie_group": [1, 2],
            "n_respondents": [300, 280],
        },
        schema_overrides={"change": pl.Float64, "change_significant": pl.Boolean},
    )
    fig = ranking_bars(ranking, scale=(1.0, 10.0))
    import html

    assert html.unescape(fig.layout.xaxis.title.text) == "Score (1–10) with 95% interval"

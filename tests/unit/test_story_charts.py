"""Story-first charts (issue 17): the accent on exactly our industry or company, with its label;
peers grey; never more than six colours; ranks 1..N with 1 on top; what cannot be told apart as
one band; the correlation matrix's lower triangle; each animation frame with its own year's r."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard import theme
from dashboard.charts import rankings, relations
from metrics.analytics import relations as REL
from metrics.analytics import views
from metrics.analytics.findings import titles as T

OURS = "tele-03"  # Havängs Telekom
OURS_NAME = "Havängs Telekom"


@pytest.fixture(scope="module")
def t(sample):
    return sample.tables


@pytest.fixture(scope="module")
def ranking(t):
    return views.industry_ranking(t, "servicescore")


@pytest.fixture(scope="module")
def points(t):
    values = REL.metric_values(t["service_scores"], t["commercial"], t["employer"])
    labels = t["industries"].select("industry_id", pl.col("name_en").alias("industry_label"))
    revenue = t["commercial"].select(
        "company_id", pl.col("fiscal_year").alias("year"), pl.col("revenue_msek").alias("size")
    )
    return (
        REL.relation_data(values, t["companies"], "servicescore", "ebit_margin_pct")
        .join(labels, on="industry_id", how="left")
        .join(t["companies"].select("company_id", "name"), on="company_id")
        .join(revenue, on=["company_id", "year"], how="left")
    )


def marker_colours(fig) -> set[str]:
    out: set[str] = set()
    for d in fig.data:
        if "markers" in (d.mode or "") or d.type == "heatmap":
            colour = d.marker.color
            out |= set(colour) if isinstance(colour, (list, tuple)) else {colour}
    return out


def test_ranking_accents_exactly_our_industry_with_its_label(ranking):
    now = ranking.filter(pl.col("year") == 2025).sort("rank")
    label = "our industry (Havängs Telekom)"
    fig = rankings.ranking_bars(now, highlight={"telekom"}, direct={"telekom": label})
    dots, values = fig.data[0], fig.data[1]
    at = now["industry_id"].to_list().index("telekom")
    assert [i for i, c in enumerate(dots.marker.color) if c == theme.OURS] == [at]
    assert set(dots.marker.color) - {theme.OURS} == {theme.PEER}
    assert [i for i, text in enumerate(values.text) if label in text] == [at]
    assert values.text[at].startswith(f"{now['score'][at]:.1f}")
    # every other dot has its value, and only its value
    assert all(
        text == f"{s:.1f}"
        for i, (text, s) in enumerate(zip(values.text, now["score"], strict=True))
        if i != at
    )
    # dots on a tight axis: no bar pretends to start at zero
    assert not [d for d in fig.data if d.type == "bar"]
    assert fig.layout.xaxis.range[0] > 0.9 * now["ci_low"].min()


def test_ranking_without_ours_names_top_and_bottom_in_dark_grey(ranking):
    now = ranking.filter(pl.col("year") == 2025).sort("rank")
    colours = list(rankings.ranking_bars(now).data[0].marker.color)
    assert colours[0] == colours[-1] == theme.PEER_DARK
    assert set(colours[1:-1]) == {theme.PEER} and theme.OURS not in colours


def test_the_band_covers_exactly_what_cannot_be_told_apart(ranking):
    now = ranking.filter(pl.col("year") == 2025).sort("rank")
    letters = now["letters"].to_list()
    for highlight, anchor in ((set(), 0), ({"telekom"}, now.height - 1)):
        fig = rankings.ranking_bars(now, highlight=highlight)
        covered = {row for s in fig.layout.shapes for row in range(now.height) if s.y0 < row < s.y1}
        tied = {i for i, w in enumerate(letters) if set(w) & set(letters[anchor])}
        assert covered == tied and anchor in covered
        # never stripes: one band per run of rows, and never over a row told apart from the anchor
        assert len(fig.layout.shapes) == len(rankings._runs(sorted(tied)))


def test_company_ranking_accents_our_company(t):
    companies = (
        views.company_ranking(t, "servicescore")
        .filter(pl.col("year") == 2025, pl.col("industry_id") == "telekom")
        .rename(
            {
                "industry_rank": "rank",
                "industry_letters": "letters",
                "industry_tie_group": "tie_group",
            }
        )
    )
    fig = rankings.ranking_bars(companies, key="company_id", highlight={OURS})
    at = companies.sort("rank")["company_id"].to_list().index(OURS)
    assert [i for i, c in enumerate(fig.data[0].marker.color) if c == theme.OURS] == [at]
    assert OURS_NAME in fig.data[1].text[at]


def test_rank_history_labels_ours_top_and_bottom_on_a_1_to_n_axis(ranking, t):
    history = views.industry_history(ranking, t)
    fig = rankings.bump_chart(history, highlight={"hotell"}, direct={"hotell": "ours"})
    n = int(history["n_ranked"].max())
    assert tuple(fig.layout.yaxis.range) == (n + 0.5, 0.5)  # 1 on top, nothing below N
    assert fig.layout.showlegend is False
    latest = ranking.filter(pl.col("year") == 2025).sort("rank")
    label = next(d for d in fig.data if d.mode == "text")
    assert sorted(x.strip() for x in label.text) == sorted(
        ["ours", latest["label"][0], latest["label"][-1]]
    )
    lines = [d for d in fig.data if d.mode != "text"]
    colours = {d.line.color for d in lines}
    assert colours == {theme.PEER, theme.PEER_DARK, theme.OURS}
    assert [d.name for d in lines if d.line.color == theme.OURS] == ["Hotels"]


def test_a_rank_history_of_a_few_lines_names_each_of_them(ranking, t):
    history = views.industry_history(ranking, t)
    three = history.filter(pl.col("industry_id").is_in(["telekom", "bank", "energi"]))
    fig = rankings.bump_chart(three)
    label = next(d for d in fig.data if d.mode == "text")
    names = set(three["label"].unique())
    assert {x.strip() for x in label.text} == names and len(label.text) == 3
    # the axis is still the whole ranking's, 1..N
    assert tuple(fig.layout.yaxis.range) == (int(history["n_ranked"].max()) + 0.5, 0.5)


def test_scatter_accents_our_company_and_lightens_its_industry(points):
    fig = relations.relation_scatter(points, None, "Service", "EBIT margin", ours=OURS)
    accent = [d for d in fig.data if d.mode == "markers" and d.marker.color == theme.OURS]
    assert {c[0] for d in accent for c in d.customdata} == {OURS}
    light = [d for d in fig.data if d.mode == "markers" and d.marker.color == theme.OURS_LIGHT]
    telecom = set(points.filter(pl.col("industry_id") == "telekom")["company_id"]) - {OURS}
    assert {c[0] for d in light for c in d.customdata} == telecom
    label = [d for d in fig.data if d.mode == "text"]
    assert [x.strip() for d in label for x in d.text] == [OURS_NAME]
    assert len(marker_colours(fig)) <= theme.MAX_COLOURS
    legend = [d for d in fig.data if d.showlegend is not False]
    assert len(legend) <= 3


@pytest.mark.parametrize("industries", [["telekom", "bank", "energi"], ["telekom"], None])
@pytest.mark.parametrize("ours", [None, OURS])
def test_scatter_never_more_than_six_colours(points, industries, ours):
    shown = points.filter(pl.col("industry_id").is_in(industries)) if industries else points
    fig = relations.relation_scatter(shown, None, "Service", "EBIT margin", ours=ours)
    colours = marker_colours(fig)
    assert len(colours) <= theme.MAX_COLOURS
    assert sum(len(d.x) for d in fig.data if d.mode == "markers") == shown.height
    if industries and len(industries) > 1 and ours is None:
        assert colours == set(theme.CATEGORICAL[: len(industries)])  # a handful of groups


def test_animation_keeps_size_dims_peers_and_carries_each_years_r(points):
    fig = relations.animated_scatter(
        points, "Service", "EBIT margin", source="Source: test", ours=OURS
    )
    by_year = {y: (r, n) for y, r, n in T.yearly_r(points).iter_rows()}
    for frame in fig.frames:
        year = int(frame.name)
        r, n = by_year[year]
        said = frame.layout.title.subtitle.text
        assert said.startswith(f"{year}: r = {r:.2f}".replace("-", "−")) and f" {n:,} " in said
        notes = [a.text for a in frame.layout.annotations]
        assert notes[0] == str(year) and "Source: test" in notes  # watermark and source line kept
        grey = [d for d in frame.data if d.mode == "markers" and d.marker.color == theme.PEER]
        assert grey and all(d.marker.opacity < 0.5 for d in grey)
        trail = [d for d in frame.data if d.mode == "lines+text"]
        assert any(OURS_NAME in (x or "") for d in trail for x in d.text)
    # one size scale: the largest revenue of any year draws the largest bubble
    sizes = [s for f in fig.frames for d in f.data if d.mode == "markers" for s in d.marker.size]
    assert max(sizes) == pytest.approx(40)
    mark = fig.layout.annotations[0]
    assert mark.font.size >= 100 and mark.x == 0.5  # a big, faint watermark
    source = next(a for a in fig.layout.annotations if a.text == "Source: test")
    assert fig.layout.sliders[0].y < 0 and source.yshift < -150  # below the controls


def test_mirror_accents_our_company_with_its_label(t):
    values = REL.metric_values(t["service_scores"], t["commercial"], t["employer"])
    rows = views.quadrants(t, values, "enps", "servicescore").filter(pl.col("year") == 2025)
    fig = relations.mirror_scatter(rows, "eNPS", False, ours=OURS)
    accent = [d for d in fig.data if d.mode == "markers" and d.marker.color == theme.OURS]
    assert {c[0] for d in accent for c in d.customdata} == {OURS}
    assert [x.strip() for d in fig.data if d.mode == "text" for x in d.text] == [OURS_NAME]
    assert len(marker_colours(fig)) <= theme.MAX_COLOURS
    assert sum(len(d.x) for d in fig.data if d.mode == "markers") == rows.height
    plain = relations.mirror_scatter(rows, "eNPS", False)
    assert theme.OURS not in marker_colours(plain)


def test_correlation_matrix_has_no_value_above_the_diagonal(t):
    values = REL.metric_values(t["service_scores"], t["commercial"], t["employer"])
    metrics = ["servicescore", "enps", "ebit_margin_pct", "staff_turnover_pct"]
    matrix = REL.correlation_matrix(values, t["companies"], metrics, year=2025, reps=0)
    fig = relations.correlation_heatmap(matrix, {})
    heat = fig.data[0]
    assert list(heat.y) == metrics[1:] and list(heat.x) == metrics[:-1]
    for i, row in enumerate(heat.y):
        for j, col in enumerate(heat.x):
            below = metrics.index(col) < metrics.index(row)
            assert (heat.z[i][j] is not None) == below, (row, col)
            assert bool(heat.text[i][j]) == below
    # each pair once: the lower triangle holds k(k-1)/2 values
    assert sum(v is not None for line in heat.z for v in line) == len(metrics) * 3 // 2
    # the columns named horizontally on the staircase
    assert [a.text for a in fig.layout.annotations][: len(heat.x)] == list(heat.x)
    assert fig.layout.xaxis.showticklabels is False

"""What a page says is what it draws: under every filter combination, the n in a chart's subtitle
equals the points (or bars) the chart draws, and the numbers are those of the analytics on exactly
those points."""

from __future__ import annotations

import json
import re

import polars as pl
import pytest

from tests.app.test_pages import open_page


def chart(at, key: str) -> dict:
    for c in at.get("plotly_chart"):
        if c.key == key:
            return json.loads(c.proto.spec)
    raise AssertionError(f"no chart {key}: {[c.key for c in at.get('plotly_chart')]}")


def values(array) -> list:
    """A trace's values, whether plain or a plotly typed array ({dtype, bdata})."""
    if isinstance(array, dict):
        import base64

        import numpy as np

        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array or [])


def subtitle(spec: dict) -> str:
    """The subtitle on one line (the chart wraps it for narrow screens)."""
    return spec["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")


def subtitle_n(spec: dict) -> int:
    """The n in the subtitle ('n = 1,954 …' or 'n = 1 954 …')."""
    found = re.search(r"n = ([\d,\u00a0 ]+)", subtitle(spec))
    assert found, subtitle(spec)
    return int(re.sub(r"[^\d]", "", found.group(1)))


def points(spec: dict) -> int:
    """Marker points drawn (the trend line is not a point)."""
    return sum(
        len(values(t.get("x")))
        for t in spec["data"]
        if t.get("type", "scatter") == "scatter" and "markers" in t.get("mode", "markers")
    )


def bars(spec: dict) -> int:
    """Ranked entries drawn: bars, or the ranking's dots."""
    return sum(
        len(values(t.get("y")))
        for t in spec["data"]
        if t.get("type") == "bar" or t.get("name") == "ranking"
    )


def set_filters(at, **widgets):
    for key, value in widgets.items():
        element = (
            at.multiselect(key=key)
            if key in ("industries", "highlight")
            else at.toggle(key=key)
            if key in ("lag", "monopolies")
            else at.selectbox(key=key)
        )
        element.set_value(value)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


COMMERCIAL = [
    {},
    {"industries": ["telekom"]},
    {"mode": "per_year"},
    {"mode": "within_industry", "industries": ["bank", "forsakring"]},
    {"lag": True, "monopolies": True},
    {"mode": "per_year", "industries": ["telekom", "energi"], "wave": 2019, "lag": True},
    {"y": "revenue_growth_pct", "monopolies": True, "industries": ["energi"]},
]


@pytest.mark.parametrize("widgets", COMMERCIAL, ids=lambda w: ",".join(w) or "default")
def test_commercial_subtitle_n_is_the_points_drawn(widgets):
    at = set_filters(open_page("commercial"), **widgets)
    spec = chart(at, "relation_scatter")
    assert subtitle_n(spec) == points(spec) > 0
    if "industries" in widgets:  # the industries asked for, and only those
        drawn = {c[2] for t in spec["data"] if "customdata" in t for c in t["customdata"]}
        assert len(drawn) <= len(widgets["industries"])


def test_commercial_numbers_are_those_of_the_points_drawn(sample):
    """Telecom only, as issue 15 measured: r and n of the 95-odd telecom points, not the pooled."""
    from scipy import stats as sps

    at = set_filters(open_page("commercial"), industries=["telekom"])
    spec = chart(at, "relation_scatter")
    xs = [x for t in spec["data"] if t.get("mode") == "markers" for x in values(t["x"])]
    ys = [y for t in spec["data"] if t.get("mode") == "markers" for y in values(t["y"])]
    r = sps.pearsonr(xs, ys).statistic
    assert f"r = {r:.2f}" in subtitle(spec)
    assert (
        f"from {len({c[0] for t in spec['data'] if 'customdata' in t for c in t['customdata']})} companies"
        in subtitle(spec)
    )
    # the trend line is the one of these points
    slope = sps.linregress(xs, ys).slope
    line = next(t for t in spec["data"] if t.get("mode") == "lines")
    lx, ly = values(line["x"]), values(line["y"])
    assert (ly[-1] - ly[0]) / (lx[-1] - lx[0]) == pytest.approx(slope)


def cross_lagged_table(at):
    return next(d.value for d in at.dataframe if "β" in d.value.columns)


def test_which_way_follows_mode_and_filters():
    at = open_page("commercial")
    pooled = cross_lagged_table(at)
    set_filters(at, mode="within_industry")
    within = cross_lagged_table(at)
    set_filters(at, industries=["telekom", "bank", "energi", "flyg"])
    filtered = cross_lagged_table(at)
    betas = [frame["β"].to_list() for frame in (pooled, within, filtered)]
    assert betas[0] != betas[1] != betas[2]
    assert filtered["n"][0] < within["n"][0] < pooled["n"][0] + 1


MIRROR = [
    {},
    {"industries": ["bank", "telekom"]},
    {"wave": 2019},
    {"employer": "staff_turnover_pct"},
]


@pytest.mark.parametrize("widgets", MIRROR, ids=lambda w: ",".join(w) or "default")
def test_mirror_subtitle_n_is_the_points_drawn_and_the_matrix_agrees(widgets):
    at = set_filters(open_page("mirror"), **widgets)
    spec = chart(at, "mirror_scatter")
    assert subtitle_n(spec) == points(spec) > 0
    r = re.search(r"r = (−?-?[\d.]+)", subtitle(spec)).group(1).replace("−", "-")
    employer = widgets.get("employer", "enps")
    heat = chart(at, "correlation_matrix")["data"][0]
    z = heat["z"]
    labels = {"enps": "eNPS", "staff_turnover_pct": "Staff turnover"}
    # the lower triangle: ServiceScore (the first metric) is a column, the employer metric a row
    cell = z[heat["y"].index(labels[employer])][heat["x"].index("ServiceScore")]
    assert f"{cell:.2f}" == r  # one pair, one number on the page


OVERVIEW = [{}, {"industries": ["bank", "telekom", "apotek"]}, {"wave": 2019}]


@pytest.mark.parametrize("widgets", OVERVIEW, ids=lambda w: ",".join(w) or "default")
def test_overview_subtitles_count_what_is_drawn(widgets):
    at = set_filters(open_page("overview"), **widgets)
    scatter = chart(at, "overview_relation")
    assert subtitle_n(scatter) == points(scatter) > 0
    ranking = chart(at, "overview_ranking")
    shown = int(re.search(r"(\d+) industries", subtitle(ranking)).group(1))
    expected = len(widgets["industries"]) if "industries" in widgets else 22
    assert shown == bars(ranking) == expected


RANKINGS = [{}, {"industries": ["bank", "telekom"]}, {"wave": 2016}]


@pytest.mark.parametrize("widgets", RANKINGS, ids=lambda w: ",".join(w) or "default")
def test_rankings_subtitle_counts_the_bars(widgets):
    at = set_filters(open_page("rankings"), **widgets)
    spec = chart(at, "ranking_bars")
    shown = int(re.search(r"(\d+) industries", subtitle(spec)).group(1))
    assert shown == bars(spec)
    # every dot has its value written beside it, the value drawn
    dots = next(t for t in spec["data"] if t.get("name") == "ranking")
    labels = next(t for t in spec["data"] if t.get("mode") == "text")["text"]
    assert len(labels) == bars(spec)
    assert [label.split()[0] for label in labels] == [f"{x:.1f}" for x in values(dots["x"])]
    caption = " ".join(c.value for c in at.caption)
    assert "Benjamini–Hochberg" in caption


def test_overview_has_the_within_company_chart():
    at = open_page("overview")
    spec = chart(at, "within_company")
    assert {p["y"][0] for p in spec["data"] if p.get("y")} or spec["data"][0]["y"]
    assert "fixed effects" in subtitle(spec)
    sentences = " ".join(m.value for m in at.markdown)
    assert "When a company's service rises one point above its own usual level" in sentences


def test_swedish_within_company_text():
    at = open_page("overview", lang="sv")
    assert "fasta effekter" in subtitle(chart(at, "within_company"))
    assert pl.Series([m.value for m in at.markdown]).str.contains("egen vanliga nivå").any()

"""Ranking charts: sorted dots with their values and 95% whiskers on a tight axis, a band over the
entries that cannot be told apart from the leader (or from ours); a rank history with ours, the top
and the bottom labelled at the line ends and the rest grey."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard import theme
from dashboard.charts.common import cancelled_bands, decorate, score_axis
from metrics.text.i18n import num, tr

ROW = 30
FEW_LINES = 5
"""A rank history of this many lines or fewer names every line at its end."""
"""Pixels per ranked row: room for a name, its dot, whisker and value."""


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Consecutive row numbers as (first, last) runs: a band is drawn per run, never over a row
    that can be told apart."""
    runs: list[list[int]] = []
    for row in sorted(rows):
        if runs and row == runs[-1][-1] + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    return [(r[0], r[-1]) for r in runs]


def tied_rows(letters: list[str | None], anchor: int) -> list[int]:
    """The rows that cannot be told apart from row `anchor` (a shared letter of the compact letter
    display), the anchor included; none when there are no letters (untested, or too many)."""
    own = set(letters[anchor] or "")
    if not own:
        return []
    return [i for i, word in enumerate(letters) if own & set(word or "")]


def ranking_bars(
    ranking: pl.DataFrame,
    label: str = "label",
    title: str = "",
    subtitle: str = "",
    source: str = "",
    highlight: set[str] | None = None,
    key: str = "industry_id",
    lang: str = "en",
    direct: dict[str, str] | None = None,
    scale: tuple[float, float] | None = None,
) -> go.Figure:
    """One dot per entry, best on top, its value written beside its 95% whisker, on an axis that
    fits the intervals (dots: no bar pretends to start at zero). `highlight`: keys drawn in the
    accent with a direct label (`direct`: the label per key, else its name); without any, the top
    and the bottom are named in dark grey and the rest grey. A shaded band covers the entries that
    cannot be told apart from ours (a single highlighted entry) or else from the leader; ▲/▼ mark
    significant changes."""
    data = ranking.sort("rank")
    highlight = highlight or set()
    direct = direct or {}
    keys = data[key].to_list()
    n = data.height
    marks = [
        ("▲ " if ch > 0 else "▼ ") if sig else ""
        for ch, sig in zip(
            data["change"].fill_null(0), data["change_significant"].fill_null(False), strict=True
        )
    ]
    names = [f"{m}{name}" for m, name in zip(marks, data[label], strict=True)]
    ours = [i for i, k in enumerate(keys) if k in highlight]
    named = {0, n - 1} if not ours and n else set()
    colours = [
        theme.OURS if i in ours else theme.PEER_DARK if i in named else theme.PEER for i in range(n)
    ]
    scores = data["score"].to_list()
    low = data["ci_low"].fill_null(data["score"]).to_list()
    high = data["ci_high"].fill_null(data["score"]).to_list()
    rows = list(range(n))
    custom = data.select(
        key,
        pl.col("tie_group").fill_null(0),
        pl.col("change").fill_null(float("nan")),
        pl.col("n_respondents" if "n_respondents" in data.columns else "n").fill_null(0),
        pl.col("margin").fill_null(float("nan"))
        if "margin" in data.columns
        else ((pl.col("ci_high") - pl.col("ci_low")) / 2).fill_null(float("nan")),
    ).to_numpy()
    letters = data["letters"].to_list() if "letters" in data.columns else [None] * n
    anchor = ours[0] if len(ours) == 1 else 0
    shapes, notes = _band(
        letters, anchor, names, data["score"].fill_null(0).to_list(), lang, bool(ours)
    )
    dots = {
        "type": "scatter",
        "x": scores,
        "y": rows,
        "mode": "markers",
        "marker": {"size": [13 if i in ours else 10 for i in rows], "color": colours},
        "error_x": {
            "type": "data",
            "array": [h - s for h, s in zip(high, scores, strict=True)],
            "arrayminus": [s - lo for s, lo in zip(scores, low, strict=True)],
            "color": theme.MUTED,
            "thickness": 1.5,
            "width": 0,
        },
        "customdata": custom,
        "text": [w or "–" for w in letters],
        "hovertemplate": tr("chart.ranking_hover", lang),
        "showlegend": False,
        "name": "ranking",
    }
    values = [num(s, lang) for s in scores]
    labels = {
        "type": "scatter",
        "x": high,
        "y": rows,
        "mode": "text",
        "text": [
            f"{v}   {direct.get(keys[i], data[label][i])}" if i in ours else v
            for i, v in enumerate(values)
        ],
        "textposition": "middle right",
        "textfont": {"size": 13, "color": [theme.OURS if i in ours else theme.INK for i in rows]},
        "showlegend": False,
        "hoverinfo": "skip",
        "cliponaxis": False,
        "name": "values",
    }
    lo_x, hi_x = (min(low), max(high)) if n else (0.0, 1.0)
    span = (hi_x - lo_x) or 1.0
    # room on the right for the values and the direct label, none wasted on the left
    right = 0.55 if ours else 0.18
    # one figure built at once: Plotly checks every property once (adding the shapes, traces and
    # axes one by one costs twice as much, on every rerun)
    fig = go.Figure(
        data=[dots, labels],
        layout={
            "shapes": shapes,
            "annotations": notes,
            "xaxis": {
                "title": {"text": score_axis(lang, scale)},
                "range": [lo_x - 0.04 * span, hi_x + right * span],
                "zeroline": False,
            },
            "yaxis": {
                "tickmode": "array",
                "tickvals": rows,
                "ticktext": names,
                "range": [n - 0.5, -0.5],
                "showgrid": False,
            },
        },
    )
    return decorate(fig, title, subtitle, source, max(420, ROW * n + 200), lang)


def _band(
    letters: list,
    anchor: int,
    names: list[str],
    scores: list[float],
    lang: str,
    ours: bool,
) -> tuple[list[dict], list[dict]]:
    """The shapes shading the rows that cannot be told apart from the anchor (ours, or the leader),
    run by run, and the one label saying so; none when the anchor is alone or nothing was tested."""
    tied = tied_rows(letters, anchor) if scores else []
    if len(tied) < 2:
        return [], []
    shapes = [
        {
            "type": "rect",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "yref": "y",
            "y0": first - 0.5,
            "y1": last + 0.5,
            "fillcolor": theme.OURS_LIGHT if ours else theme.GRID,
            "opacity": 0.35 if ours else 0.8,
            "line": {"width": 0},
            "layer": "below",
        }
        for first, last in _runs(tied)
    ]
    # inside the anchor's run, along its lower edge (clear of the dots and whiskers drawn on the
    # rows' middle lines), on the side of the axis the anchor's dot leaves empty
    run_end = next(last for first, last in _runs(tied) if first <= anchor <= last)
    high = scores[anchor] >= (min(scores) + max(scores)) / 2
    note = {
        "text": tr("chart.cannot_tell", lang, name=names[anchor].lstrip("▲▼ "), k=len(tied) - 1),
        "xref": "paper",
        "x": 0.005 if high else 0.995,
        "xanchor": "left" if high else "right",
        "yref": "y",
        "y": run_end + 0.5,
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": 11, "color": theme.OURS if ours else theme.MUTED},
    }
    return shapes, [note]


def bump_chart(
    history: pl.DataFrame,
    entity: str = "industry_id",
    label: str = "label",
    title: str = "",
    subtitle: str = "",
    source: str = "",
    highlight: set[str] | None = None,
    lang: str = "en",
    direct: dict[str, str] | None = None,
) -> go.Figure:
    """Rank of each entity in every wave, 1 on top and the axis 1..N. Ours (`highlight`) in the
    accent, the latest wave's top and bottom in dark grey (every line, when there are FEW_LINES or
    fewer), each labelled at its line's end (`direct`: a label per key, else its name); the rest
    thin and grey, without a legend. Cancelled waves are
    shaded and the lines break there: nothing is drawn where nothing was measured."""
    highlight = highlight or set()
    direct = direct or {}
    fig = go.Figure()
    years = history["year"].unique().sort().to_list()
    cancelled = history.filter(pl.col("status") == "cancelled")["year"].unique().to_list()
    cancelled_bands(fig, cancelled, lang)
    ranked = history.filter(pl.col("rank").is_not_null())
    latest = (
        ranked.filter(pl.col("year") == ranked["year"].max()).sort("rank")
        if ranked.height
        else ranked
    )
    ends = {latest[entity][0], latest[entity][-1]} if latest.height else set()
    if history[entity].n_unique() <= FEW_LINES:  # a few lines: each matters, each is named
        ends = set(history[entity].unique())
    worst = int(ranked["n_ranked"].max() or ranked["rank"].max() or 1) if ranked.height else 1
    parts = history.sort("year").partition_by(entity, maintain_order=True)
    # grey first, then the named ones, then ours: the accent is drawn on top
    order = sorted(parts, key=lambda p: (p[entity][0] in highlight, p[entity][0] in ends))
    traces, labels = [], []
    for part in order:
        key = part[entity][0]
        name = part[label][0] if label in part.columns else key
        mine, end = key in highlight, key in ends
        colour = theme.OURS if mine else theme.PEER_DARK if end else theme.PEER
        traces.append(
            go.Scatter(
                x=part["year"].to_list(),
                y=part["rank"].to_list(),
                mode="lines+markers" if mine or end else "lines",
                name=name,
                connectgaps=False,
                line={"width": 3.5 if mine else 2.5 if end else 1.2, "color": colour},
                marker={"size": 7, "color": colour},
                showlegend=False,
                # the name by reference, never pasted into the template (it comes from the data)
                hovertemplate="<b>%{fullData.name}</b><br>" + tr("chart.rank_hover", lang),
            )
        )
        last = part.filter(pl.col("rank").is_not_null()).tail(1)
        if (mine or end) and last.height:
            labels.append((last["year"][0], last["rank"][0], direct.get(key, name), colour))
    fig.add_traces(traces)  # one call: adding 22 traces one by one costs twice as much
    if labels:
        fig.add_trace(
            go.Scatter(
                x=[x for x, _, _, _ in labels],
                y=[y for _, y, _, _ in labels],
                mode="text",
                text=[f"  {text}" for _, _, text, _ in labels],
                textposition="middle right",
                textfont={"size": 13, "color": [c for _, _, _, c in labels]},
                showlegend=False,
                hoverinfo="skip",
                cliponaxis=False,
                name="labels",
            )
        )
    fig.update_yaxes(
        range=[worst + 0.5, 0.5],
        title=tr("chart.rank_axis", lang),
        tickmode="array",
        tickvals=sorted({1, worst, *range(5, worst + 1, 5)}),
        zeroline=False,
    )
    fig.update_xaxes(
        title=None,
        tickmode="array",
        tickvals=years,
        range=[min(years) - 0.3, max(years) + 0.3] if years else None,
    )
    # the end labels are drawn in the right margin, as wide as the longest of them
    widest = max((len(text) for _, _, text, _ in labels), default=0)
    fig.update_layout(showlegend=False, margin={"r": min(320, 30 + 8 * widest)})
    return decorate(fig, title, subtitle, source, 620, lang)

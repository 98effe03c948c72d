"""Relation charts: service against performance, static and animated (Gapminder's way). Peers are
small grey dots, our company is the one accent with its name beside it and its industry's other
companies the accent lighter; industry colours only when a handful of industries is shown and no
company is ours. Never more than six colours. The Satisfaction Mirror and the heatmaps: `mirror`
(re-exported here); effect sizes with intervals: `effects`."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
import polars as pl

from dashboard import theme
from dashboard.charts.common import decorate
from dashboard.charts.mirror import (  # noqa: F401  (the pack imports them from here)
    HOVER,
    QUADRANT_COLOURS,
    QUADRANTS,
    _custom,
    correlation_heatmap,
    mirror_scatter,
    transition_heatmap,
)
from dashboard.text import chart as plain
from metrics.analytics.findings.titles import year_subtitle, yearly_r
from metrics.text.i18n import tr

FEW = theme.MAX_COLOURS - 1
"""Industries that may each have a colour (the sixth colour is the trend line's ink)."""


def _sizer(points: pl.DataFrame):
    """Bubble area proportional to revenue (`size`), on one scale for every year and group."""
    if "size" not in points.columns or points["size"].drop_nulls().is_empty():
        return lambda part: [12.0] * part.height
    top = float(points["size"].drop_nulls().max() or 1) or 1.0
    return lambda part: [6 + 34 * math.sqrt(max(v or 0, 0) / top) for v in part["size"].to_list()]


def groups(
    points: pl.DataFrame, ours: str | None, highlight: set[str], lang: str
) -> list[tuple[str, pl.Expr, str, bool]]:
    """The drawn groups, back to front: (legend name, which points, colour, labelled). With ours:
    other companies grey, our industry's other companies light accent, highlighted companies dark
    grey, ours the accent. Without: industries coloured when at most FEW are shown, else grey."""
    company = pl.col("company_id")
    mine = points.filter(company == ours) if ours else points.clear()
    marked = company.is_in(sorted(highlight - {ours}))
    if mine.height:
        industry = mine["industry_label"].drop_nulls()
        same = (pl.col("industry_label") == industry[0] if industry.len() else pl.lit(False)) & (
            company != ours
        )
        out = [
            (tr("chart.others", lang), ~same & (company != ours) & ~marked, theme.PEER, False),
        ]
        if industry.len():
            name = tr("chart.our_industry_legend", lang, industry=industry[0])
            out.append((name, same & ~marked, theme.OURS_LIGHT, False))
        out.append(("", marked, theme.PEER_DARK, True))
        out.append(
            (mine["name"][0] if "name" in mine.columns else ours, company == ours, theme.OURS, True)
        )
        return out
    industries = points["industry_label"].drop_nulls().unique().sort().to_list()
    if 1 < len(industries) <= FEW:
        out = [
            (ind, (pl.col("industry_label") == ind) & ~marked, theme.CATEGORICAL[i], False)
            for i, ind in enumerate(industries)
        ]
        rest = ~pl.col("industry_label").is_in(industries) & ~marked
        return [
            (tr("chart.others", lang), rest, theme.PEER, False),
            *out,
            ("", marked, theme.PEER_DARK, True),
        ]
    return [
        (tr("chart.others", lang), ~marked, theme.PEER, False),
        ("", marked, theme.PEER_DARK, True),
    ]


def _labels(points: pl.DataFrame, colour: str) -> go.Scatter:
    """Each labelled company's name beside its latest point."""
    last = points.sort("year").group_by("company_id", maintain_order=True).last()
    names = last["name"] if "name" in last.columns else last["company_id"]
    return go.Scatter(
        x=last["x"].to_list(),
        y=last["y"].to_list(),
        mode="text",
        text=[f"  {n}" for n in names.fill_null("").to_list()],
        textposition="middle right",
        textfont={"size": 14, "color": colour},
        showlegend=False,
        hoverinfo="skip",
        cliponaxis=False,
        name="label",
    )


def relation_scatter(
    points: pl.DataFrame,
    stats: dict | None,
    x_title: str,
    y_title: str,
    title: str = "",
    subtitle: str = "",
    source: str = "",
    highlight: set[str] | None = None,
    lang: str = "en",
    ours: str | None = None,
) -> go.Figure:
    """Small dots, one per company-year (`points`: company_id, name, industry_label, x, y and
    optionally n, margin), grey but for `groups`; the OLS trend line on top; ours (and the
    `highlight`ed companies) labelled with their names beside their latest point."""
    highlight = highlight or set()
    fig = go.Figure()
    traces, labels = [], []
    for name, which, colour, labelled in groups(points, ours, highlight, lang):
        part = points.filter(which)
        if part.is_empty():
            continue
        big = colour in (theme.OURS, theme.PEER_DARK)
        traces.append(
            go.Scatter(
                x=part["x"].to_list(),
                y=part["y"].to_list(),
                mode="markers",
                name=name or tr("chart.highlighted", lang),
                marker={
                    "size": 12 if big else 7,
                    "color": colour,
                    "opacity": 1.0 if big else 0.6,
                    "line": {"width": 1 if big else 0, "color": "white"},
                },
                customdata=_custom(part),
                hovertemplate=HOVER,
                showlegend=not big,
            )
        )
        if labelled:
            labels.append(_labels(part, colour))
    fig.add_traces(traces)
    if stats and stats.get("slope") is not None and points.height:
        xs = np.linspace(float(points["x"].min()), float(points["x"].max()), 50)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=stats["intercept"] + stats["slope"] * xs,
                mode="lines",
                name=tr("chart.trend", lang),
                line={"color": theme.INK, "width": 3},
                hoverinfo="skip",
            )
        )
    fig.add_traces(labels)  # the names on top of the line
    fig.update_xaxes(title=x_title)
    fig.update_yaxes(title=y_title)
    fig.update_layout(
        legend={
            "itemsizing": "constant",
            "x": 1,
            "xanchor": "right",
            "y": 0,
            "yanchor": "bottom",
        },
        dragmode="lasso",
        clickmode="event+select",
    )
    return decorate(fig, title, subtitle, source, 620, lang)


def animated_scatter(
    points: pl.DataFrame,
    x_title: str,
    y_title: str,
    title: str = "",
    subtitle: str = "",
    source: str = "",
    trails: set[str] | None = None,
    lang: str = "en",
    ours: str | None = None,
) -> go.Figure:
    """Gapminder's way: a frame per year (play and a year slider below the chart, the source line
    below them), bubble area = revenue on one scale for all years, the peers dimmed, ours and the
    `trails` companies leaving a labelled trail, the year as a big faint watermark and each frame's
    subtitle carrying that year's own r and n (`subtitle`, if given, follows it)."""
    trails = (trails or set()) | ({ours} if ours else set())
    years = points["year"].unique().sort().to_list()
    parts = groups(points, ours, trails - {ours} if ours else trails, lang)
    size = _sizer(points)
    pad_x = (float(points["x"].max()) - float(points["x"].min())) * 0.05 or 1
    pad_y = (float(points["y"].max()) - float(points["y"].min())) * 0.05 or 1
    x_range = [float(points["x"].min()) - pad_x, float(points["x"].max()) + pad_x]
    y_range = [float(points["y"].min()) - pad_y, float(points["y"].max()) + pad_y]
    names = (
        dict(points.select("company_id", "name").unique("company_id").iter_rows())
        if "name" in points.columns
        else {}
    )
    rs = {y: (r, n) for y, r, n in yearly_r(points).iter_rows()}

    def traces(year: int) -> list[go.Scatter]:
        now = points.filter(pl.col("year") == year)
        out = []
        for name, which, colour, _ in parts:
            part = now.filter(which)
            grey = colour == theme.PEER
            out.append(
                go.Scatter(
                    x=part["x"].to_list(),
                    y=part["y"].to_list(),
                    mode="markers",
                    name=name or tr("chart.highlighted", lang),
                    marker={
                        "size": size(part),
                        "color": colour,
                        "opacity": 0.35 if grey else 0.85,
                        "line": {"width": 0.5, "color": "white"},
                    },
                    customdata=_custom(part),
                    hovertemplate=HOVER,
                    showlegend=False,
                )
            )
        for company in sorted(trails):
            path = points.filter(pl.col("company_id") == company, pl.col("year") <= year).sort(
                "year"
            )
            colour = theme.OURS if company == ours else theme.PEER_DARK
            out.append(
                go.Scatter(
                    x=path["x"].to_list(),
                    y=path["y"].to_list(),
                    mode="lines+text",
                    name=f"{tr('chart.trail', lang)}: {names.get(company, company)}",
                    text=[
                        f"{names.get(company, company)} {y}" if y == year else ""
                        for y in path["year"]
                    ],
                    textposition="top center",
                    textfont={"size": 14, "color": colour},
                    line={"color": colour, "width": 2},
                    showlegend=False,
                    hoverinfo="skip",
                    cliponaxis=False,
                )
            )
        return out

    def heading(year: int | None) -> str:
        if year is None:
            return subtitle
        r, n = rs.get(year, (None, 0))
        said = [year_subtitle(year, r, n, lang), tr("chart.size_revenue", lang)]
        return " · ".join(said)

    first = years[0] if years else None
    fig = go.Figure(
        data=traces(first) if first is not None else [],
        frames=[go.Frame(data=traces(y), name=str(y)) for y in years],
    )
    _controls(fig, years, lang)
    fig.update_xaxes(title=x_title, range=x_range)
    fig.update_yaxes(title=y_title, range=y_range)
    fig.update_layout(margin={"b": 210}, annotations=[_year_mark(first)] if first else [])
    decorate(fig, title, heading(first), source, 720, lang)
    # the source line below the controls, and kept in every frame (a frame's annotations replace all)
    for note in fig.layout.annotations:
        if note.text != str(first):
            note.yshift = -178
    kept = [a for a in fig.layout.annotations if a.text != str(first)]
    for frame, year in zip(fig.frames, years, strict=True):  # texts made plain by `decorate`
        frame.layout = {
            "annotations": [_year_mark(year), *kept],
            "title": {"text": fig.layout.title.text, "subtitle": {"text": plain(heading(year))}},
        }
    return fig


def _controls(fig: go.Figure, years: list[int], lang: str) -> None:
    """Play/pause and the year slider, side by side under the x axis title, above the source."""
    fig.update_layout(
        updatemenus=[
            {
                "type": "buttons",
                "showactive": False,
                "direction": "left",
                "x": 0,
                "y": -0.2,
                "xanchor": "left",
                "yanchor": "top",
                "pad": {"t": 18},
                "buttons": [
                    {
                        "label": "▶ " + tr("chart.play", lang),
                        "method": "animate",
                        "args": [
                            None,
                            {"frame": {"duration": 900, "redraw": True}, "fromcurrent": True},
                        ],
                    },
                    {
                        "label": "❚❚ " + tr("chart.pause", lang),
                        "method": "animate",
                        "args": [[None], {"frame": {"duration": 0}, "mode": "immediate"}],
                    },
                ],
            }
        ],
        sliders=[
            {
                "active": 0,
                "x": 0.22,
                "len": 0.78,
                "y": -0.2,
                "yanchor": "top",
                "pad": {"t": 10},
                "currentvalue": {"prefix": tr("chart.year", lang) + ": ", "font": {"size": 13}},
                "steps": [
                    {
                        "label": str(y),
                        "method": "animate",
                        "args": [
                            [str(y)],
                            {"frame": {"duration": 0, "redraw": True}, "mode": "immediate"},
                        ],
                    }
                    for y in years
                ],
            }
        ],
    )


def _year_mark(year: int | None) -> dict:
    """The year, big and faint, in the middle of the plot (Gapminder's watermark)."""
    return {
        "text": str(year),
        "x": 0.5,
        "y": 0.5,
        "xref": "paper",
        "yref": "paper",
        "xanchor": "center",
        "yanchor": "middle",
        "showarrow": False,
        "font": {"size": 130, "color": "rgba(27,39,51,0.07)"},
    }

"""Relation charts: service against performance (static and animated), the Satisfaction Mirror
quadrants, the correlation matrix and quadrant movement (effect sizes with intervals: `effects`)."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
import polars as pl

from dashboard import theme
from dashboard.charts.common import colour_map, decorate
from metrics.text.i18n import tr

HOVER = (
    "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}<br>"
    "x %{x:.2f} · y %{y:.2f}<br>n = %{customdata[4]} ± %{customdata[5]}<extra></extra>"
)


def _custom(points: pl.DataFrame) -> np.ndarray:
    def text(column: str, expr: pl.Expr, missing: str = "–") -> pl.Expr:
        return (expr if column in points.columns else pl.lit(missing)).alias(column)

    cols = [
        pl.col("company_id"),
        text("name", pl.col("name").fill_null(pl.col("company_id"))),
        text("industry_label", pl.col("industry_label"), ""),
        text("year", pl.col("year").cast(pl.String), ""),
        text("n", pl.col("n").cast(pl.String).fill_null("–")),
        text("margin", pl.col("margin").round(1).cast(pl.String).fill_null("–")),
    ]
    return points.select(cols).to_numpy()


def _sizes(points: pl.DataFrame) -> list[float]:
    if "size" not in points.columns or points["size"].drop_nulls().is_empty():
        return [10.0] * points.height
    top = float(points["size"].drop_nulls().max() or 1) or 1.0
    return [6 + 30 * math.sqrt(max(v or 0, 0) / top) for v in points["size"].to_list()]


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
) -> go.Figure:
    """Points (x, y, colour = industry, bubble = size), the OLS trend line, and highlighted companies
    ringed. `points` has company_id, name, industry_label, x, y and optionally size, n, margin."""
    highlight = highlight or set()
    fig = go.Figure()
    industries = (
        points["industry_label"].unique(maintain_order=True).sort().to_list()
        if points.height
        else []
    )
    colours = colour_map(industries)
    parts = {p["industry_label"][0]: p for p in points.partition_by("industry_label")}
    traces = []
    for industry in industries:
        part = parts[industry]
        ringed = [c in highlight for c in part["company_id"].to_list()]
        # one value per point only where some point is ringed (plotly checks every colour it is given)
        ring = (
            {
                "width": [2.5 if r else 0.5 for r in ringed],
                "color": [theme.INK if r else "white" for r in ringed],
            }
            if any(ringed)
            else {"width": 0.5, "color": "white"}
        )
        traces.append(
            go.Scatter(
                x=part["x"].to_list(),
                y=part["y"].to_list(),
                mode="markers",
                name=industry,
                marker={
                    "size": _sizes(part),
                    "color": colours[industry],
                    "opacity": 0.65,
                    "line": ring,
                },
                customdata=_custom(part),
                hovertemplate=HOVER,
            )
        )
    fig.add_traces(traces)
    if stats and stats.get("slope") is not None and points.height:
        xs = np.linspace(float(points["x"].min()), float(points["x"].max()), 50)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=stats["intercept"] + stats["slope"] * xs,
                mode="lines",
                name=tr("chart.trend", lang),
                line={"color": theme.INK, "width": 2.5, "dash": "dash"},
                hoverinfo="skip",
            )
        )
    fig.update_xaxes(title=x_title)
    fig.update_yaxes(title=y_title)
    fig.update_layout(legend={"itemsizing": "constant"}, dragmode="lasso", clickmode="event+select")
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
) -> go.Figure:
    """Gapminder-style: one frame per year with play and a year slider; selected companies leave a
    trail of where they have been. The year is shown large in the background."""
    trails = trails or set()
    years = points["year"].unique().sort().to_list()
    industries = points["industry_label"].unique().sort().to_list()
    colours = colour_map(industries)
    x_range = [float(points["x"].min()) - 1, float(points["x"].max()) + 1]
    pad = (float(points["y"].max()) - float(points["y"].min())) * 0.05 or 1
    y_range = [float(points["y"].min()) - pad, float(points["y"].max()) + pad]

    def traces(year: int) -> list[go.Scatter]:
        now = points.filter(pl.col("year") == year)
        out = [
            go.Scatter(
                x=now.filter(pl.col("industry_label") == ind)["x"],
                y=now.filter(pl.col("industry_label") == ind)["y"],
                mode="markers",
                name=ind,
                marker={"size": 12, "color": colours[ind], "opacity": 0.7},
                customdata=_custom(now.filter(pl.col("industry_label") == ind)),
                hovertemplate=HOVER,
            )
            for ind in industries
        ]
        for company in sorted(trails):
            path = points.filter(pl.col("company_id") == company, pl.col("year") <= year).sort(
                "year"
            )
            out.append(
                go.Scatter(
                    x=path["x"],
                    y=path["y"],
                    mode="lines+markers+text",
                    name=f"{tr('chart.trail', lang)}: {company}",
                    text=[str(y) if y == year else "" for y in path["year"]],
                    textposition="top center",
                    line={"color": theme.INK, "width": 2},
                    marker={"size": 7, "color": theme.INK},
                    showlegend=False,
                    hoverinfo="skip",
                )
            )
        return out

    first = years[0] if years else None
    fig = go.Figure(
        data=traces(first) if first is not None else [],
        frames=[
            go.Frame(data=traces(y), name=str(y), layout={"annotations": [_year_mark(y)]})
            for y in years
        ],
    )
    fig.update_layout(
        annotations=[_year_mark(first)] if first is not None else [],
        updatemenus=[
            {
                "type": "buttons",
                "showactive": False,
                "x": 0,
                "y": -0.12,
                "xanchor": "left",
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
                "x": 0.15,
                "len": 0.85,
                "y": -0.08,
                "currentvalue": {"prefix": tr("chart.year", lang) + ": "},
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
    fig.update_xaxes(title=x_title, range=x_range)
    fig.update_yaxes(title=y_title, range=y_range)
    decorate(fig, title, subtitle, source, 660, lang)
    fig.update_layout(margin={"b": 150})
    return fig


def _year_mark(year: int | None) -> dict:
    return {
        "text": str(year),
        "x": 0.98,
        "y": 0.05,
        "xref": "paper",
        "yref": "paper",
        "xanchor": "right",
        "showarrow": False,
        "font": {"size": 64, "color": "rgba(27,39,51,0.12)"},
    }


QUADRANTS = ("mirror_high", "service_only", "employer_only", "mirror_low")
QUADRANT_COLOURS = (theme.POSITIVE, theme.ACCENT, "#E69F00", theme.NEGATIVE)


def mirror_scatter(
    rows: pl.DataFrame,
    y_title: str,
    reverse_y: bool,
    title: str = "",
    subtitle: str = "",
    source: str = "",
    highlight: set[str] | None = None,
    lang: str = "en",
) -> go.Figure:
    """Service (x) against an employer metric (y), split at the medians into four quadrants."""
    highlight = highlight or set()
    fig = go.Figure()
    colours = dict(zip(QUADRANTS, QUADRANT_COLOURS, strict=True))
    for quadrant in QUADRANTS:
        label = tr(f"quadrant.{quadrant}", lang)
        part = rows.filter(pl.col("quadrant") == quadrant)
        fig.add_trace(
            go.Scatter(
                x=part["service"],
                y=part["employer"],
                mode="markers",
                name=f"{label} ({part.height})",
                marker={
                    "size": [14 if c in highlight else 9 for c in part["company_id"]],
                    "color": colours[quadrant],
                    "opacity": 0.75,
                    "line": {
                        "width": [2 if c in highlight else 0 for c in part["company_id"]],
                        "color": theme.INK,
                    },
                },
                customdata=_custom(part),
                hovertemplate=HOVER,
            )
        )
    if rows.height:
        fig.add_vline(x=float(rows["service"].median()), line_dash="dot", line_color=theme.MUTED)
        fig.add_hline(y=float(rows["employer"].median()), line_dash="dot", line_color=theme.MUTED)
    fig.update_xaxes(title=tr("chart.service_axis", lang))
    fig.update_yaxes(title=y_title, autorange="reversed" if reverse_y else True)
    fig.update_layout(dragmode="lasso", clickmode="event+select")
    return decorate(fig, title, subtitle, source, 600, lang)


def correlation_heatmap(
    matrix: pl.DataFrame,
    labels: dict[str, str],
    title: str = "",
    subtitle: str = "",
    source: str = "",
    lang: str = "en",
) -> go.Figure:
    """Pearson r for every pair, with n in each cell; blank where there are too few pairs."""
    metrics = matrix["x_metric"].unique(maintain_order=True).to_list()
    grid = {
        (a, b): (r, n) for a, b, r, n in matrix.select("x_metric", "y_metric", "r", "n").iter_rows()
    }
    z = [[grid.get((a, b), (None, 0))[0] for b in metrics] for a in metrics]
    text = [
        [
            f"{grid[(a, b)][0]:.2f}<br>n={grid[(a, b)][1]:,}"
            if grid.get((a, b), (None,))[0] is not None
            else "–"
            for b in metrics
        ]
        for a in metrics
    ]
    names = [labels.get(m, m) for m in metrics]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=names,
            y=names,
            text=text,
            texttemplate="%{text}",
            zmin=-1,
            zmax=1,
            colorscale=theme.DIVERGING,
            colorbar={"title": "r"},
            hovertemplate="%{y} × %{x}<br>r = %{z:.2f}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    return decorate(fig, title, subtitle, source, 560, lang)


def transition_heatmap(
    counts: pl.DataFrame, title: str = "", subtitle: str = "", source: str = "", lang: str = "en"
) -> go.Figure:
    """How companies moved between quadrants from one wave to the next."""
    order = list(QUADRANTS)
    grid = {(a, b): c for a, b, c in counts.iter_rows()}
    z = [[grid.get((a, b), 0) for b in order] for a in order]
    names = [tr(f"quadrant.{q}", lang) for q in order]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=names,
            y=names,
            texttemplate="%{z}",
            colorscale=theme.SEQUENTIAL,
            showscale=False,
            hovertemplate=tr("chart.transition_hover", lang),
        )
    )
    fig.update_xaxes(title=tr("chart.to_axis", lang))
    fig.update_yaxes(title=tr("chart.from_axis", lang), autorange="reversed")
    return decorate(fig, title, subtitle, source, 480, lang)

"""The Satisfaction Mirror's charts: service against an employer metric split at the medians (peers
grey, the quadrants named in their corners, ours the accent with its name), the correlation matrix
(its lower triangle: each pair once) and the movement between quadrants."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import polars as pl

from dashboard import theme
from dashboard.charts.common import decorate
from metrics.text.i18n import integer, num, tr

HOVER = (
    "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}<br>"
    "x %{x:.2f} · y %{y:.2f}<br>n = %{customdata[4]} ± %{customdata[5]}<extra></extra>"
)
QUADRANTS = ("mirror_high", "service_only", "employer_only", "mirror_low")
QUADRANT_COLOURS = (theme.POSITIVE, theme.ACCENT, "#E69F00", theme.NEGATIVE)
"""The quadrants' colours where a chart colours them (the pack's native chart)."""
CORNERS = {  # (x, y, xanchor, yanchor) in the plot's paper, better service right, better employer up
    "mirror_high": (1, 1, "right", "top"),
    "service_only": (1, 0, "right", "bottom"),
    "employer_only": (0, 1, "left", "top"),
    "mirror_low": (0, 0, "left", "bottom"),
}


def _custom(points: pl.DataFrame) -> np.ndarray:
    """The hover's columns: id (what a selection reports), name, industry, year, n, margin."""

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


def mirror_scatter(
    rows: pl.DataFrame,
    y_title: str,
    reverse_y: bool,
    title: str = "",
    subtitle: str = "",
    source: str = "",
    highlight: set[str] | None = None,
    lang: str = "en",
    ours: str | None = None,
) -> go.Figure:
    """Service (x) against an employer metric (y), split at the medians into four quadrants named
    in their corners with their counts. Peers grey; ours (`ours`) in the accent with its name, its
    industry lighter; other `highlight`ed companies dark grey with their names."""
    highlight = (highlight or set()) - ({ours} if ours else set())
    fig = go.Figure()
    company = pl.col("company_id")
    mine = rows.filter(company == ours) if ours else rows.clear()
    industry = mine["industry_label"].drop_nulls() if "industry_label" in mine.columns else None
    same = (
        (pl.col("industry_label") == industry[0]) & (company != ours)
        if industry is not None and industry.len()
        else pl.lit(False)
    )
    marked = company.is_in(sorted(highlight))
    is_ours = company == ours if ours else pl.lit(False)
    for quadrant in QUADRANTS:
        part = rows.filter(pl.col("quadrant") == quadrant)
        for which, colour, size in (
            (~same & ~marked & ~is_ours, theme.PEER, 9),
            (same & ~marked, theme.OURS_LIGHT, 10),
            (marked, theme.PEER_DARK, 12),
            (is_ours, theme.OURS, 15),
        ):
            group = part.filter(which)
            if group.is_empty():
                continue
            fig.add_trace(
                go.Scatter(
                    x=group["service"].to_list(),
                    y=group["employer"].to_list(),
                    mode="markers",
                    name=tr(f"quadrant.{quadrant}", lang),
                    legendgroup=quadrant,
                    showlegend=False,
                    marker={
                        "size": size,
                        "color": colour,
                        "opacity": 0.75 if colour == theme.PEER else 1.0,
                        "line": {"width": 1, "color": "white"},
                    },
                    customdata=_custom(group),
                    hovertemplate=HOVER,
                )
            )
    for which, colour in ((marked, theme.PEER_DARK), (is_ours, theme.OURS)):
        named = rows.filter(which)
        if named.height:
            fig.add_trace(
                go.Scatter(
                    x=named["service"].to_list(),
                    y=named["employer"].to_list(),
                    mode="text",
                    text=[f"  {n}" for n in named["name"].fill_null("").to_list()],
                    textposition="middle right",
                    textfont={"size": 14, "color": colour},
                    showlegend=False,
                    hoverinfo="skip",
                    cliponaxis=False,
                    name="label",
                )
            )
    for quadrant, (x, y, xa, ya) in CORNERS.items():
        count = rows.filter(pl.col("quadrant") == quadrant).height
        # better is up on either axis direction (a reversed axis puts the low values on top)
        fig.add_annotation(
            text=f"{tr(f'quadrant.{quadrant}', lang)} ({count})",
            xref="x domain",
            yref="y domain",
            x=x,
            y=y,
            xanchor=xa,
            yanchor=ya,
            showarrow=False,
            font={
                "size": 12,
                "color": theme.POSITIVE if quadrant == "mirror_high" else theme.MUTED,
            },
        )
    if rows.height:
        fig.add_vline(x=float(rows["service"].median()), line_dash="dot", line_color=theme.MUTED)
        fig.add_hline(y=float(rows["employer"].median()), line_dash="dot", line_color=theme.MUTED)
    fig.update_xaxes(title=tr("chart.service_axis", lang))
    fig.update_yaxes(title=y_title, autorange="reversed" if reverse_y else True)
    fig.update_layout(dragmode="lasso", clickmode="event+select", showlegend=False)
    return decorate(fig, title, subtitle, source, 600, lang)


def lower_triangle(metrics: list[str], grid: dict) -> tuple[list[str], list[str], list[list]]:
    """Rows 2..k and columns 1..k−1 of the matrix, each pair once (row after column in the
    metrics' order); None above the diagonal."""
    rows, cols = metrics[1:], metrics[:-1]
    z = [
        [
            grid.get((a, b), (None, 0))[0] if metrics.index(b) < metrics.index(a) else None
            for b in cols
        ]
        for a in rows
    ]
    return rows, cols, z


def correlation_heatmap(
    matrix: pl.DataFrame,
    labels: dict[str, str],
    title: str = "",
    subtitle: str = "",
    source: str = "",
    lang: str = "en",
) -> go.Figure:
    """Pearson r for every pair once (the lower triangle), with n in each cell; blank where there
    are too few pairs. Labels horizontal, the chart as wide as the page."""
    metrics = matrix["x_metric"].unique(maintain_order=True).to_list()
    grid = {
        (a, b): (r, n) for a, b, r, n in matrix.select("x_metric", "y_metric", "r", "n").iter_rows()
    }
    rows, cols, z = (
        lower_triangle(metrics, grid) if len(metrics) > 1 else (metrics, metrics, [[None]])
    )
    text = [
        [
            (
                f"{num(v, lang, 2).replace('-', '−')}  n={integer(grid[(a, b)][1], lang)}"
                if v is not None
                else "–"
            )
            if metrics.index(b) < metrics.index(a) or len(metrics) == 1
            else ""
            for b, v in zip(cols, line, strict=True)
        ]
        for a, line in zip(rows, z, strict=True)
    ]
    xs, ys = [labels.get(m, m) for m in cols], [labels.get(m, m) for m in rows]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=xs,
            y=ys,
            text=text,
            texttemplate="%{text}",
            hovertext=[[f"{a} × {b}" for b in xs] for a in ys],
            zmin=-1,
            zmax=1,
            colorscale=theme.DIVERGING,
            colorbar={"title": "r"},
            hoverongaps=False,
            xgap=2,
            ygap=2,
            hovertemplate="%{hovertext}<br>r = %{z:.2f}<extra></extra>",
        )
    )
    # each column's name on the staircase, just above its top cell, running into the empty upper
    # triangle: horizontal and whole, however long (the rows are named on the left)
    for j, name in enumerate(xs if len(metrics) > 1 else []):
        fig.add_annotation(
            text=name,
            x=j - 0.5,
            y=j - 0.5,
            xref="x",
            yref="y",
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            font={"size": 13, "color": theme.INK},
        )
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig.update_xaxes(showticklabels=len(metrics) <= 1, showgrid=False)
    return decorate(fig, title, subtitle, source, max(420, 70 * len(rows) + 220), lang)


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
            xgap=2,
            ygap=2,
            hovertemplate=tr("chart.transition_hover", lang),
        )
    )
    fig.update_xaxes(
        title=tr("chart.to_axis", lang), tickangle=0, tickfont={"size": 12}, showgrid=False
    )
    fig.update_yaxes(autorange="reversed", showgrid=False, tickfont={"size": 12})
    return decorate(fig, title, subtitle, source, 480, lang)

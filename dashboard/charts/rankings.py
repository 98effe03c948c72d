"""Ranking charts: ranked bars with 95% whiskers and tie groups; a bump chart of ranks with gaps."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard import theme
from dashboard.charts.common import cancelled_bands, decorate
from metrics.text.i18n import tr


def ranking_bars(
    ranking: pl.DataFrame,
    label: str = "label",
    title: str = "",
    subtitle: str = "",
    source: str = "",
    highlight: set[str] | None = None,
    key: str = "industry_id",
    lang: str = "en",
) -> go.Figure:
    """Horizontal bars, best on top, with 95% CI whiskers. A new shade starts where a bar can be
    told apart from the one above it; the letters (when given) say which cannot be told apart
    from which (a shared letter); ▲/▼ mark significant changes."""
    data = ranking.sort("rank")
    highlight = highlight or set()
    shades = [theme.ACCENT if g % 2 else "#7FB2D9" for g in data["tie_group"].fill_null(1)]
    colours = [
        theme.HIGHLIGHT if k in highlight else c for k, c in zip(data[key], shades, strict=True)
    ]
    marks = [
        ("▲ " if ch > 0 else "▼ ") if sig else ""
        for ch, sig in zip(
            data["change"].fill_null(0), data["change_significant"].fill_null(False), strict=True
        )
    ]
    err_plus = (data["ci_high"] - data["score"]).fill_null(0)
    err_minus = (data["score"] - data["ci_low"]).fill_null(0)
    custom = data.select(
        key,
        pl.col("tie_group").fill_null(0),
        pl.col("change").fill_null(float("nan")),
        pl.col("n_respondents" if "n_respondents" in data.columns else "n").fill_null(0),
        pl.col("margin").fill_null(float("nan"))
        if "margin" in data.columns
        else ((pl.col("ci_high") - pl.col("ci_low")) / 2).fill_null(float("nan")),
    ).to_numpy()
    fig = go.Figure(
        go.Bar(
            x=data["score"],
            y=[f"{m}{n}" for m, n in zip(marks, data[label], strict=True)],
            orientation="h",
            marker_color=colours,
            error_x={
                "type": "data",
                "array": err_plus,
                "arrayminus": err_minus,
                "color": theme.INK,
                "thickness": 1.5,
                "width": 4,
            },
            customdata=custom,
            text=data["letters"].fill_null("").to_list() if "letters" in data.columns else None,
            textposition="none",
            hovertemplate=tr("chart.ranking_hover", lang),
            showlegend=False,
        )
    )
    if "letters" in data.columns:
        # beyond the whisker, so neither hides the other: a shared letter = cannot be told apart
        ends = (data["ci_high"].fill_null(data["score"]) + 0.6).to_list()
        fig.add_trace(
            go.Scatter(
                x=ends,
                y=fig.data[0].y,
                mode="text",
                text=data["letters"].fill_null("").to_list(),
                textposition="middle right",
                textfont={"size": 11, "color": theme.MUTED},
                showlegend=False,
                hoverinfo="skip",
                cliponaxis=False,
            )
        )
    low = float((data["ci_low"].fill_null(data["score"])).min() or 0)
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title=tr("chart.score_axis", lang), range=[max(0, low - 5), None])
    return decorate(fig, title, subtitle, source, max(420, 28 * data.height + 180), lang)


def bump_chart(
    history: pl.DataFrame,
    entity: str = "industry_id",
    label: str = "label",
    title: str = "",
    subtitle: str = "",
    source: str = "",
    highlight: set[str] | None = None,
    lang: str = "en",
) -> go.Figure:
    """Rank of each entity in every wave (1 on top). Cancelled waves are shaded and the lines break
    there: nothing is drawn where nothing was measured."""
    highlight = highlight or set()
    fig = go.Figure()
    years = history["year"].unique().sort().to_list()
    cancelled = history.filter(pl.col("status") == "cancelled")["year"].unique().to_list()
    cancelled_bands(fig, cancelled, lang)
    traces = []
    for i, part in enumerate(history.sort("year").partition_by(entity, maintain_order=True)):
        key = part[entity][0]
        name = part[label][0] if label in part.columns else key
        strong = not highlight or key in highlight
        traces.append(
            go.Scatter(
                x=part["year"].to_list(),
                y=part["rank"].to_list(),
                mode="lines+markers",
                name=name,
                connectgaps=False,
                opacity=1.0 if strong else 0.25,
                line={
                    "width": 3 if key in highlight else 2,
                    "color": theme.PALETTE[i % len(theme.PALETTE)],
                },
                # the name by reference, never pasted into the template (it comes from the data)
                hovertemplate="<b>%{fullData.name}</b><br>" + tr("chart.rank_hover", lang),
            )
        )
    fig.add_traces(traces)  # one call: adding 22 traces one by one costs twice as much
    fig.update_yaxes(
        autorange="reversed",
        title=tr("chart.rank_axis", lang),
        dtick=1 if history["rank"].max() and history["rank"].max() <= 25 else None,
    )
    fig.update_xaxes(title=None, tickmode="array", tickvals=years)
    return decorate(fig, title, subtitle, source, 620, lang)

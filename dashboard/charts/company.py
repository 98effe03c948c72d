"""Company-profile charts: score history with its band, rank over time, business moments against the
industry best, importance–performance, metrics against peers, and the rating distribution."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from dashboard import theme
from dashboard.charts.common import cancelled_bands, decorate
from metrics.text.i18n import tr


def _with_gaps(history: pl.DataFrame, waves: pl.DataFrame) -> pl.DataFrame:
    """Every wave as a row, so lines break at cancelled or missing waves instead of bridging them."""
    return waves.select("year", "status").join(history, on="year", how="left").sort("year")


def _runs(h: pl.DataFrame) -> list[pl.DataFrame]:
    """Runs of consecutive waves with an interval: each band is drawn on its own, never bridged."""
    runs, current = [], []
    for row in h.iter_rows(named=True):
        if row.get("ci_low") is not None and row.get("ci_high") is not None:
            current.append(row)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [pl.DataFrame(r) for r in runs]


def score_history(
    history: pl.DataFrame,
    waves: pl.DataFrame,
    industry: pl.DataFrame | None = None,
    title: str = "",
    subtitle: str = "",
    source: str = "",
    lang: str = "en",
) -> go.Figure:
    """The company's score per wave with its 95% band, the industry's score beside it; gaps where a
    wave was cancelled or the company not measured."""
    h = _with_gaps(history, waves)
    fig = go.Figure()
    for i, run in enumerate(_runs(h)):
        fig.add_trace(
            go.Scatter(
                x=run["year"].to_list() + run["year"].reverse().to_list(),
                y=run["ci_high"].to_list() + run["ci_low"].reverse().to_list(),
                mode="lines",
                fill="toself",
                fillcolor="rgba(0,114,178,0.18)",
                line={"width": 0},
                name=tr("chart.interval95", lang),
                showlegend=i == 0,
                hoverinfo="skip",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=h["year"],
            y=h["score"],
            mode="lines+markers",
            name=tr("chart.company", lang),
            connectgaps=False,
            line={"color": theme.ACCENT, "width": 3},
            customdata=h.select(
                pl.col("n").fill_null(0), pl.col("margin_95").fill_null(float("nan"))
            ).to_numpy(),
            hovertemplate=tr("chart.score_hover", lang),
        )
    )
    if industry is not None:
        i = _with_gaps(industry, waves)
        fig.add_trace(
            go.Scatter(
                x=i["year"],
                y=i["score"],
                mode="lines",
                name=tr("chart.industry", lang),
                connectgaps=False,
                line={"color": theme.MUTED, "width": 2, "dash": "dot"},
                hovertemplate=tr("chart.industry_hover", lang),
            )
        )
    cancelled_bands(fig, waves.filter(pl.col("status") == "cancelled")["year"].to_list(), lang)
    fig.update_yaxes(title=tr("chart.score_axis_short", lang))
    fig.update_xaxes(tickvals=waves["year"].to_list())
    return decorate(fig, title, subtitle, source, 460, lang)


def rank_over_time(
    history: pl.DataFrame,
    waves: pl.DataFrame,
    title: str = "",
    subtitle: str = "",
    source: str = "",
    lang: str = "en",
) -> go.Figure:
    """Rank in the industry per wave (1 on top), gaps where not measured."""
    h = _with_gaps(history, waves)
    fig = go.Figure(
        go.Scatter(
            x=h["year"],
            y=h["rank"],
            mode="lines+markers+text",
            connectgaps=False,
            text=[
                f"{r}/{n}" if r is not None else ""
                for r, n in zip(h["rank"], h["n_ranked"], strict=True)
            ],
            textposition="top center",
            line={"color": theme.ACCENT, "width": 3},
            hovertemplate=tr("chart.rank_hover", lang),
        )
    )
    top = int(h["n_ranked"].max() or 1)
    fig.update_yaxes(title=tr("chart.industry_rank_axis", lang), range=[top + 0.5, 0.5], dtick=1)
    fig.update_xaxes(tickvals=waves["year"].to_list())
    return decorate(fig, title, subtitle, source, 380, lang)


def moment_heatmap(
    gaps: pl.DataFrame,
    labels: dict[str, str],
    title: str = "",
    subtitle: str = "",
    source: str = "",
    lang: str = "en",
) -> go.Figure:
    """Business moments (rows) by wave (columns): the company's score minus the industry's best.
    0 is the best in the industry; the redder, the further behind."""
    metrics = gaps["metric_id"].unique(maintain_order=True).to_list()
    years = gaps["year"].unique().sort().to_list()
    grid = {(m, y): g for m, y, g in gaps.select("metric_id", "year", "gap_to_best").iter_rows()}
    z = [[grid.get((m, y)) for y in years] for m in metrics]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[str(y) for y in years],
            y=[labels.get(m, m) for m in metrics],
            colorscale=[[0, "#B2182B"], [0.8, "#F4A582"], [1, "#F7F7F7"]],
            zmax=0,
            texttemplate="%{z:.0f}",
            colorbar={"title": tr("chart.vs_best", lang)},
            hovertemplate=tr("chart.moment_hover", lang),
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(type="category")
    return decorate(fig, title, subtitle, source, max(380, 40 * len(metrics) + 180), lang)


def importance_performance(
    ip: pl.DataFrame,
    labels: dict[str, str],
    title: str = "",
    subtitle: str = "",
    source: str = "",
    lang: str = "en",
) -> go.Figure:
    """Importance (correlation with the total, across all companies) against how far the company is
    behind its industry's best. Top right — important and far behind — is where to start."""
    data = ip.filter(pl.col("score").is_not_null())
    fig = go.Figure(
        go.Scatter(
            x=data["importance_r"],
            y=-data["gap_to_best"],
            mode="markers+text",
            text=[labels.get(m, m) for m in data["metric_id"]],
            textposition="top center",
            marker={
                "size": 14,
                "color": [theme.HIGHLIGHT if k == "moment" else theme.ACCENT for k in data["kind"]],
            },
            customdata=data.select("score", "industry_best", "industry_mean").to_numpy(),
            hovertemplate=tr("chart.ip_hover", lang),
        )
    )
    if data.height:
        fig.add_vline(
            x=float(data["importance_r"].median()), line_dash="dot", line_color=theme.MUTED
        )
    fig.add_hline(y=0, line_color=theme.MUTED)
    fig.update_xaxes(title=tr("chart.importance_axis", lang))
    fig.update_yaxes(title=tr("chart.behind_axis", lang))
    return decorate(fig, title, subtitle, source, 560, lang)


def peer_comparison(
    rows: pl.DataFrame, title: str = "", subtitle: str = "", source: str = "", lang: str = "en"
) -> go.Figure:
    """One small panel per metric: the company, the average of its peers (excluding itself) and the
    industry median, each in the metric's own units."""
    n = max(rows.height, 1)
    fig = make_subplots(
        rows=n, cols=1, subplot_titles=rows["label"].to_list(), vertical_spacing=0.6 / n
    )
    for i, r in enumerate(rows.iter_rows(named=True), start=1):
        fig.add_trace(
            go.Bar(
                x=[r["company"], r["peer_mean"], r["industry_median"]],
                y=[
                    tr("chart.company", lang),
                    tr("chart.peers", lang),
                    tr("chart.industry_median", lang),
                ],
                orientation="h",
                marker_color=[theme.ACCENT, theme.NEUTRAL, theme.MUTED],
                showlegend=False,
                hovertemplate="%{y}: %{x:.1f}<extra></extra>",
            ),
            row=i,
            col=1,
        )
    return decorate(fig, title, subtitle, source, 170 * n + 140, lang)


def rating_distribution(
    dist: pl.DataFrame,
    industry: pl.DataFrame | None = None,
    title: str = "",
    subtitle: str = "",
    source: str = "",
    lang: str = "en",
) -> go.Figure:
    """Share of respondents at each rating; the bottom two boxes (dissatisfied) in red."""
    fig = go.Figure(
        go.Bar(
            x=dist["rating"],
            y=dist["share_pct"],
            name=tr("chart.company", lang),
            marker_color=[theme.HIGHLIGHT if r <= 2 else theme.ACCENT for r in dist["rating"]],
            hovertemplate=tr("chart.rating_hover", lang),
        )
    )
    if industry is not None and industry.height:
        fig.add_trace(
            go.Scatter(
                x=industry["rating"],
                y=industry["share_pct"],
                mode="lines+markers",
                name=tr("chart.industry", lang),
                line={"color": theme.MUTED, "dash": "dot"},
                hovertemplate=tr("chart.industry_rating_hover", lang),
            )
        )
    fig.update_xaxes(title=tr("chart.rating", lang), dtick=1)
    fig.update_yaxes(title=tr("chart.share_axis", lang))
    return decorate(fig, title, subtitle, source, 420, lang)

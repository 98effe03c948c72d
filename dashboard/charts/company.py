"""Company-profile charts: score history with its band, rank over time, business moments against the
industry best, importance–performance, metrics against peers, and the rating distribution."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from dashboard import theme
from dashboard.charts.common import cancelled_bands, decorate, score_axis
from metrics.analytics.findings.headlines import LOWEST_TWO
from metrics.text.i18n import num, tr


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


def _end_label(
    fig: go.Figure, frame: pl.DataFrame, text: str, colour: str, lang: str, yshift: int = 0
) -> None:
    """A direct label with its value at a line's last drawn point (instead of a legend entry)."""
    last = frame.filter(pl.col("score").is_not_null()).tail(1)
    if last.is_empty():
        return
    fig.add_annotation(
        x=last["year"][0],
        y=last["score"][0],
        text=f"{text} {num(last['score'][0], lang)}",
        showarrow=False,
        xanchor="left",
        xshift=10,
        yshift=yshift,
        font={"color": colour, "size": 14, "weight": "bold"},
    )


def score_history(
    history: pl.DataFrame,
    waves: pl.DataFrame,
    industry: pl.DataFrame | None = None,
    title: str = "",
    subtitle: str = "",
    source: str = "",
    lang: str = "en",
    name: str | None = None,
    scale: tuple[float, float] | None = None,
) -> go.Figure:
    """The company's score per wave with its 95% band in the accent, the industry's score beside it
    in grey, each labelled at its end; gaps where a wave was cancelled or the company not measured."""
    h = _with_gaps(history, waves)
    fig = go.Figure()
    for i, run in enumerate(_runs(h)):
        fig.add_trace(
            go.Scatter(
                x=run["year"].to_list() + run["year"].reverse().to_list(),
                y=run["ci_high"].to_list() + run["ci_low"].reverse().to_list(),
                mode="lines",
                fill="toself",
                fillcolor=theme.OURS_LIGHT,
                opacity=0.45,
                line={"width": 0},
                name=tr("chart.interval95", lang),
                showlegend=i == 0,
                hoverinfo="skip",
            )
        )
    ours = name or tr("chart.company", lang)
    above = True
    fig.add_trace(
        go.Scatter(
            x=h["year"],
            y=h["score"],
            mode="lines+markers",
            name=ours,
            connectgaps=False,
            line={"color": theme.OURS, "width": 3},
            showlegend=False,
            customdata=h.select(
                pl.col("n").fill_null(0), pl.col("margin_95").fill_null(float("nan"))
            ).to_numpy(),
            hovertemplate=tr("chart.score_hover", lang),
        )
    )
    ours_last = h.drop_nulls("score")["score"].tail(1).to_list()
    if industry is not None:
        i = _with_gaps(industry, waves)
        fig.add_trace(
            go.Scatter(
                x=i["year"],
                y=i["score"],
                mode="lines",
                name=tr("chart.industry", lang),
                connectgaps=False,
                showlegend=False,
                line={"color": theme.PEER_DARK, "width": 2, "dash": "dot"},
                hovertemplate=tr("chart.industry_hover", lang),
            )
        )
        theirs = i.drop_nulls("score")["score"].tail(1).to_list()
        above = bool(ours_last and theirs and ours_last[0] >= theirs[0])
        _end_label(fig, i, tr("chart.industry", lang), theme.PEER_DARK, lang, -9 if above else 9)
    _end_label(fig, h, ours, theme.OURS, lang, 0 if industry is None else (9 if above else -9))
    cancelled_bands(fig, waves.filter(pl.col("status") == "cancelled")["year"].to_list(), lang)
    fig.update_yaxes(title=score_axis(lang, scale, short=True))
    years = waves["year"].to_list()
    fig.update_xaxes(tickvals=years, range=[min(years) - 0.5, max(years) + 0.5] if years else None)
    fig.layout.margin.r = 190  # the end labels stand in the right margin, never cut
    fig.update_layout(
        legend={"orientation": "h", "y": 1.02, "x": 1, "xanchor": "right", "yanchor": "bottom"}
    )
    return decorate(fig, title, subtitle, source, 460, lang)


def rank_over_time(
    history: pl.DataFrame,
    waves: pl.DataFrame,
    title: str = "",
    subtitle: str = "",
    source: str = "",
    lang: str = "en",
) -> go.Figure:
    """Rank in the industry per wave (1 on top), in the accent, each point labelled "rank/of"; the
    axis padded so that no label is cut at the top, the bottom or either end."""
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
            textfont={"color": theme.OURS, "size": 13},
            cliponaxis=False,
            line={"color": theme.OURS, "width": 3},
            hovertemplate=tr("chart.rank_hover", lang),
        )
    )
    worst = int(h["n_ranked"].max() or h["rank"].max() or 1)
    # 1 on top; room above rank 1 for its label and below the last rank
    fig.update_yaxes(
        title=tr("chart.industry_rank_axis", lang),
        range=[worst + 0.6, 0.2],
        tickvals=list(range(1, worst + 1)),
    )
    years = waves["year"].to_list()
    fig.update_xaxes(tickvals=years, range=[min(years) - 0.6, max(years) + 0.6] if years else None)
    return decorate(fig, title, subtitle, source, max(380, 26 * worst + 200), lang)


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
    named: list[str] | None = None,
) -> go.Figure:
    """Importance (correlation with the total, across all companies) against how far the company is
    behind its industry's best. Top right — important and far behind — is where to start. Business
    moments in the accent, other items grey (a legend says so); only the few points that matter are
    labelled (`named`, e.g. the first to fix), each offset from its neighbours with a leader line;
    every point is named in its hover."""
    data = ip.filter(pl.col("score").is_not_null())
    fig = go.Figure()
    kinds = data["kind"].unique(maintain_order=True).to_list() if data.height else []
    for kind in sorted(kinds, key=lambda k: k != "moment"):
        part = data.filter(pl.col("kind") == kind)
        fig.add_trace(
            go.Scatter(
                x=part["importance_r"],
                y=-part["gap_to_best"],
                mode="markers",
                name=tr(
                    "company.chart_moments" if kind == "moment" else "company.chart_other_items",
                    lang,
                ),
                text=[labels.get(m, m) for m in part["metric_id"]],
                marker={
                    "size": 13,
                    "color": theme.OURS if kind == "moment" else theme.PEER_DARK,
                    "line": {"width": 1, "color": "white"},
                },
                customdata=part.select("score", "industry_best", "industry_mean").to_numpy(),
                hovertemplate=tr("chart.ip_hover", lang),
            )
        )
    # only the points that matter carry a label (`named`: where to start); the rest in the hover
    chosen = data.filter(pl.col("metric_id").is_in(named or [])).sort("gap_to_best")
    # the median importance of the kind that is ranked (moments where there are any): the line
    # that "important" means in `drivers.fix_first`
    ranked = (
        data.filter(pl.col("kind") == ("moment" if "moment" in kinds else kinds[0]))
        if kinds
        else data
    )
    middle = float(ranked["importance_r"].median()) if ranked.height else None
    low, high = (
        (float(data["importance_r"].min()), float(data["importance_r"].max()))
        if data.height
        else (0, 1)
    )
    stacked = {True: 0, False: 0}
    for r in chosen.iter_rows(named=True):
        # labels stand away from the crowd: rightwards from the left half, leftwards from the right,
        # each higher than the one before on its side, so that neither labels nor lines cross
        right = r["importance_r"] < (low + high) / 2
        fig.add_annotation(
            x=r["importance_r"],
            y=-r["gap_to_best"],
            text=labels.get(r["metric_id"], r["metric_id"]),
            showarrow=True,
            arrowhead=0,
            arrowcolor=theme.MUTED,
            ax=70 if right else -70,
            ay=-(26 + 24 * stacked[right]),
            standoff=6,
            xanchor="left" if right else "right",
            font={"size": 13, "color": theme.INK},
            bgcolor="rgba(255,255,255,0.85)",
        )
        stacked[right] += 1
    if middle is not None:
        fig.add_vline(x=middle, line_dash="dot", line_color=theme.MUTED)
    fig.add_hline(y=0, line_color=theme.MUTED)
    fig.update_xaxes(title=tr("chart.importance_axis", lang))
    fig.update_yaxes(title=tr("chart.behind_axis", lang))
    fig.update_layout(
        showlegend=len(kinds) > 0,
        legend={"orientation": "h", "y": 1.02, "x": 1, "xanchor": "right", "yanchor": "bottom"},
    )
    return decorate(fig, title, subtitle, source, 560, lang)


def peer_comparison(
    rows: pl.DataFrame, title: str = "", subtitle: str = "", source: str = "", lang: str = "en"
) -> go.Figure:
    """One small panel per metric: the company (accent), the average of its peers excluding itself
    and the industry median (greys), each bar with its value in the metric's own units; a metric
    where lower is better (`higher_is_better` false) says so in its panel title."""
    n = max(rows.height, 1)
    lower = rows["higher_is_better"].to_list() if "higher_is_better" in rows.columns else []
    titles = [
        label
        + (
            tr("company.chart_lower_is_better", lang)
            if i < len(lower) and lower[i] is False
            else ""
        )
        for i, label in enumerate(rows["label"].to_list())
    ]
    fig = make_subplots(rows=n, cols=1, subplot_titles=titles, vertical_spacing=0.6 / n)
    for i, r in enumerate(rows.iter_rows(named=True), start=1):
        values = [r["company"], r["peer_mean"], r["industry_median"]]
        fig.add_trace(
            go.Bar(
                x=values,
                y=[
                    tr("chart.company", lang),
                    tr("chart.peers", lang),
                    tr("chart.industry_median", lang),
                ],
                orientation="h",
                marker_color=[theme.OURS, theme.PEER, theme.PEER_DARK],
                text=[num(v, lang) for v in values],
                textposition="outside",
                cliponaxis=False,
                showlegend=False,
                hovertemplate="%{y}: %{x:.1f}<extra></extra>",
            ),
            row=i,
            col=1,
        )
        known = [v for v in values if v is not None]
        low, high = min([0.0, *known]), max([0.0, *known])
        pad = (high - low) * 0.18 or 1.0
        fig.update_xaxes(range=[low - (pad if low < 0 else 0), high + pad], row=i, col=1)
    return decorate(fig, title, subtitle, source, 170 * n + 140, lang)


def rating_distribution(
    dist: pl.DataFrame,
    industry: pl.DataFrame | None = None,
    title: str = "",
    subtitle: str = "",
    source: str = "",
    lang: str = "en",
) -> go.Figure:
    """Share of respondents at each rating: the two lowest ratings (the dissatisfied) in the accent,
    the other ratings in its light shade, the industry's average as a grey dotted line; a legend
    names all three."""
    fig = go.Figure()
    for bottom in (True, False):
        part = dist.filter((pl.col("rating") <= LOWEST_TWO) == bottom)
        fig.add_trace(
            go.Bar(
                x=part["rating"],
                y=part["share_pct"],
                name=tr(
                    "company.chart_lowest_two" if bottom else "company.chart_other_ratings", lang
                ),
                marker_color=theme.OURS if bottom else theme.OURS_LIGHT,
                text=[num(v, lang, 0) for v in part["share_pct"]],
                textposition="outside",
                cliponaxis=False,
                hovertemplate=tr("chart.rating_hover", lang),
            )
        )
    if industry is not None and industry.height:
        fig.add_trace(
            go.Scatter(
                x=industry["rating"],
                y=industry["share_pct"],
                mode="lines+markers",
                name=tr("company.chart_industry_average", lang),
                line={"color": theme.PEER_DARK, "dash": "dot"},
                marker={"color": theme.PEER_DARK},
                hovertemplate=tr("chart.industry_rating_hover", lang),
            )
        )
    fig.update_xaxes(title=tr("chart.rating", lang), dtick=1)
    fig.update_yaxes(title=tr("chart.share_axis", lang), rangemode="tozero")
    fig.update_layout(
        barmode="overlay",
        legend={"orientation": "h", "y": 1.02, "x": 1, "xanchor": "right", "yanchor": "bottom"},
    )
    return decorate(fig, title, subtitle, source, 440, lang)

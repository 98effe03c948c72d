"""Effect charts: one bar or dot per outcome with its 95% interval, in each metric's own units — the
top-vs-bottom quartile gap and what follows within a company when its service rises. A whisker
that crosses zero is grey: a difference the data cannot tell from none. No accent: the accent
(theme.OURS) is our company's, and these estimates are about every company; clear ones are dark, each
with its value written beside it."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard import theme
from dashboard.charts.common import decorate
from metrics.text.i18n import num, tr

CLEAR, UNCLEAR = theme.INK, theme.PEER
"""An interval clear of zero, and one that crosses it (the data cannot tell it from none)."""


def _clear(frame: pl.DataFrame) -> list[bool]:
    return [
        lo is not None and hi is not None and not (lo <= 0 <= hi)
        for lo, hi in zip(frame["ci_low"], frame["ci_high"], strict=True)
    ]


def quartile_gap_bars(
    gap: pl.DataFrame,
    labels: dict[str, str],
    title: str = "",
    subtitle: str = "",
    source: str = "",
    lang: str = "en",
) -> go.Figure:
    """Top minus bottom service quartile, per outcome, with the 95% bootstrap interval: a bar whose
    whisker crosses zero is a difference the data cannot tell from none."""
    clear = _clear(gap)
    fig = go.Figure(
        go.Bar(
            y=[labels.get(o, o) for o in gap["outcome"]],
            x=gap["difference"],
            orientation="h",
            marker_color=[CLEAR if c else UNCLEAR for c in clear],
            text=[num(v, lang, 2, sign=True) for v in gap["difference"]],
            textposition="outside",
            cliponaxis=False,
            error_x={
                "type": "data",
                "array": (gap["ci_high"] - gap["difference"]).fill_null(0),
                "arrayminus": (gap["difference"] - gap["ci_low"]).fill_null(0),
                "color": theme.INK,
            },
            customdata=gap.select("median_top", "median_bottom", "n_top", "n_bottom").to_numpy(),
            hovertemplate=tr("chart.quartile_hover", lang),
        )
    )
    fig.add_vline(x=0, line_color=theme.INK, line_width=1)
    fig.update_xaxes(title=tr("chart.quartile_axis", lang))
    return decorate(fig, title, subtitle, source, max(320, 70 * gap.height + 180), lang)


def within_company_bars(
    estimates: pl.DataFrame,
    labels: dict[str, str],
    title: str = "",
    subtitle: str = "",
    source: str = "",
    lang: str = "en",
) -> go.Figure:
    """Per outcome: how much higher it is, the year after a company's service rises one point above
    its own usual level (fixed-effects slope, each outcome in its own units), with the 95% interval.
    Outcomes without an estimate are left out."""
    data = estimates.filter(pl.col("beta").is_not_null())
    clear = _clear(data)
    fig = go.Figure(
        go.Scatter(
            y=[labels.get(o, o) for o in data["outcome"]],
            x=data["beta"],
            mode="markers+text",
            text=[num(v, lang, 2, sign=True) for v in data["beta"]],
            textposition="top center",
            textfont={"size": 13},
            cliponaxis=False,
            marker={
                "size": 14,
                "color": [CLEAR if c else UNCLEAR for c in clear],
                "line": {"width": 1, "color": theme.INK},
            },
            error_x={
                "type": "data",
                "array": (data["ci_high"] - data["beta"]).to_list(),
                "arrayminus": (data["beta"] - data["ci_low"]).to_list(),
                "color": theme.INK,
                "thickness": 1.5,
            },
            customdata=data.select("ci_low", "ci_high", "companies").to_numpy(),
            hovertemplate=tr("chart.within_hover", lang),
        )
    )
    fig.add_vline(x=0, line_color=theme.INK, line_width=1)
    fig.update_xaxes(title=tr("chart.within_axis", lang))
    fig.update_yaxes(autorange="reversed")
    return decorate(fig, title, subtitle, source, max(300, 70 * data.height + 180), lang)

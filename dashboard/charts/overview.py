"""The Overview's own marks: our company on an industry ranking, with its name (the one accent,
theme.OURS). Sentence titles are wrapped by `common.decorate`, to the screen's width."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard import theme
from dashboard.text import chart as plain
from metrics.text.i18n import num, tr


def our_label(name: str, score: float | None, lang: str) -> str:
    """The direct label of our industry's row on the Overview's ranking: our company and its score."""
    return plain(tr("overview.our_label", lang, name=name, score=num(score, lang)))


def mark_company(
    fig: go.Figure, ranking: pl.DataFrame, industry_id: str, score: float, name: str, lang: str
) -> go.Figure:
    """On an industry ranking (`ranking` in the order drawn): our company's score as a diamond on
    its industry's row, in the accent, named in its hover (the ranking's direct label on that row
    names it: `our_label`)."""
    order = ranking.sort("rank")["industry_id"].to_list()
    if industry_id not in order or score is None or not fig.data:
        return fig
    row = fig.data[0].y[order.index(industry_id)]
    label = our_label(name, score, lang)
    fig.add_trace(
        go.Scatter(
            x=[score],
            y=[row],
            mode="markers",
            marker={
                "symbol": "diamond",
                "size": 14,
                "color": theme.OURS,
                "line": {"width": 1.5, "color": "white"},
            },
            name=label,
            showlegend=False,
            hovertemplate="%{fullData.name}<extra></extra>",
        )
    )
    return fig

"""Helpers for charts whose title is a sentence: wrapped so that it is never cut at the figure's edge,
and our company marked on an industry ranking with its name (the one accent, theme.OURS)."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard import theme
from dashboard.text import chart as plain
from metrics.text.i18n import num, tr

TITLE_PX, SUBTITLE_PX = 26, 19
"""Height of one more title or subtitle line, added to the top margin when a title wraps."""


def _wrap(text: str, chars: int) -> list[str]:
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


SCREEN_CHARS, PHONE_CHARS = 90, 30
"""Where a sentence title wraps: whole in a full-width chart at 1440 px (sidebar open), and on a
phone's 390 px."""


def title_chars(user_agent: str) -> int:
    """The wrap for the browser that asked (its User-Agent header): a phone's narrower one."""
    return PHONE_CHARS if "Mobile" in (user_agent or "") else SCREEN_CHARS


def fit_titles(fig: go.Figure, chars: int) -> go.Figure:
    """Wrap a finished figure's title at `chars` characters and its subtitle at 1.4 times that, and
    make room above the plot for the extra lines: a sentence title is never cut at the figure's edge.
    The texts are plain already (`decorate`), so only the line breaks are markup."""
    title = fig.layout.title
    lines = _wrap(title.text or "", chars)
    sub = _wrap(title.subtitle.text or "", int(chars * 1.4)) if title.subtitle.text else []
    title.text = "<br>".join(lines)
    if sub:
        title.subtitle.text = "<br>".join(sub)
    extra = TITLE_PX * max(len(lines) - 1, 0) + SUBTITLE_PX * max(len(sub) - 1, 0)
    top = fig.layout.margin.t if fig.layout.margin.t is not None else 90
    fig.layout.margin.t = top + extra
    title.y, title.yanchor, title.yref = 1, "top", "container"
    title.pad = {"t": 16}
    if fig.layout.height:
        fig.layout.height = fig.layout.height + extra
    return fig


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
    label = plain(tr("overview.our_label", lang, name=name, score=num(score, lang)))
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

"""What every chart shares: title, subtitle with n and wave, a source line, the template."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard import theme
from dashboard.text import plain_figure
from metrics.text.i18n import tr


def decorate(
    fig: go.Figure,
    title: str,
    subtitle: str = "",
    source: str = "",
    height: int = 520,
    lang: str = "en",
) -> go.Figure:
    """Title, subtitle (n, wave, what the marks mean) and a source line under the plot; then every
    text of the figure, which comes from the data, drawn as plain text (`dashboard.text.chart`).

    Set property by property: `update_layout` costs five times as much, and every page draws several
    charts on every rerun."""
    layout = fig.layout
    # a figure made after `dashboard.theme` was imported has the template already (the default)
    if layout.template.layout.colorway != tuple(theme.CATEGORICAL):
        layout.template = theme.TEMPLATE
    layout.title = {
        "text": title,
        "subtitle": {"text": subtitle, "font": {"size": 14, "color": theme.MUTED}},
    }
    layout.height = height
    # Plotly's own number locale: Swedish writes a decimal comma and a space between thousands
    layout.separators = ", " if lang == "sv" else ".,"
    if source:
        fig.add_annotation(
            text=source,
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            yshift=-62,
            xanchor="left",
            yanchor="top",
            showarrow=False,
            font={"size": 12, "color": theme.MUTED},
        )
    return plain_figure(fig)


def colour_map(keys: list[str]) -> dict[str, str]:
    """A stable colour per category (industry), in the order given."""
    return {k: theme.PALETTE[i % len(theme.PALETTE)] for i, k in enumerate(keys)}


def cancelled_bands(fig: go.Figure, cancelled: list[int], lang: str = "en") -> None:
    """Shade each run of consecutive cancelled waves once, labelled 'not measured'."""
    runs: list[list[int]] = []
    for year in sorted(cancelled):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    # what add_vrect(..., annotation_position="top left") draws, at a fifth of its cost per chart
    for run in runs:
        x0, x1 = run[0] - 0.5, run[-1] + 0.5
        fig.add_shape(
            type="rect",
            x0=x0,
            x1=x1,
            xref="x",
            y0=0,
            y1=1,
            yref="y domain",
            fillcolor=theme.GRID,
            opacity=0.7,
            line_width=0,
        )
        fig.add_annotation(
            text=tr("not_measured", lang),
            x=x0,
            xref="x",
            y=1,
            yref="y domain",
            xanchor="left",
            yanchor="top",
            showarrow=False,
            font={"size": 11, "color": theme.MUTED},
        )

"""The one Plotly template for screen and export: colour-blind-safe, readable at projector distance.

Charts are shown with `st.plotly_chart(..., theme=None)` so that Streamlit does not restyle them and
an exported image looks like the screen.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

TEMPLATE = "servicemirror"
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"

# Okabe–Ito, then Paul Tol's muted scheme: distinguishable with the common colour-vision deficiencies
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
    "#DDDDDD",
)
# Story-first colour (issue 17): our company (and its industry) is the one accent, with a direct label;
# every peer is grey; a chart that needs categories uses at most the first MAX_COLOURS of PALETTE.
OURS = "#D55E00"
"""Our company, and its industry: the one accent colour of every chart."""
OURS_LIGHT = "#F2B48C"
"""Our industry's other companies, or our interval band: the accent, lighter."""
PEER = "#b3bcc6"
"""Every peer: marks a board should see as 'the others'."""
PEER_DARK = "#7d8894"
"""A peer that is named (the top, the bottom): grey, but darker, with its label."""
MAX_COLOURS = 6
CATEGORICAL = PALETTE[:MAX_COLOURS]
"""The colours a chart with categories may use (never more than six)."""
INK = "#1b2733"
MUTED = "#6b7785"
GRID = "#e3e8ee"
HIGHLIGHT = OURS
ACCENT = "#0072B2"
NEUTRAL = "#b8c2cc"
POSITIVE = "#009E73"
NEGATIVE = "#CC79A7"
DIVERGING = [[0.0, "#B2182B"], [0.5, "#F7F7F7"], [1.0, "#2166AC"]]
SEQUENTIAL = [[0.0, "#F7FBFF"], [1.0, "#08519C"]]


def register() -> None:
    """Register the template and make it Plotly's default (idempotent)."""
    layout = go.Layout(
        font={"family": FONT, "size": 15, "color": INK},
        title={"font": {"size": 20}, "x": 0.0, "xanchor": "left", "y": 0.97},
        colorway=list(CATEGORICAL),
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 70, "r": 30, "t": 90, "b": 80},
        xaxis={
            "gridcolor": GRID,
            "zerolinecolor": GRID,
            "linecolor": MUTED,
            "ticks": "outside",
            "automargin": True,
            "ticklabeloverflow": "allow",
        },
        yaxis={
            "gridcolor": GRID,
            "zerolinecolor": GRID,
            "linecolor": MUTED,
            "ticks": "outside",
            "automargin": True,
            "ticklabeloverflow": "allow",
        },
        legend={"bgcolor": "rgba(255,255,255,0.8)", "font": {"size": 13}},
        hoverlabel={"font": {"family": FONT, "size": 14}},
    )
    pio.templates[TEMPLATE] = go.layout.Template(layout=layout)
    pio.templates.default = TEMPLATE


register()

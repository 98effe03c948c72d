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
INK = "#1b2733"
MUTED = "#6b7785"
GRID = "#e3e8ee"
HIGHLIGHT = "#D55E00"
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
        colorway=list(PALETTE),
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 70, "r": 30, "t": 90, "b": 80},
        xaxis={
            "gridcolor": GRID,
            "zerolinecolor": GRID,
            "linecolor": MUTED,
            "ticks": "outside",
            "automargin": True,
        },
        yaxis={
            "gridcolor": GRID,
            "zerolinecolor": GRID,
            "linecolor": MUTED,
            "ticks": "outside",
            "automargin": True,
        },
        legend={"bgcolor": "rgba(255,255,255,0.8)", "font": {"size": 13}},
        hoverlabel={"font": {"family": FONT, "size": 14}},
    )
    pio.templates[TEMPLATE] = go.layout.Template(layout=layout)
    pio.templates.default = TEMPLATE


register()

"""Static chart images rendered by kaleido with the system Chromium.

One export process serves the whole server: kaleido's sync server is started on first use and kept
warm (a cold start costs seconds, a warm PNG a few hundred milliseconds). Kaleido is not thread-safe
and Streamlit runs each session in its own thread, so every render holds one lock.
"""

from __future__ import annotations

import atexit
import threading

import plotly.graph_objects as go
import plotly.io as pio

from dashboard import theme

pio.defaults.mathjax = None  # offline: no MathJax download
_LOCK = threading.Lock()
_STARTED = False

WIDTH, HEIGHT = 1600, 900  # 16:9, the board pack's slide shape
SCALE = 2.0
"""PNGs at twice the layout's pixels (3200 × 1800 by default): sharp on a projector and in print."""
FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}


def _server() -> None:
    global _STARTED
    if not _STARTED:
        import kaleido

        kaleido.start_sync_server(silence_warnings=True)
        atexit.register(kaleido.stop_sync_server, silence_warnings=True)
        _STARTED = True


def for_export(fig: go.Figure, width: int = WIDTH, height: int = HEIGHT) -> go.Figure:
    """A copy sized for a slide or a document, with the screen's template (title, subtitle and the
    source line are part of the figure, so they are drawn into the image)."""
    out = go.Figure(fig)
    out.update_layout(template=theme.TEMPLATE, width=width, height=height)
    # animations and selection UI mean nothing on paper
    out.update_layout(updatemenus=[], sliders=[])
    return out


def render(
    fig: go.Figure, fmt: str = "png", width: int = WIDTH, height: int = HEIGHT, scale: float = SCALE
) -> bytes:
    """The figure as PNG, SVG or PDF bytes (a PNG at `scale` times `width` × `height` pixels)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown image format {fmt!r}; use one of {', '.join(FORMATS)}")
    import kaleido

    figure = for_export(fig, width, height)
    with _LOCK:
        _server()
        return kaleido.calc_fig_sync(
            figure, opts={"format": fmt, "width": width, "height": height, "scale": scale}
        )

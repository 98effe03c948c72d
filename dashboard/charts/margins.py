"""The left and bottom margins of a chart on screen, measured here instead of by Plotly's `automargin`.

With `automargin`, Plotly draws the figure, measures every tick label in the browser (a forced layout
of the whole page, per axis) and, when the labels need more room, draws the figure again: on a page
of several charts that is most of a rerun's drawing time (a ranking chart draws in half the time
without it). The labels are known here — the category names, or the numbers an axis of this range
shows — and so is the font (the app serves DejaVu Sans itself, `dashboard/static/`), so the room they
need is measured once, in Python, with the same font file: their width for a y axis, their height
for an x axis. Axes this cannot measure keep `automargin`: dates, logarithms, an axis on the right or
at the top or inside a grid, and x axes whose labels Plotly may turn (categories, a fixed tick step
or long numbers). Images and the board pack keep Plotly's own margins (`unfit`)."""

from __future__ import annotations

import base64
import html
import math
import numbers
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
from PIL import ImageFont

STATIC = Path(__file__).resolve().parent.parent / "static"
FONTS = {False: STATIC / "DejaVuSans.ttf", True: STATIC / "DejaVuSans-Bold.ttf"}
SIZE = 15  # the template's font size (`dashboard.theme`)
LINE = 1.3  # Plotly's line height, in font sizes
SPARE = 6  # pixels beyond the measured labels: a glyph's overhang, rounding
# Plotly's room under the plot, as it measures it (drawn in Chromium, DejaVu Sans, tick fonts of
# 11–18 px, titles of 12–20 px in one or two lines, a margin wide enough not to squeeze the title):
# tick marks and their gap and a line of tick labels; the title, where Plotly puts it by default,
# ends 10 px plus 3.25 font sizes below the plot, each further line 1.3 font sizes lower
TICK_GAP = 2
TICK_LINE = 1.4
TITLE_BASE = 10
TITLE_END = 3.25
BOTTOM_SPARE = 2  # the same font as Plotly's: a rounding
TURNABLE = 64  # pixels: a number label this wide may make Plotly turn an x axis's labels
FITTED = "servicemirror_fitted"  # layout.meta: the axes whose automargin `fit` turned off
TAG = re.compile(r"<[^>]+>")
BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


@lru_cache(maxsize=16)
def _font(size: float, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS[bold]), size)


@lru_cache(maxsize=8192)
def text_width(text: str, size: float = SIZE) -> float:
    """Pixels the widest line of a Plotly text takes in DejaVu Sans of `size` (its pseudo-HTML:
    `<br>` breaks a line, `<b>` is bold, other tags are drawn as their text)."""
    widest = 0.0
    for line in BREAK.split(text):
        bold = "<b>" in line.lower()
        widest = max(widest, _font(size, bold).getlength(html.unescape(TAG.sub("", line))))
    return widest


def _step(span: float) -> float:
    """Plotly's tick step for an axis of this span, roughly: 1, 2 or 5 times a power of ten, for
    as many ticks as a tall chart shows (a smaller step has more decimals: the estimate errs wide)."""
    raw = span / 15 if span > 0 else 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def number_labels(low: float, high: float, separators: str | None) -> list[str]:
    """The widest labels an axis from `low` to `high` can show (its ends, rounded out to a step,
    with the decimals of the step, a minus sign and thousands separated as Plotly writes them)."""
    step = _step(high - low)
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    ends = {low, high, math.floor(low / step) * step, math.ceil(high / step) * step}
    marks = separators or ".,"
    point, thousands = marks[0], marks[1:2]
    out = []
    for value in ends:
        text = f"{abs(value):,.{decimals}f}".replace(",", "\0").replace(".", point)
        out.append(("−" if value < 0 else "") + text.replace("\0", thousands))
    return out


def _array(data) -> list:
    """A trace's data as a list, a typed array (`{"dtype", "bdata"}`, as Plotly writes numbers in
    JSON) decoded."""
    if data is None:
        return []
    if isinstance(data, dict) and "bdata" in data:
        raw = base64.b64decode(data["bdata"])
        return np.frombuffer(raw, dtype=np.dtype(data["dtype"])).tolist()
    return list(data)


def _values(trace, axis: str) -> list:
    """The values a trace puts on its `axis` ("x" or "y"), its error bars' reach included."""
    values = _array(getattr(trace, axis, None))
    error = getattr(trace, f"error_{axis}", None)
    if error is not None and error.array is not None and values:
        plus = _array(error.array)
        minus = _array(error.arrayminus) if error.arrayminus is not None else plus
        for value, up, down in zip(list(values), plus, minus, strict=False):
            if isinstance(value, numbers.Real) and up is not None and down is not None:
                values.extend((value + up, value - down))
    if trace.type == "bar" and values and axis == ("x" if trace.orientation == "h" else "y"):
        values.append(0)
    if trace.type == "heatmap" and not values and trace.z is not None:
        values = list(range(len(trace.z)))
    return values


def _plotted(fig: go.Figure, letter: str, ref: str) -> list | None:
    """The values the visible traces put on the axis named `ref` ("x", "y2", …; `letter` is "x"
    or "y"), or None when a trace has no such axes (a pie or a table: nothing to measure)."""
    values = []
    for trace in fig.data:
        if f"{letter}axis" not in trace:
            return None
        if (trace[f"{letter}axis"] or letter) == ref and trace.visible is not False:
            values.extend(v for v in _values(trace, letter) if v is not None)
    return values


def _number_labels(fig: go.Figure, axis, found: list[float]) -> list[str] | None:
    """The widest labels of a numeric axis over these values (or its own range, when set)."""
    if axis.range is not None and None not in axis.range:
        found = [float(v) for v in axis.range]
    if not found:
        return None
    return number_labels(min(found), max(found), fig.layout.separators)


def _labels(fig: go.Figure, axis, ref: str) -> list[str] | None:
    """The texts the y axis `axis` (named `ref` by its traces, "y" or "y2") shows, or None when
    they cannot be known here."""
    if axis.type in ("date", "log", "multicategory") or axis.side == "right" or axis.overlaying:
        return None
    if axis.visible is False or axis.showticklabels is False:
        return []
    if axis.tickmode == "array" and axis.ticktext is not None:
        return [str(t) for t in _array(axis.ticktext)]
    values = _plotted(fig, "y", ref)
    if values is None:
        return None
    if axis.tickmode == "array" and axis.tickvals is not None:
        values = _array(axis.tickvals)
    if not values:
        return []
    if axis.type == "category" or any(isinstance(v, str) for v in values):
        return list(dict.fromkeys(str(v) for v in values))
    return _number_labels(fig, axis, [float(v) for v in values if isinstance(v, numbers.Real)])


def left_room(fig: go.Figure, axis, ref: str) -> float | None:
    """Pixels from the plot's left edge to the outer edge of the axis's title: tick marks, the
    widest label and the title's lines; None when the labels cannot be known."""
    labels = _labels(fig, axis, ref)
    if labels is None:
        return None
    size = axis.tickfont.size or fig.layout.font.size or SIZE
    widest = max((text_width(label, size) for label in labels), default=0)
    ticks = (axis.ticklen if axis.ticklen is not None else 5) if axis.ticks != "" else 0
    room = ticks + 3 + widest
    title = axis.title.text if axis.title else None
    if title:
        title_size = axis.title.font.size or fig.layout.font.size or SIZE
        room += 10 + LINE * title_size * len(BREAK.split(title))
    return room + SPARE


def _x_labels(fig: go.Figure, axis, ref: str) -> list[str] | None:
    """The texts the x axis `axis` (named `ref` by its traces) shows, when Plotly writes them
    level: None for an axis whose labels it may turn or cannot be known here."""
    if axis.type in ("date", "log", "category", "multicategory") or axis.side == "top":
        return None
    if axis.overlaying or (axis.rangeslider is not None and axis.rangeslider.visible):
        return None
    if axis.ticklabelposition not in (None, "outside") or axis.title.standoff is not None:
        return None
    if axis.visible is False or axis.showticklabels is False:
        return []
    level = axis.tickangle == 0  # asked for: Plotly never turns them
    if axis.tickangle not in (None, "auto", 0):
        return None
    if axis.tickmode == "array" or axis.dtick is not None:
        if not level:
            return None  # a fixed step: the labels may be crowded and turned
        if axis.ticktext is not None:
            return [str(t) for t in _array(axis.ticktext)]
    values = _plotted(fig, "x", ref)
    if values is None or any(
        not isinstance(v, numbers.Real) or isinstance(v, bool) for v in values
    ):
        return None  # no axes, or categories or dates
    labels = _number_labels(fig, axis, [float(v) for v in values])
    if labels is None:
        return []
    size = axis.tickfont.size or fig.layout.font.size or SIZE
    if not level and max(text_width(label, size) for label in labels) > TURNABLE:
        return None
    return labels


def bottom_room(fig: go.Figure, axis, ref: str) -> float | None:
    """Pixels from the plot's bottom edge to the lower edge of the x axis's title: tick marks,
    the labels' lines and the title's; None when Plotly may turn the labels or they cannot be
    known."""
    labels = _x_labels(fig, axis, ref)
    if labels is None:
        return None
    size = axis.tickfont.size or fig.layout.font.size or SIZE
    room = 0.0
    if labels:
        ticks = (axis.ticklen if axis.ticklen is not None else 5) if axis.ticks != "" else 0
        lines = max(len(BREAK.split(label)) for label in labels)
        room = (ticks + TICK_GAP if ticks else 0) + TICK_LINE * size * lines
    title = axis.title.text if axis.title else None
    if title:
        title_size = axis.title.font.size or fig.layout.font.size or SIZE
        lines = len(BREAK.split(title))
        below_labels = room + TICK_LINE * title_size * lines
        default = TITLE_BASE + TITLE_END * title_size + LINE * title_size * (lines - 1)
        room = max(below_labels, default)
    return room + BOTTOM_SPARE


def _outer(axis, axes: dict) -> bool:
    """Whether the axis lies along the figure's edge (not between the plots of a grid)."""
    anchor = axis.anchor or ("y" if axis.plotly_name.startswith("x") else "x")
    if anchor == "free":
        return (axis.position or 0) <= 0.01
    other = axes.get(anchor[0] + "axis" + anchor[1:])
    return other is None or not other.domain or other.domain[0] <= 0.01


def fit(fig: go.Figure) -> go.Figure:
    """Give the figure the left and bottom margins its axes need and turn their `automargin` off,
    in place (the axes it cannot measure keep it); the axes are listed in `layout.meta` for
    `unfit`, and a second call changes nothing."""
    layout = fig.layout
    if isinstance(layout.meta, dict) and FITTED in layout.meta:
        return fig  # fitted once (a cached figure, when it was made): nothing changes
    axes = {ax.plotly_name: ax for ax in (*fig.select_xaxes(), *fig.select_yaxes())}
    fitted, need = [], {}
    for letter, side, room_of in (("y", "l", left_room), ("x", "b", bottom_room)):
        for axis in axes.values():
            if axis.plotly_name[0] != letter or not _outer(axis, axes):
                continue  # the other letter, or labels inside a grid, not in the margin
            room = room_of(fig, axis, letter + axis.plotly_name.removeprefix(f"{letter}axis"))
            if room is not None:
                fitted.append(axis.plotly_name)
                need[side] = max(need.get(side, 0.0), room)
    meta = dict(layout.meta) if isinstance(layout.meta, dict) else {}
    layout.meta = {**meta, FITTED: fitted}
    for name in fitted:
        layout[name].automargin = False
    for side, room in need.items():
        current = layout.margin[side]
        if current is None:
            current = layout.template.layout.margin[side] or 80
        layout.margin[side] = max(current, math.ceil(room))
    return fig


def unfit(fig: go.Figure) -> go.Figure:
    """Plotly's own `automargin` back on the axes `fit` measured, in place (for images, drawn by
    kaleido's Chromium with whatever fonts it finds)."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    for name in meta.get(FITTED, ()):
        fig.layout[name].automargin = True
    return fig

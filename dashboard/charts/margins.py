"""The left margin of a chart on screen, measured here instead of by Plotly's `automargin`.

With `automargin`, Plotly draws the figure, measures every tick label in the browser (a forced layout
of the whole page, per axis) and, when the labels need more room, draws the figure again: on a page
of several charts that is most of a rerun's drawing time. The labels are known here — the category
names, or the numbers an axis of this range shows — and so is the font (the app serves DejaVu Sans
itself, `dashboard/static/`), so the room they need is measured once, in Python, with the same font
file. Axes this cannot measure (dates, logarithms, an axis on the right or inside a grid) keep
`automargin`. Images and the board pack keep Plotly's own margins (`unfit`)."""

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


def _labels(fig: go.Figure, axis, ref: str) -> list[str] | None:
    """The texts the y axis `axis` (named `ref` by its traces, "y" or "y2") shows, or None when
    they cannot be known here."""
    if axis.type in ("date", "log", "multicategory") or axis.side == "right" or axis.overlaying:
        return None
    if axis.visible is False or axis.showticklabels is False:
        return []
    if axis.tickmode == "array" and axis.ticktext is not None:
        return [str(t) for t in _array(axis.ticktext)]
    values = []
    for trace in fig.data:
        if "yaxis" not in trace:
            return None  # a pie or a table: no axes to measure
        if (trace.yaxis or "y") == ref and trace.visible is not False:
            values.extend(v for v in _values(trace, "y") if v is not None)
    if axis.tickmode == "array" and axis.tickvals is not None:
        values = _array(axis.tickvals)
    if not values:
        return []
    if axis.type == "category" or any(isinstance(v, str) for v in values):
        return list(dict.fromkeys(str(v) for v in values))
    found = [float(v) for v in values if isinstance(v, numbers.Real)]
    if axis.range is not None and None not in axis.range:
        found = [float(v) for v in axis.range]
    if not found:
        return None
    return number_labels(min(found), max(found), fig.layout.separators)


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


def fit(fig: go.Figure) -> go.Figure:
    """Give the figure the left margin its y axes need and turn their `automargin` off, in place
    (the axes it cannot measure keep it); the axes are listed in `layout.meta` for `unfit`, and a
    second call changes nothing."""
    layout = fig.layout
    if isinstance(layout.meta, dict) and FITTED in layout.meta:
        return fig  # fitted once (a cached figure, when it was made): nothing changes
    fitted, need = [], 0.0
    x_axes = {ax.plotly_name: ax for ax in fig.select_xaxes()}
    for axis in fig.select_yaxes():
        name = axis.plotly_name
        ref = "y" + name.removeprefix("yaxis")
        anchor = x_axes.get("xaxis" + (axis.anchor or "x").removeprefix("x"))
        if anchor is not None and anchor.domain and anchor.domain[0] > 0.01:
            continue  # labels inside a grid, not in the margin
        room = left_room(fig, axis, ref)
        if room is None:
            continue
        fitted.append(name)
        need = max(need, room)
    meta = dict(layout.meta) if isinstance(layout.meta, dict) else {}
    layout.meta = {**meta, FITTED: fitted}
    if not fitted:
        return fig
    for name in fitted:
        layout[name].automargin = False
    current = layout.margin.l
    if current is None:
        current = layout.template.layout.margin.l or 80
    layout.margin.l = max(current, math.ceil(need))
    return fig


def unfit(fig: go.Figure) -> go.Figure:
    """Plotly's own `automargin` back on the axes `fit` measured, in place (for images, drawn by
    kaleido's Chromium with whatever fonts it finds)."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    for name in meta.get(FITTED, ()):
        fig.layout[name].automargin = True
    return fig

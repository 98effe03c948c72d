"""The board pack's content, laid out by `deck` (PPTX) and `pdf`: slides with a title, a subtitle, a
Plotly figure, the data for a native PowerPoint chart, bullets and speaker notes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import plotly.graph_objects as go
import polars as pl

FONTS = Path(__file__).resolve().parents[2] / "static"
LOGO = FONTS / "logo.png"

Kind = Literal["bar", "line", "scatter"]


Pair = tuple[float | None, float | None]


@dataclass
class Native:
    """Data for an editable PowerPoint chart, with what the screen draws beside the marks: intervals
    (error bars), the trend line, reference lines (medians) and our company's accent."""

    kind: Kind
    series: list[tuple[str, list]]  # (name, values) or, for scatter, (name, [(x, y), …])
    categories: list[str] = field(default_factory=list)
    x_title: str = ""
    y_title: str = ""
    reverse_y: bool = False
    colours: list[str] = field(default_factory=list)  # per series; grey peers by default
    errors: list[Pair] = field(default_factory=list)
    """The 95% interval of each point of the first series as (below, above) its value."""
    accent: list[tuple[int, int, str]] = field(default_factory=list)
    """(series, point, label): marks in our accent colour with a direct label (none: no company)."""
    trend: bool = False
    """Scatter: a linear trend line (least squares over the first series' points, as the screen)."""
    references: list[tuple[str, str, float]] = field(default_factory=list)
    """Scatter: dashed reference lines across the plot (e.g. the medians) as (name, "x" or "y",
    value): "x" a vertical line at x = value, "y" a horizontal one."""
    value_labels: bool = False
    """Bars: each bar's value written beside it."""
    end_labels: bool = False
    """Lines: each line's name at its last point instead of a legend."""
    number_format: str = "0.0"


@dataclass
class Slide:
    key: str
    title: str
    subtitle: str = ""
    figure: go.Figure | None = None
    native: Native | None = None
    bullets: list[tuple[str, str]] = field(default_factory=list)  # (text, smaller caveat)
    notes: str = ""
    data: pl.DataFrame | None = None


@dataclass
class BoardPack:
    title: str
    dataset: str
    year: int | None
    lang: str
    created: dt.date
    slides: list[Slide]
    source: str

    def file_stem(self) -> str:
        return f"servicemirror_boardpack_{self.year or 'latest'}_{self.lang}"

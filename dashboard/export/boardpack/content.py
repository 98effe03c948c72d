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


@dataclass
class Native:
    """Data for an editable PowerPoint chart."""

    kind: Kind
    series: list[tuple[str, list]]  # (name, values) or, for scatter, (name, [(x, y), …])
    categories: list[str] = field(default_factory=list)
    x_title: str = ""
    y_title: str = ""
    reverse_y: bool = False
    colours: list[str] = field(default_factory=list)  # per series; the palette by default
    errors: list[tuple[float | None, float | None]] = field(default_factory=list)
    """Bars only: the 95% interval of each bar of the first series as (below, above) its value."""


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

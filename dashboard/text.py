"""Text from the data (names, labels, file names, database messages) made harmless for each surface
it is written into: one function per surface, and nothing from the data reaches a surface any other
way.

| surface | function | what could happen otherwise |
|---|---|---|
| Streamlit Markdown (titles, captions, KPI labels, alerts, help) | `safe` | links, images fetched from any host, `:red[…]`, `$…$`, `**…**` |
| Plotly (titles, ticks, legends, hovers, the SVG and PNG) | `chart` (`plain_figure` for a whole figure) | `<a href>` as a live link, `<b>`, MathJax, `%{…}` in a template; a control character failing the image export |
| PowerPoint (slides, notes, native charts and their workbooks) | `slide` | an XML error that breaks the deck (C0 control characters), reversed names |
| PDF | `pdf` | control characters and direction overrides drawn as junk or reversed text |
| CSV and Excel | `metrics.text.sheets.neutralise` | formulas (`=HYPERLINK(…)`) run by a spreadsheet |

The PowerPoint's embedded chart workbooks are also written with formulas and URLs off (see
`dashboard.export.boardpack`), as our own Excel files are.
"""

from __future__ import annotations

import re

import plotly.graph_objects as go

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~:])")

_CHART = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord("$"): "&#36;"}
_CHART[ord("%")] = "&#37;"
"""Plotly reads a subset of HTML (`<a href>`, `<b>`, `<br>`) and entities in every text it draws,
TeX between dollars when MathJax is there, and `%{…}` in hover templates; an entity is drawn as
its character."""

_DIRECTION = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Explicit direction embeddings, overrides and isolates: they can show a name reversed."""
_EXPORT = {c: None for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)}
_EXPORT.update({0x09: " ", 0x0A: " ", 0x0D: " ", 0x7F: None, 0xFFFE: None, 0xFFFF: None})
_EXPORT.update(dict.fromkeys(range(0x80, 0xA0)))
_EXPORT.update(dict.fromkeys(map(ord, _DIRECTION)))
"""Control characters (C0, DEL, C1) and the XML-invalid noncharacters dropped, line breaks and tabs
as spaces, direction controls dropped: what a deck or a PDF can show of a name."""


def safe(text: object) -> str:
    """Streamlit Markdown: text from the data, escaped so that it can never act as Markdown, HTML,
    a Streamlit directive (`:red[…]`, `:material/…:`) or LaTeX."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def chart(text: object) -> str:
    """Plotly: text from the data, drawn as itself (no tags, links, entities, TeX or templates),
    without the control characters an exported SVG or PNG cannot hold."""
    return _export(str(text)).translate(_CHART)


def slide(text: object) -> str:
    """PowerPoint: text from the data without the characters XML cannot hold or that reverse it."""
    return _export(str(text))


def pdf(text: object) -> str:
    """PDF: text from the data without control characters and direction overrides."""
    return _export(str(text))


def _export(text: str) -> str:
    cleaned = text.translate(_EXPORT)
    # lone surrogates cannot be written as UTF-8 at all
    return cleaned.encode("utf-8", "replace").decode("utf-8") if not cleaned.isascii() else cleaned


_TRACE_TEXTS = ("name", "text", "hovertext", "labels", "x", "y")
_MARKER = "servicemirror_plain"


def plain_figure(fig: go.Figure) -> go.Figure:
    """Every text of a finished figure through `chart`, in place (once: a second call does
    nothing): titles, annotations, axis titles and categories, legend, trace names, texts,
    categories and the text in custom data but its first column, the point's id that a selection
    reports (hover templates are the app's own and left alone). The chart builders call it through
    `decorate`."""
    layout = fig.layout
    if (layout.meta or {}).get(_MARKER) if isinstance(layout.meta, dict) else False:
        return fig
    for trace in fig.data:
        _plain_trace(trace)
    for frame in fig.frames or ():
        for trace in frame.data or ():
            _plain_trace(trace)
        for note in (frame.layout.annotations or ()) if frame.layout else ():
            if isinstance(note.text, str):
                note.text = chart(note.text)
    if layout.title.text:
        layout.title.text = chart(layout.title.text)
    if layout.title.subtitle.text:
        layout.title.subtitle.text = chart(layout.title.subtitle.text)
    for note in layout.annotations or ():
        if isinstance(note.text, str):
            note.text = chart(note.text)
    if layout.legend.title.text:
        layout.legend.title.text = chart(layout.legend.title.text)
    for axis in (*fig.select_xaxes(), *fig.select_yaxes()):
        if axis.title.text:
            axis.title.text = chart(axis.title.text)
        if axis.ticktext:
            axis.ticktext = [chart(t) if isinstance(t, str) else t for t in axis.ticktext]
        if axis.categoryarray is not None:
            axis.categoryarray = _plain_values(axis.categoryarray)
    layout.meta = {**(layout.meta if isinstance(layout.meta, dict) else {}), _MARKER: True}
    return fig


def _plain_values(values):
    """A sequence's strings through `chart` (numbers, dates and None untouched)."""
    if values is None or isinstance(values, str):
        return chart(values) if isinstance(values, str) else values
    try:
        import numpy as np

        array = np.asarray(values, dtype=object)
    except (TypeError, ValueError):
        return values
    if array.dtype != object or not any(isinstance(v, str) for v in array.flat):
        return values
    flat = [chart(v) if isinstance(v, str) else v for v in array.flat]
    return np.array(flat, dtype=object).reshape(array.shape)


def _plain_trace(trace) -> None:
    for attribute in _TRACE_TEXTS:
        if attribute in trace and trace[attribute] is not None:
            value = trace[attribute]
            trace[attribute] = chart(value) if isinstance(value, str) else _plain_values(value)
    if "customdata" in trace and trace.customdata is not None:
        import numpy as np

        custom = np.asarray(trace.customdata, dtype=object)
        if custom.ndim == 2 and custom.shape[1] > 1:
            custom[:, 1:] = _plain_values(custom[:, 1:])
            trace.customdata = custom
    legend = getattr(trace, "legendgrouptitle", None)
    if legend is not None and legend.text:
        legend.text = chart(legend.text)

"""Native (editable) PowerPoint charts that keep what the screen draws beside the marks: the 95%
intervals as error bars, the scatter's linear trend line, the medians as reference lines, bars'
values written beside them, and our company in the one accent colour with its label (per-point
formatting); peers grey.

python-pptx has no API for error bars or trend lines, so their DrawingML is written here in the
order the chart schema asks for. The chart workbooks are written with formulas and URLs off, so
that a name such as `=HYPERLINK(…)` stays text when the chart's data is opened in Excel."""

from __future__ import annotations

import math
from functools import cache, cached_property

from dashboard import theme
from dashboard.export.boardpack.content import Native, Pair
from dashboard.text import slide as slide_text

# what may follow each element inside a <c:ser>, in the schema's order (CT_BarSer, CT_LineSer,
# CT_ScatterSer): a new element goes before the first of these that the series already has
_AFTER_TRENDLINE = ("errBars", "cat", "val", "xVal", "yVal", "smooth", "shape")
_AFTER_ERRBARS = ("cat", "val", "xVal", "yVal", "smooth", "shape")


def _rgb(colour: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(colour.lstrip("#").upper())


def _insert(series_element, child, successors: tuple[str, ...]) -> None:
    from pptx.oxml.ns import qn

    for tag in successors:
        found = series_element.find(qn(f"c:{tag}"))
        if found is not None:
            found.addprevious(child)
            return
    series_element.append(child)


def _line_properties(parent, colour: str, width_emu: int, dash: str | None = None) -> None:
    from lxml import etree
    from pptx.oxml.ns import qn

    sp = etree.SubElement(parent, qn("c:spPr"))
    ln = etree.SubElement(sp, qn("a:ln"), w=str(width_emu))
    fill = etree.SubElement(ln, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=colour.lstrip("#").upper())
    if dash:
        etree.SubElement(ln, qn("a:prstDash"), val=dash)


def _has(errors: list[Pair]) -> bool:
    """Some point has an interval (a dataset without n has none: no error bars of zero)."""
    return any(v is not None for pair in errors for v in pair)


def error_bars(series, errors: list[Pair], direction: str | None = None) -> None:
    """Custom error bars (the 95% interval: below and above each value) on a series."""
    from lxml import etree
    from pptx.oxml.ns import qn

    bars = etree.Element(qn("c:errBars"))
    if direction:
        etree.SubElement(bars, qn("c:errDir"), val=direction)
    etree.SubElement(bars, qn("c:errBarType"), val="both")
    etree.SubElement(bars, qn("c:errValType"), val="cust")
    etree.SubElement(bars, qn("c:noEndCap"), val="0")
    for tag, column in (("plus", 1), ("minus", 0)):
        side = etree.SubElement(bars, qn(f"c:{tag}"))
        literal = etree.SubElement(side, qn("c:numLit"))
        etree.SubElement(literal, qn("c:formatCode")).text = "General"
        etree.SubElement(literal, qn("c:ptCount"), val=str(len(errors)))
        for i, pair in enumerate(errors):
            point = etree.SubElement(literal, qn("c:pt"), idx=str(i))
            etree.SubElement(point, qn("c:v")).text = repr(float(pair[column] or 0.0))
    _line_properties(bars, theme.INK, 12700)
    _insert(series._element, bars, _AFTER_ERRBARS)


def trend_line(series, name: str) -> None:
    """A linear (least-squares) trend line over the series' points, dashed in ink as on screen."""
    from lxml import etree
    from pptx.oxml.ns import qn

    line = etree.Element(qn("c:trendline"))
    etree.SubElement(line, qn("c:name")).text = slide_text(name)
    _line_properties(line, theme.INK, 28575, "dash")
    etree.SubElement(line, qn("c:trendlineType"), val="linear")
    etree.SubElement(line, qn("c:dispRSqr"), val="0")
    etree.SubElement(line, qn("c:dispEq"), val="0")
    _insert(series._element, line, _AFTER_TRENDLINE)


def plot_area(chart, x: float, y: float, w: float, h: float) -> None:
    """The plot's inner rectangle as fractions of the chart (room for end labels on the right)."""
    from lxml import etree
    from pptx.oxml.ns import qn

    area = chart._chartSpace.find(f"{qn('c:chart')}/{qn('c:plotArea')}")
    old = area.find(qn("c:layout"))
    if old is not None:
        area.remove(old)
    layout = etree.Element(qn("c:layout"))
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    etree.SubElement(manual, qn("c:layoutTarget"), val="inner")
    etree.SubElement(manual, qn("c:xMode"), val="edge")
    etree.SubElement(manual, qn("c:yMode"), val="edge")
    for tag, value in (("x", x), ("y", y), ("w", w), ("h", h)):
        etree.SubElement(manual, qn(f"c:{tag}"), val=repr(value))
    area.insert(0, layout)


def _nice_bounds(values: list[float]) -> tuple[float, float]:
    """A tight axis around the values, on round numbers (a scatter need not start at zero)."""
    lo, hi = min(values), max(values)
    span = (hi - lo) or abs(hi) or 1.0
    step = 10 ** math.floor(math.log10(span / 5))
    step *= next(m for m in (1, 2, 5, 10) if span / (step * m) <= 8)
    return math.floor((lo - span * 0.04) / step) * step, math.ceil((hi + span * 0.04) / step) * step


def bounds(native: Native) -> tuple[tuple[float, float], tuple[float, float]]:
    """A scatter's x and y axis ranges: tight around its points and reference lines."""
    points = [p for _, pairs in native.series for p in pairs]
    xs = [x for x, _ in points] + [v for _, axis, v in native.references if axis == "x"]
    ys = [y for _, y in points] + [v for _, axis, v in native.references if axis == "y"]
    return _nice_bounds(xs or [0.0]), _nice_bounds(ys or [0.0])


@cache
def _chart_data_classes() -> tuple[type, type]:
    """python-pptx's chart data, writing the chart's embedded workbook as our own Excel files are
    written: a text starting with '=' stays text (python-pptx's XlsxWriter default would make it a
    formula, and a URL a live link)."""
    from contextlib import contextmanager

    from pptx.chart.data import CategoryChartData, XyChartData
    from pptx.chart.xlsx import CategoryWorkbookWriter, XyWorkbookWriter
    from xlsxwriter import Workbook

    @contextmanager
    def open_worksheet(self, xlsx_file):
        options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        workbook = Workbook(xlsx_file, options)
        yield workbook, workbook.add_worksheet()
        workbook.close()

    class PlainCategoryWriter(CategoryWorkbookWriter):
        _open_worksheet = open_worksheet

    class PlainXyWriter(XyWorkbookWriter):
        _open_worksheet = open_worksheet

    class PlainCategoryData(CategoryChartData):
        @cached_property
        def _workbook_writer(self):
            return PlainCategoryWriter(self)

    class PlainXyData(XyChartData):
        @cached_property
        def _workbook_writer(self):
            return PlainXyWriter(self)

    return PlainCategoryData, PlainXyData


def _chart_data(native: Native):
    from pptx.enum.chart import XL_CHART_TYPE

    category_data, xy_data = _chart_data_classes()
    if native.kind == "scatter":
        data = xy_data()
        (x_lo, x_hi), (y_lo, y_hi) = bounds(native)
        lines = [
            (
                name,
                [(value, y_lo), (value, y_hi)] if axis == "x" else [(x_lo, value), (x_hi, value)],
            )
            for name, axis, value in native.references
        ]
        # the long series first: LibreOffice drops an XY series that is shorter than a later one
        for name, pairs in [*native.series, *lines]:
            s = data.add_series(slide_text(name))
            for x, y in pairs:
                s.add_data_point(x, y)
        return data, XL_CHART_TYPE.XY_SCATTER
    data = category_data(number_format=native.number_format)
    # a bar chart lists the best first: PowerPoint draws bar categories bottom-up
    flip = native.kind == "bar"
    data.categories = [
        slide_text(c) for c in (native.categories[::-1] if flip else native.categories)
    ]
    for name, values in native.series:
        data.add_series(slide_text(name), values[::-1] if flip else values)
    return data, XL_CHART_TYPE.BAR_CLUSTERED if flip else XL_CHART_TYPE.LINE_MARKERS


def add_chart(page, native: Native, left, top, width, height, trend_name: str = "") -> None:
    """The native chart on the slide, with its intervals, trend, references and accent."""
    from pptx.util import Pt

    data, kind = _chart_data(native)
    chart = page.shapes.add_chart(kind, left, top, width, height, data).chart
    chart.font.size = Pt(12)
    chart.font.name = "DejaVu Sans"
    chart.font.color.rgb = _rgb(theme.INK)
    chart.has_title = False  # the slide title says it
    chart.has_legend = False  # direct labels instead (a line's end, our company's point)
    {"bar": _bars, "line": _lines, "scatter": _scatter}[native.kind](chart, native, trend_name)
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = _rgb(theme.GRID)
    value_axis.tick_labels.font.color.rgb = _rgb(theme.MUTED)
    if native.reverse_y:
        value_axis.reverse_order = True
    titled = [(value_axis, native.y_title or (native.x_title if native.kind == "bar" else ""))]
    if native.kind == "scatter":
        titled.append((chart.category_axis, native.x_title))
    for axis, text in titled:
        if text:
            axis.has_title = True
            axis.axis_title.text_frame.text = slide_text(text)
            run = axis.axis_title.text_frame.paragraphs[0].runs[0]
            run.font.size, run.font.bold = Pt(12), False
            run.font.color.rgb = _rgb(theme.MUTED)


def _bars(chart, native: Native, _: str) -> None:
    from pptx.enum.chart import XL_LABEL_POSITION
    from pptx.util import Pt

    plot = chart.plots[0]
    plot.gap_width = 40
    chart.category_axis.tick_labels.font.size = Pt(10 if len(native.categories) > 15 else 12)
    count = len(native.categories)
    series = plot.series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = _rgb(native.colours[0] if native.colours else theme.PEER)
    if native.value_labels:  # on the series: a per-point label (the accent) would hide the plot's
        labels = series.data_labels
        labels.show_value = True
        labels.number_format, labels.number_format_is_linked = native.number_format, False
        labels.position = XL_LABEL_POSITION.INSIDE_BASE
        labels.font.size = Pt(10 if count > 15 else 12)
        labels.font.color.rgb = _rgb(theme.INK)
    for s, point, _label in native.accent:
        mark = plot.series[s].points[count - 1 - point]  # drawn bottom-up
        mark.format.fill.solid()
        mark.format.fill.fore_color.rgb = _rgb(theme.OURS)
        if native.value_labels:
            mark.data_label.font.bold = True
            mark.data_label.position = XL_LABEL_POSITION.INSIDE_BASE
    if _has(native.errors):
        error_bars(series, native.errors[::-1])


def _lines(chart, native: Native, _: str) -> None:
    from pptx.enum.chart import XL_LABEL_POSITION, XL_MARKER_STYLE
    from pptx.util import Pt

    palette = native.colours or [theme.PEER_DARK]
    for i, series in enumerate(chart.plots[0].series):
        colour = palette[i % len(palette)]
        ours = any(s == i for s, _, _ in native.accent)
        colour = theme.OURS if ours else colour
        series.smooth = False
        series.format.line.color.rgb = _rgb(colour)
        series.format.line.width = Pt(3.5 if ours else 2)
        series.marker.style = XL_MARKER_STYLE.CIRCLE
        series.marker.size = 8 if ours else 6
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = _rgb(colour)
        series.marker.format.line.fill.background()
        values = native.series[i][1]
        last = max((j for j, v in enumerate(values) if v is not None), default=None)
        if native.end_labels and last is not None:
            label = series.points[last].data_label
            label.has_text_frame = True
            label.text_frame.text = slide_text(native.series[i][0])
            label.position = XL_LABEL_POSITION.RIGHT
            run = label.text_frame.paragraphs[0].runs[0]
            run.font.size, run.font.bold = Pt(11), ours
            run.font.color.rgb = _rgb(colour)
    if _has(native.errors):
        error_bars(chart.plots[0].series[0], native.errors)
    if native.end_labels:
        plot_area(chart, 0.08, 0.05, 0.66, 0.82)
    chart.category_axis.tick_labels.font.color.rgb = _rgb(theme.MUTED)
    numbers = [v for _, vs in native.series for v in vs if v is not None]
    if native.reverse_y and numbers:  # ranks: 1 on top, the last rank at the bottom
        chart.value_axis.minimum_scale, chart.value_axis.maximum_scale = 1, max(numbers)
        chart.value_axis.major_unit = max(1, round(max(numbers) / 6))


def _scatter(chart, native: Native, trend_name: str) -> None:
    from pptx.enum.chart import XL_AXIS_CROSSES, XL_LABEL_POSITION, XL_MARKER_STYLE
    from pptx.enum.dml import MSO_LINE
    from pptx.util import Pt

    palette = native.colours or [theme.PEER]
    plotted = chart.plots[0].series
    for i, series in enumerate(plotted):
        if i >= len(native.series):  # a reference line: dashed, no markers
            series.marker.style = XL_MARKER_STYLE.NONE
            series.format.line.color.rgb = _rgb(theme.MUTED)
            series.format.line.width = Pt(1.25)
            series.format.line.dash_style = MSO_LINE.DASH
            continue
        colour = palette[i % len(palette)]
        series.marker.style = XL_MARKER_STYLE.CIRCLE
        series.marker.size = 6
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = _rgb(colour)
        series.marker.format.line.fill.background()
        series.format.line.fill.background()
    for s, point, label in native.accent:
        mark = plotted[s].points[point]
        mark.marker.style = XL_MARKER_STYLE.CIRCLE
        mark.marker.size = 13
        mark.marker.format.fill.solid()
        mark.marker.format.fill.fore_color.rgb = _rgb(theme.OURS)
        mark.marker.format.line.color.rgb = _rgb(theme.INK)
        if label:
            data_label = mark.data_label
            data_label.has_text_frame = True
            data_label.text_frame.text = slide_text(label)
            data_label.position = XL_LABEL_POSITION.RIGHT
            run = data_label.text_frame.paragraphs[0].runs[0]
            run.font.size, run.font.bold = Pt(13), True
            run.font.color.rgb = _rgb(theme.OURS)
    if native.trend and plotted:
        trend_line(plotted[0], trend_name)
    if _has(native.errors) and plotted:
        error_bars(plotted[0], native.errors, "y")
    for axis, (low, high) in zip(
        (chart.category_axis, chart.value_axis), bounds(native), strict=True
    ):
        axis.minimum_scale, axis.maximum_scale = low, high
        axis.crosses = XL_AXIS_CROSSES.MINIMUM
        axis.tick_labels.font.color.rgb = _rgb(theme.MUTED)

"""The board pack as a 16:9 PowerPoint deck: title-only slides with native (editable) charts where
python-pptx has the chart type, bullets beside them and sources in the speaker notes.

Every text goes into the deck through `dashboard.text.slide` (names come from the data), and the
chart workbooks are written with formulas and URLs off, so that a name such as `=HYPERLINK(…)`
stays text when the chart's data is opened in Excel."""

from __future__ import annotations

import io
from functools import cache, cached_property

from dashboard import theme
from dashboard.export.boardpack.content import LOGO, BoardPack, Native, Slide
from dashboard.text import slide as slide_text


def to_pptx(pack: BoardPack) -> bytes:
    """A 16:9 deck: title-only slides with native charts where python-pptx has the type."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    for number, slide in enumerate(pack.slides, start=1):
        layout = prs.slide_layouts[0 if slide.key == "title" else 5]
        page = prs.slides.add_slide(layout)
        _pptx_slide(page, slide, pack, number)
        page.notes_slide.notes_text_frame.text = slide_text(slide.notes or pack.source)
    prs.core_properties.title = slide_text(pack.title)
    prs.core_properties.subject = slide_text(pack.dataset)
    prs.core_properties.author = "Service Mirror"
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def _pptx_slide(page, slide: Slide, pack: BoardPack, number: int) -> None:
    from pptx.dml.color import RGBColor
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Inches, Pt

    ink, muted = RGBColor.from_string(theme.INK[1:]), RGBColor.from_string(theme.MUTED[1:])
    title = page.shapes.title
    title.text = slide_text(slide.title)
    for paragraph in title.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.color.rgb = ink
    if slide.key == "title":
        page.placeholders[1].text = slide_text(slide.subtitle)
        if LOGO.exists():
            page.shapes.add_picture(str(LOGO), Inches(0.5), Inches(0.4), height=Inches(0.8))
        return
    title.left, title.top, title.width, title.height = (
        Inches(0.5),
        Inches(0.3),
        Inches(12.3),
        Inches(0.9),
    )
    title.text_frame.paragraphs[0].runs[0].font.size = Pt(30)
    title.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    top = Inches(1.2)
    if slide.subtitle:
        box = page.shapes.add_textbox(Inches(0.5), Inches(1.1), Inches(12.3), Inches(0.5))
        box.text_frame.word_wrap = True
        run = box.text_frame.paragraphs[0].add_run()
        run.text = slide_text(slide.subtitle)
        run.font.size, run.font.color.rgb = Pt(14), muted
        top = Inches(1.65)
    chart_width = Inches(8.4) if slide.bullets else Inches(12.3)
    if slide.native is not None:
        _native_chart(
            page, slide.native, Inches(0.5), top, chart_width, Inches(7.5) - top - Inches(0.55)
        )
    elif slide.figure is not None:
        from dashboard.export.images import render

        png = render(slide.figure, "png", 1200, 675, 2)
        page.shapes.add_picture(io.BytesIO(png), Inches(0.5), top, width=chart_width)
    if slide.bullets:
        left = Inches(9.1) if slide.native is not None or slide.figure is not None else Inches(0.5)
        width = Inches(13.333) - left - Inches(0.5)
        box = page.shapes.add_textbox(left, top, width, Inches(7.5) - top - Inches(0.6))
        frame = box.text_frame
        frame.word_wrap = True
        size = Pt(16) if len(slide.bullets) <= 4 else Pt(14)
        for i, (text, caveat) in enumerate(slide.bullets):
            p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            run = p.add_run()
            run.text = "• " + slide_text(text)
            run.font.size, run.font.color.rgb = size, ink
            p.space_before = Pt(8)
            if caveat:
                c = frame.add_paragraph()
                cr = c.add_run()
                cr.text = "   " + slide_text(caveat)
                cr.font.size, cr.font.color.rgb = Pt(11), muted
    foot = page.shapes.add_textbox(Inches(0.5), Inches(7.05), Inches(12.3), Inches(0.35))
    run = foot.text_frame.paragraphs[0].add_run()
    run.text = slide_text(f"{pack.source}  ·  {number}/{len(pack.slides)}")
    run.font.size, run.font.color.rgb = Pt(10), muted


def _error_bars(series, errors: list[tuple[float | None, float | None]]) -> None:
    """Custom error bars (the 95% interval) on a bar series: python-pptx has no API for them, so
    the DrawingML is written as the chart schema orders it (before the categories)."""
    from lxml import etree
    from pptx.oxml.ns import qn

    def values(tag: str, column: int) -> etree._Element:
        side = etree.SubElement(bars, qn(f"c:{tag}"))
        literal = etree.SubElement(side, qn("c:numLit"))
        etree.SubElement(literal, qn("c:formatCode")).text = "General"
        etree.SubElement(literal, qn("c:ptCount"), val=str(len(errors)))
        for i, pair in enumerate(errors):
            point = etree.SubElement(literal, qn("c:pt"), idx=str(i))
            etree.SubElement(point, qn("c:v")).text = repr(float(pair[column] or 0.0))
        return side

    bars = etree.Element(qn("c:errBars"))
    etree.SubElement(bars, qn("c:errBarType"), val="both")
    etree.SubElement(bars, qn("c:errValType"), val="cust")
    etree.SubElement(bars, qn("c:noEndCap"), val="0")
    values("plus", 1)
    values("minus", 0)
    ser = series._element
    ser.find(qn("c:cat")).addprevious(bars)


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


def _native_chart(page, native: Native, left, top, width, height) -> None:
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
    from pptx.util import Pt

    category_data, xy_data = _chart_data_classes()
    if native.kind == "scatter":
        data = xy_data()
        for name, pairs in native.series:
            s = data.add_series(slide_text(name))
            for x, y in pairs:
                s.add_data_point(x, y)
        kind = XL_CHART_TYPE.XY_SCATTER
    else:
        data = category_data()
        # a bar chart lists the best first: PowerPoint draws bar categories bottom-up
        categories = native.categories[::-1] if native.kind == "bar" else native.categories
        data.categories = [slide_text(c) for c in categories]
        for name, values in native.series:
            data.add_series(slide_text(name), values[::-1] if native.kind == "bar" else values)
        kind = XL_CHART_TYPE.BAR_CLUSTERED if native.kind == "bar" else XL_CHART_TYPE.LINE_MARKERS
    chart = page.shapes.add_chart(kind, left, top, width, height, data).chart
    chart.font.size = Pt(11)
    chart.font.name = "DejaVu Sans"
    chart.has_title = False  # the slide title says it
    if native.kind == "bar":
        chart.category_axis.tick_labels.font.size = Pt(9 if len(native.categories) > 15 else 11)
        chart.plots[0].gap_width = 40
        if native.errors:
            _error_bars(chart.plots[0].series[0], native.errors[::-1])
    chart.has_legend = len(native.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.RIGHT
        chart.legend.include_in_layout = False
    palette = native.colours or theme.PALETTE
    for i, plot_series in enumerate(chart.series):
        colour = RGBColor.from_string(palette[i % len(palette)][1:])
        if native.kind == "bar":
            plot_series.format.fill.solid()
            plot_series.format.fill.fore_color.rgb = colour
        else:
            plot_series.marker.style = XL_MARKER_STYLE.CIRCLE
            plot_series.marker.size = 7
            plot_series.marker.format.fill.solid()
            plot_series.marker.format.fill.fore_color.rgb = colour
            plot_series.marker.format.line.fill.background()
            if native.kind == "scatter":
                plot_series.format.line.fill.background()
            else:
                plot_series.format.line.color.rgb = colour
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = RGBColor.from_string(theme.GRID[1:])
    if native.reverse_y:
        value_axis.reverse_order = True
    titled = [(value_axis, native.y_title or (native.x_title if native.kind == "bar" else ""))]
    if native.kind == "scatter":
        titled.append((chart.category_axis, native.x_title))
    for axis, text in titled:
        if text:
            axis.has_title = True
            axis.axis_title.text_frame.text = slide_text(text)
            axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(12)

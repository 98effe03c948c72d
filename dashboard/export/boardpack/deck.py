"""The board pack as a 16:9 PowerPoint deck: title-only slides placed for 13.333 × 7.5 in, native
(editable) charts with their intervals, trend lines and our accent (`native`), bullets beside them
and sources in the speaker notes.

Every text goes into the deck through `dashboard.text.slide` (names come from the data)."""

from __future__ import annotations

import io

from dashboard import theme
from dashboard.export.boardpack import native as native_chart
from dashboard.export.boardpack.content import LOGO, BoardPack, Slide
from dashboard.text import slide as slide_text
from metrics.text.i18n import tr


def to_pptx(pack: BoardPack) -> bytes:
    """A 16:9 deck: title-only slides with native charts where python-pptx has the type."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    for number, slide in enumerate(pack.slides, start=1):
        page = prs.slides.add_slide(prs.slide_layouts[5])  # title only: placed for 16:9 below
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
        _title_slide(page, slide, pack)
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
        native_chart.add_chart(
            page,
            slide.native,
            Inches(0.5),
            top,
            chart_width,
            Inches(7.5) - top - Inches(0.55),
            tr("chart.trend", pack.lang),
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


def _title_slide(page, slide: Slide, pack: BoardPack) -> None:
    """The cover, laid out for 16:9: the logo, the title, what the pack is about (dataset, wave,
    date, our company) and the one-line answer, beside an accent rule."""
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Inches, Pt

    ink, muted = RGBColor.from_string(theme.INK[1:]), RGBColor.from_string(theme.MUTED[1:])
    if LOGO.exists():
        page.shapes.add_picture(str(LOGO), Inches(0.8), Inches(0.6), height=Inches(0.9))
    title = page.shapes.title
    title.left, title.top, title.width, title.height = (
        Inches(0.8),
        Inches(1.8),
        Inches(11.7),
        Inches(1.3),
    )
    frame = title.text_frame
    frame.word_wrap, frame.vertical_anchor = True, MSO_ANCHOR.BOTTOM
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    paragraph.runs[0].font.size, paragraph.runs[0].font.bold = Pt(44), True
    paragraph.runs[0].font.color.rgb = ink
    box = page.shapes.add_textbox(Inches(0.8), Inches(3.2), Inches(11.7), Inches(0.7))
    box.text_frame.word_wrap = True
    run = box.text_frame.paragraphs[0].add_run()
    run.text = slide_text(slide.subtitle)
    run.font.size, run.font.color.rgb = Pt(22), muted
    if slide.bullets:
        answer, caveat = slide.bullets[0]
        rule = page.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, Inches(0.8), Inches(4.3), Inches(0.12), Inches(2.0)
        )
        rule.fill.solid()
        rule.fill.fore_color.rgb = RGBColor.from_string(theme.OURS[1:])
        rule.line.fill.background()
        box = page.shapes.add_textbox(Inches(1.15), Inches(4.2), Inches(11.3), Inches(2.3))
        text = box.text_frame
        text.word_wrap = True
        run = text.paragraphs[0].add_run()
        run.text = slide_text(answer)
        run.font.size, run.font.color.rgb = Pt(24 if len(answer) < 160 else 20), ink
        if caveat:
            p = text.add_paragraph()
            p.space_before = Pt(10)
            run = p.add_run()
            run.text = slide_text(caveat)
            run.font.size, run.font.color.rgb = Pt(13), muted
    foot = page.shapes.add_textbox(Inches(0.8), Inches(6.85), Inches(11.7), Inches(0.4))
    run = foot.text_frame.paragraphs[0].add_run()
    run.text = slide_text(pack.source)
    run.font.size, run.font.color.rgb = Pt(11), muted

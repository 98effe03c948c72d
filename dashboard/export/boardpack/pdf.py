"""The board pack as PDF: the same pages as the deck, 16:9, with the charts rendered by kaleido and
the app's own font (Swedish characters and symbols such as ≥ and Δ print)."""

from __future__ import annotations

import io

import plotly.graph_objects as go

from dashboard import theme
from dashboard.export.boardpack.content import FONTS, LOGO, BoardPack
from dashboard.text import pdf as pdf_text


def to_pdf(pack: BoardPack) -> bytes:
    """The same slides as 16:9 PDF pages; charts are the Plotly figures rendered by kaleido."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.units import inch
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    from dashboard.export.images import render

    regular, bold = _pdf_fonts()
    width, height = 13.333 * inch, 7.5 * inch
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=(width, height), pageCompression=1)
    pdf.setTitle(pdf_text(pack.title))
    pdf.setAuthor("Service Mirror")
    pdf.setSubject(pdf_text(pack.dataset))
    ink, muted = HexColor(theme.INK), HexColor(theme.MUTED)
    margin = 0.5 * inch
    for number, slide in enumerate(pack.slides, start=1):
        if slide.key == "title":
            if LOGO.exists():
                pdf.drawImage(
                    str(LOGO),
                    margin,
                    height - 1.3 * inch,
                    height=0.8 * inch,
                    width=0.8 * inch,
                    preserveAspectRatio=True,
                    mask="auto",
                )
            _title_page(pdf, slide, pack, (regular, bold), width, height)
            pdf.showPage()
            continue
        pdf.setFillColor(ink)
        y = _wrapped(pdf, slide.title, bold, 24, margin, height - 0.4 * inch, width - 2 * margin)
        if slide.subtitle:
            pdf.setFillColor(muted)
            y = _wrapped(pdf, slide.subtitle, regular, 13, margin, y - 6, width - 2 * margin)
        chart_width = 8.4 * inch if slide.bullets else width - 2 * margin
        if slide.figure is not None:
            # the page carries the title and subtitle; the image keeps the chart and its source line
            figure = go.Figure(slide.figure)
            figure.update_layout(title={"text": "", "subtitle": {"text": ""}}, margin={"t": 30})
            png = render(figure, "png", 1200, 675, 2)
            box_h = y - 0.65 * inch - 0.15 * inch
            pdf.drawImage(
                ImageReader(io.BytesIO(png)),
                margin,
                0.65 * inch,
                width=chart_width,
                height=box_h,
                preserveAspectRatio=True,
                anchor="n",
            )
        if slide.bullets:
            left = margin + chart_width + 0.3 * inch if slide.figure is not None else margin
            text_width = width - left - margin
            yy = y - 0.2 * inch
            size = _fitting(slide.bullets, regular, text_width, yy - 0.65 * inch)
            for text, caveat in slide.bullets:
                pdf.setFillColor(ink)
                yy = _wrapped(pdf, "• " + text, regular, size, left, yy, text_width)
                if caveat:
                    pdf.setFillColor(muted)
                    yy = _wrapped(
                        pdf, caveat, regular, size * 0.7, left + 12, yy + 2, text_width - 12
                    )
                yy -= size * 0.5
        pdf.setFillColor(muted)
        pdf.setFont(regular, 9)
        footer = pdf_text(f"{pack.source}  ·  {number}/{len(pack.slides)}")
        pdf.drawString(margin, 0.3 * inch, footer)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _title_page(pdf, slide, pack: BoardPack, fonts: tuple[str, str], width, height) -> None:
    """The cover for 16:9: logo, title, what the pack covers, and the one-line answer beside an
    accent rule (not an empty page)."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.units import inch

    regular, bold = fonts
    margin = 0.8 * inch
    if LOGO.exists():
        pdf.drawImage(
            str(LOGO),
            margin,
            height - 1.5 * inch,
            height=0.9 * inch,
            width=0.9 * inch,
            preserveAspectRatio=True,
            mask="auto",
        )
    pdf.setFillColor(HexColor(theme.INK))
    y = _wrapped(pdf, slide.title, bold, 40, margin, height - 1.9 * inch, width - 2 * margin)
    pdf.setFillColor(HexColor(theme.MUTED))
    y = _wrapped(pdf, slide.subtitle, regular, 18, margin, y - 10, width - 2 * margin)
    if slide.bullets:
        top = y - 0.45 * inch
        pdf.setFillColor(HexColor(theme.INK))
        bottom = _wrapped(
            pdf, slide.bullets[0][0], regular, 20, margin + 0.3 * inch, top, width - 2.3 * margin
        )
        pdf.setFillColor(HexColor(theme.OURS))
        pdf.rect(margin, bottom - 6, 0.09 * inch, top - bottom + 6, stroke=0, fill=1)
    pdf.setFillColor(HexColor(theme.MUTED))
    pdf.setFont(regular, 10)
    pdf.drawString(margin, 0.4 * inch, pdf_text(pack.source))


def _fitting(bullets: list[tuple[str, str]], font: str, width: float, room: float) -> float:
    """The largest type (15 pt down to 8) at which the bullets and caveats fit in `room` points."""
    from reportlab.lib.utils import simpleSplit

    for size in (15, 14, 13, 12, 11, 10, 9, 8):
        need = 0.0
        for text, caveat in bullets:
            need += len(simpleSplit(pdf_text("• " + text), font, size, width)) * size * 1.25
            if caveat:
                small = size * 0.7
                need += len(simpleSplit(pdf_text(caveat), font, small, width - 12)) * small * 1.25
            need += size * 0.5
        if need <= room:
            return size
    return 8


def _wrapped(pdf, text: str, font: str, size: float, x: float, y: float, width: float) -> float:
    """Draw text wrapped to the width, top line at y; return the y below the last line."""
    from reportlab.lib.utils import simpleSplit

    pdf.setFont(font, size)
    for line in simpleSplit(pdf_text(text), font, size, width):
        y -= size * 1.25
        pdf.drawString(x, y, line)
    return y


def _pdf_fonts() -> tuple[str, str]:
    """The app's own font files (self-hosted in dashboard/static), so the PDF looks like the screen
    and Swedish characters and symbols such as ≥ and Δ print."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONTS / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))
    return "DejaVuSans", "DejaVuSans-Bold"

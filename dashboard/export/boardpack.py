"""The board pack: the dashboard's story as a 16:9 deck (PPTX) and the same pages as a PDF.

`build()` computes the content once — slides with a title, a subtitle, a Plotly figure (for the
PDF, presentation mode and images), the data for a native PowerPoint chart where python-pptx has
the chart type, bullet points, and speaker notes with sources and definitions. `to_pptx()` and
`to_pdf()` only lay it out. Nothing here imports Streamlit.

Every text goes into the deck through `dashboard.text.slide` and into the PDF through
`dashboard.text.pdf` (names come from the data), and the deck's chart workbooks are written with
formulas and URLs off, so that a name such as `=HYPERLINK(…)` stays text when the chart's data is
opened in Excel. (Over 400 lines: the pack's content and its two layouts belong together.)
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

import plotly.graph_objects as go
import polars as pl

from dashboard import theme
from dashboard.charts import company as company_charts
from dashboard.charts import rankings as ranking_charts
from dashboard.charts import relations as relation_charts
from dashboard.text import pdf as pdf_text
from dashboard.text import slide as slide_text
from metrics.analytics import findings, rankings, relations, views
from metrics.text.anonymise import anonymise as anonymise_tables
from metrics.text.i18n import TEXT, date, integer, num, tr

FONTS = Path(__file__).resolve().parent.parent / "static"
LOGO = FONTS / "logo.png"

Kind = Literal["bar", "line", "scatter"]
MIMES = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}


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


NEEDS = ("companies", "industries", "waves", "metrics", "service_scores")


def missing_tables(tables: dict[str, pl.DataFrame]) -> list[str]:
    """The tables of the data model the pack needs and this dataset lacks."""
    return [name for name in NEEDS if tables.get(name) is None]


def build(
    tables: dict[str, pl.DataFrame],
    dataset_name: str,
    year: int | None = None,
    company: str | None = None,
    industry: str | None = None,
    metric: str = "servicescore",
    lang: str = "en",
    anonymise: bool = False,
    today: dt.date | None = None,
    reps: int = 2000,
) -> BoardPack:
    """The pack's content for a wave (default: the latest published), an optional company ("ours",
    never anonymised) and an optional industry to follow in the rank history."""
    missing = missing_tables(tables)
    if missing:
        raise ValueError(tr("pack.missing", lang, tables=", ".join(missing)))
    if anonymise:
        tables = anonymise_tables(tables, keep=company)
    years = rankings.published_years(tables["waves"])
    year = year if year in years else (years[-1] if years else None)
    if year is None:
        raise ValueError(tr("pack.no_wave", lang))
    names = views.company_names(tables)
    if company is not None and company not in names:
        raise ValueError(tr("pack.unknown_company", lang, company=company))
    labels = views.metric_labels(tables, lang)
    source = tr("source.line", lang, dataset=dataset_name)
    today = today or dt.date.today()
    ours = names.get(company) if company else None
    if industry is None and company is not None:
        industry = tables["companies"].filter(pl.col("company_id") == company)["industry_id"][0]

    slides = [
        Slide(
            "title",
            tr("pack.title", lang),
            tr("pack.title_sub", lang, dataset=dataset_name, year=year, date=date(today, lang))
            + (f" · {tr('pack.ours', lang, name=ours)}" if ours else ""),
            notes=tr("pack.title_notes", lang, source=source),
        ),
        _findings_slide(tables, company, year, lang, reps),
    ]
    ranking = views.industry_ranking(tables, metric, "respondents", lang)
    slides.append(_ranking_slide(ranking, year, labels.get(metric, metric), source, lang))
    slides.append(_history_slide(ranking, tables, industry, source, lang))
    values = views.metric_values(tables)
    present = set(values["metric_id"].unique())
    scores = views.company_ranking(tables, "servicescore", lang)
    if "ebit_margin_pct" in present:
        slides.append(
            _commercial_slide(tables, values, scores, year, labels, company, source, lang, reps)
        )
    if "enps" in present:
        slides.append(_mirror_slide(tables, values, year, labels, company, source, lang, reps))
    focus = company or scores.filter(pl.col("year") == year).sort("overall_rank")["company_id"][0]
    company_scores = (
        scores if metric == "servicescore" else views.company_ranking(tables, metric, lang)
    )
    slides.append(
        _company_slide(tables, company_scores, ranking, focus, company is None, year, source, lang)
    )
    slides.append(_methods_slide(tables, dataset_name, year, anonymise, lang))
    return BoardPack(tr("pack.title", lang), dataset_name, year, lang, today, slides, source)


# --- slides ---------------------------------------------------------------------------------------


def _findings_slide(tables, company, year, lang, reps) -> Slide:
    found = findings.key_findings(tables, company_id=company, year=year, reps=reps)
    bullets = [(r[f"sentence_{lang}"], r[f"caveat_{lang}"]) for r in found.iter_rows(named=True)]
    return Slide(
        "findings",
        tr("pack.findings", lang),
        tr("pack.findings_sub", lang, year=year),
        bullets=bullets[:7],
        notes=tr("pack.findings_notes", lang),
        data=found.select("key", f"sentence_{lang}", "value", "ci_low", "ci_high", "n"),
    )


def _ranking_slide(ranking, year, metric_label, source, lang) -> Slide:
    now = ranking.filter(pl.col("year") == year).sort("rank")
    respondents = integer(now["n_respondents"].sum(), lang)
    subtitle = tr(
        "pack.ranking_sub", lang, n=now.height, respondents=respondents, metric=metric_label
    )
    fig = ranking_charts.ranking_bars(
        now, title=tr("pack.ranking", lang, year=year), subtitle=subtitle, source=source, lang=lang
    )
    native = Native(
        "bar",
        [(metric_label, [round(v, 1) for v in now["score"]])],
        categories=now["label"].to_list(),
        x_title=tr("chart.score_axis_short", lang),
    )
    return Slide(
        "ranking",
        tr("pack.ranking", lang, year=year),
        subtitle,
        fig,
        native,
        notes=tr("pack.ranking_notes", lang, source=source),
        data=now.select(
            "rank",
            "label",
            "score",
            "ci_low",
            "ci_high",
            "n_companies",
            "n_respondents",
            "change",
            "change_significant",
        ),
    )


def _history_slide(ranking, tables, industry, source, lang) -> Slide:
    history = views.industry_history(ranking, tables)
    latest = ranking.filter(pl.col("year") == ranking["year"].max()).sort("rank")
    chosen = latest.head(3)["industry_id"].to_list() + latest.tail(3)["industry_id"].to_list()
    if industry and industry not in chosen:
        chosen.append(industry)
    shown = history.filter(pl.col("industry_id").is_in(chosen))
    subtitle = tr("pack.history_sub", lang, n=latest.height)
    fig = ranking_charts.bump_chart(
        shown,
        title=tr("pack.history", lang),
        subtitle=subtitle,
        source=source,
        highlight={industry} if industry else set(),
        lang=lang,
    )
    years = sorted(history["year"].unique().to_list())
    series = []
    for ind in chosen:
        part = dict(shown.filter(pl.col("industry_id") == ind).select("year", "rank").iter_rows())
        label = shown.filter(pl.col("industry_id") == ind)["label"].drop_nulls()
        series.append((label[0] if label.len() else ind, [part.get(y) for y in years]))
    native = Native(
        "line", series, [str(y) for y in years], y_title=tr("chart.rank_axis", lang), reverse_y=True
    )
    return Slide(
        "history",
        tr("pack.history", lang),
        subtitle,
        fig,
        native,
        notes=tr("pack.history_notes", lang, source=source),
        data=shown,
    )


def _scatter_native(points: pl.DataFrame, group: str, x_title: str, y_title: str) -> Native:
    series = []
    for (name,), part in points.sort(group).group_by(group, maintain_order=True):
        pairs = [(round(x, 2), round(y, 2)) for x, y in part.select("x", "y").iter_rows()]
        series.append((str(name), pairs))
    # longest series first: LibreOffice drops an XY series that is shorter than a later one
    series.sort(key=lambda named: -len(named[1]))
    return Native("scatter", series, x_title=x_title, y_title=y_title)


def _commercial_slide(tables, values, scores, year, labels, company, source, lang, reps) -> Slide:
    outcome = "ebit_margin_pct"
    points = views.relation_points(tables, values, scores, "servicescore", outcome, lang=lang)
    stats = relations.relation(
        values, tables["companies"], "servicescore", outcome, exclude_no_link=True, reps=reps
    ).row(0, named=True)
    now = points.filter(pl.col("year") == year).drop_nulls(["x", "y"])
    x_title, y_title = labels.get("servicescore", "ServiceScore"), labels.get(outcome, outcome)
    title = tr("pack.commercial", lang, outcome=findings.in_sentence(y_title))
    subtitle = f"{year} · {tr('pack.all_years', lang)} {findings.relation_words(stats, lang)}"
    fig = relation_charts.relation_scatter(
        now,
        stats,
        x_title,
        y_title,
        title=title,
        subtitle=subtitle,
        source=source,
        highlight={company} if company else set(),
        lang=lang,
    )
    native = _scatter_native(now, "industry_label", x_title, y_title)
    return Slide(
        "commercial",
        title,
        subtitle,
        fig,
        native,
        notes=tr("pack.commercial_notes", lang, source=source),
        data=now.select("company_id", "name", "industry_label", "year", "x", "y"),
    )


def _mirror_slide(tables, values, year, labels, company, source, lang, reps) -> Slide:
    employer = "enps"
    rows = views.quadrants(tables, values, employer, lang).filter(pl.col("year") == year)
    stats = relations.relation(
        values, tables["companies"], "servicescore", employer, exclude_no_link=None, reps=reps
    ).row(0, named=True)
    y_title = labels.get(employer, employer)
    title = tr("pack.mirror", lang)
    subtitle = f"{year} · {tr('pack.medians', lang)} · {findings.relation_words(stats, lang)}"
    fig = relation_charts.mirror_scatter(
        rows,
        y_title,
        reverse_y=False,
        title=title,
        subtitle=subtitle,
        source=source,
        highlight={company} if company else set(),
        lang=lang,
    )
    named = rows.with_columns(
        quadrant=pl.col("quadrant").replace_strict(
            {q: tr(f"quadrant.{q}", lang) for q in relation_charts.QUADRANTS},
            default=pl.col("quadrant"),
        ),
        x=pl.col("service"),
        y=pl.col("employer"),
    )
    native = _scatter_native(named, "quadrant", labels.get("servicescore", "ServiceScore"), y_title)
    colour = dict(
        zip(
            (tr(f"quadrant.{q}", lang) for q in relation_charts.QUADRANTS),
            relation_charts.QUADRANT_COLOURS,
            strict=True,
        )
    )
    native.colours = [colour.get(name, theme.NEUTRAL) for name, _ in native.series]
    return Slide(
        "mirror",
        title,
        subtitle,
        fig,
        native,
        notes=tr("pack.mirror_notes", lang, source=source),
        data=rows.select("company_id", "name", "industry_label", "service", "employer", "quadrant"),
    )


def _company_slide(
    tables, company_scores, industry_scores, company, is_example, year, source, lang
) -> Slide:
    names = views.company_names(tables)
    mine = company_scores.filter(pl.col("company_id") == company)
    industry_id = tables["companies"].filter(pl.col("company_id") == company)["industry_id"][0]
    industry = industry_scores.filter(pl.col("industry_id") == industry_id)
    industry_label = industry["label"][0] if industry.height else industry_id
    title = tr("pack.company", lang, name=names[company], industry=industry_label)
    subtitle = tr("pack.company_example", lang) if is_example else tr("pack.company_sub", lang)
    fig = company_charts.score_history(
        mine, tables["waves"], industry, title=title, subtitle=subtitle, source=source, lang=lang
    )
    years = sorted(tables["waves"]["year"].to_list())
    own = dict(mine.select("year", "score").iter_rows())
    ind = dict(industry.select("year", "score").iter_rows())
    native = Native(
        "line",
        [
            (names[company], [_round(own.get(y)) for y in years]),
            (industry_label, [_round(ind.get(y)) for y in years]),
        ],
        [str(y) for y in years],
        y_title=tr("chart.score_axis_short", lang),
    )
    bullets = []
    now = mine.filter(pl.col("year") == year)
    if now.height:
        c = now.row(0, named=True)
        bullets.append(
            (
                tr(
                    "pack.company_score",
                    lang,
                    year=year,
                    score=num(c["score"], lang),
                    margin=num(c["margin_95"], lang),
                    n=integer(c["n"], lang),
                ),
                "",
            )
        )
        bullets.append(
            (tr("pack.company_rank", lang, rank=c["industry_rank"], of=c["industry_n_ranked"]), "")
        )
        if c["vs_peers"] is not None:
            bullets.append(
                (tr("pack.company_peers", lang, gap=num(c["vs_peers"], lang, sign=True)), "")
            )
    return Slide(
        "company",
        title,
        subtitle,
        fig,
        native,
        bullets,
        notes=tr("pack.company_notes", lang, source=source),
        data=mine.select("year", "score", "ci_low", "ci_high", "n", "industry_rank"),
    )


def _methods_slide(tables, dataset_name, year, anonymised, lang) -> Slide:
    bullets = [(tr(f"pack.method_{i}", lang), "") for i in range(1, 7)]
    bullets.append((tr("pack.method_source", lang, dataset=dataset_name, year=year), ""))
    if anonymised:
        bullets.append((tr("pack.method_anonymised", lang), ""))
    labels = views.metric_labels(tables, lang)
    definitions = [
        f"{labels.get(m, m)}: {_definition(m, d, lang)}"
        for m, d in tables["metrics"].select("metric_id", "description").iter_rows()
        if not str(m).startswith(("moment_", "dim_"))
    ]
    return Slide(
        "methods",
        tr("pack.methods", lang),
        "",
        bullets=bullets,
        notes=tr("pack.definitions", lang) + "\n" + "\n".join(definitions),
    )


def _definition(metric: str, description: str | None, lang: str) -> str:
    """The catalogue's own words; the default metrics' definitions also exist in Swedish."""
    key = f"definition.{metric}"
    if key in TEXT and (lang == "sv" or not description):
        return tr(key, lang)
    return description or "–"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


# --- PowerPoint -----------------------------------------------------------------------------------


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


# --- PDF ------------------------------------------------------------------------------------------


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
            pdf.setFillColor(ink)
            pdf.setFont(bold, 40)
            pdf.drawString(margin, height * 0.55, pdf_text(slide.title))
            pdf.setFillColor(muted)
            _wrapped(
                pdf, slide.subtitle, regular, 18, margin, height * 0.55 - 40, width - 2 * margin
            )
            pdf.showPage()
            continue
        pdf.setFillColor(ink)
        pdf.setFont(bold, 26)
        pdf.drawString(margin, height - 0.75 * inch, pdf_text(slide.title))
        y = height - 1.0 * inch
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
            size = 15 if len(slide.bullets) <= 4 else 13
            for text, caveat in slide.bullets:
                pdf.setFillColor(ink)
                yy = _wrapped(pdf, "• " + text, regular, size, left, yy, text_width)
                if caveat:
                    pdf.setFillColor(muted)
                    yy = _wrapped(pdf, caveat, regular, 10.5, left + 12, yy + 2, text_width - 12)
                yy -= 8
        pdf.setFillColor(muted)
        pdf.setFont(regular, 9)
        pdf.drawString(
            margin, 0.3 * inch, pdf_text(f"{pack.source}  ·  {number}/{len(pack.slides)}")
        )
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


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


def write(pack: BoardPack, out: Path) -> Path:
    """Write the pack as .pptx or .pdf (by the file's suffix)."""
    suffix = out.suffix.lower()
    if suffix not in (".pptx", ".pdf"):
        raise ValueError(tr("pack.bad_suffix", pack.lang, suffix=suffix or "(none)"))
    out.write_bytes(to_pptx(pack) if suffix == ".pptx" else to_pdf(pack))
    return out

"""The board pack: the dashboard's story as a 16:9 deck (PPTX) and the same pages as a PDF.

`build()` computes the content once — slides with a title, a subtitle, a Plotly figure (for the
PDF, presentation mode and images), the data for a native PowerPoint chart where python-pptx has
the chart type, bullet points, and speaker notes with sources and definitions. `to_pptx()` and
`to_pdf()` only lay it out. Nothing here imports Streamlit.

Modules: `content` (slides and pack as data), `slides` (one function per slide), `deck` (PowerPoint),
`pdf` (the same pages as PDF).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from dashboard.export.boardpack import slides as make
from dashboard.export.boardpack.content import BoardPack, Native, Slide
from dashboard.export.boardpack.deck import to_pptx
from dashboard.export.boardpack.pdf import to_pdf
from metrics.analytics import findings, rankings, views
from metrics.schema import HEADLINE
from metrics.text.anonymise import anonymise as anonymise_tables
from metrics.text.i18n import date, tr

__all__ = [
    "MIMES",
    "BoardPack",
    "Native",
    "Slide",
    "build",
    "missing_tables",
    "to_pdf",
    "to_pptx",
    "write",
]

MIMES = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}


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
    metric: str = HEADLINE.service,
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
        make.findings_slide(tables, company, year, lang, reps),
    ]
    ranking = views.industry_ranking(tables, metric, "respondents", lang)
    slides.append(make.ranking_slide(ranking, year, labels.get(metric, metric), source, lang))
    slides.append(make.history_slide(ranking, tables, industry, source, lang))
    values = views.metric_values(tables)
    present = set(values["metric_id"].unique())
    scores = views.company_ranking(tables, metric, lang)
    if HEADLINE.margin in present:
        slides.append(
            make.commercial_slide(
                tables, values, scores, metric, year, labels, company, source, lang, reps
            )
        )
    employer = next((m for m in HEADLINE.employer if m in present), None)
    if employer is not None:
        slides.append(
            make.mirror_slide(tables, values, metric, employer, year, labels, company, source, lang)
        )
    within = findings.within_company_estimates(
        values, tables["companies"], metric, list(HEADLINE.after_change)
    )
    if within.filter(pl.col("beta").is_not_null()).height:
        slides.append(make.within_slide(within, labels, source, lang))
    focus = company or scores.filter(pl.col("year") == year).sort("overall_rank")["company_id"][0]
    slides.append(
        make.company_slide(tables, scores, ranking, focus, company is None, year, source, lang)
    )
    slides.append(make.methods_slide(tables, dataset_name, year, anonymise, lang))
    return BoardPack(tr("pack.title", lang), dataset_name, year, lang, today, slides, source)


def write(pack: BoardPack, out: Path) -> Path:
    """Write the pack as .pptx or .pdf (by the file's suffix)."""
    suffix = out.suffix.lower()
    if suffix not in (".pptx", ".pdf"):
        raise ValueError(tr("pack.bad_suffix", pack.lang, suffix=suffix or "(none)"))
    out.write_bytes(to_pptx(pack) if suffix == ".pptx" else to_pdf(pack))
    return out

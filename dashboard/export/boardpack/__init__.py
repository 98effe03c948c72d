"""The board pack: the dashboard's story as a 16:9 deck (PPTX) and the same pages as a PDF.

`build()` computes the content once — slides with a title, a subtitle, a Plotly figure (for the
PDF, presentation mode and images), the data for a native PowerPoint chart where python-pptx has
the chart type, bullet points, and speaker notes with sources and definitions. `to_pptx()` and
`to_pdf()` only lay it out. Nothing here imports Streamlit.

Modules: `content` (slides and pack as data), `slides` and `closing` (one function per slide),
`headlines` (titles that state the finding), `deck` and `native` (PowerPoint and its native charts),
`pdf` (the same pages as PDF).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from dashboard.export.boardpack import closing
from dashboard.export.boardpack import slides as make
from dashboard.export.boardpack.content import BoardPack, Native, Slide
from dashboard.export.boardpack.deck import to_pptx
from dashboard.export.boardpack.pdf import to_pdf
from metrics.analytics import findings, rankings, views
from metrics.analytics.roles import roles
from metrics.schema import About, Headline
from metrics.text.anonymise import anonymise as anonymise_tables
from metrics.text.i18n import date, tr

__all__ = [
    "MIMES",
    "BoardPack",
    "Native",
    "Slide",
    "build",
    "example_slide",
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
    metric: str | None = None,
    lang: str = "en",
    anonymise: bool = False,
    today: dt.date | None = None,
    reps: int = 2000,
    headline: Headline | None = None,
    about: About | None = None,
    example: bool = False,
) -> BoardPack:
    """The pack's content for a wave (default: the latest published), an optional company ("ours",
    never anonymised) and an optional industry to follow in the rank history. `metric`: the
    service metric (default: the dataset's headline); `headline`: the metrics the pack leads with
    (default: from the dataset's catalogue); `about`: what the dataset says about itself;
    `example`: with no company chosen, show the top company's slide as an example (only if asked:
    otherwise no slide shows another company)."""
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
    about = about or About()
    if headline is None:
        headline = roles(tables["metrics"], views.metric_values(tables)).headline(metric)
    metric = metric or headline.service
    source = tr("source.line", lang, dataset=dataset_name)
    today = today or dt.date.today()
    ours = names.get(company) if company else None
    our_industry = None
    if company is not None:
        our_industry = tables["companies"].filter(pl.col("company_id") == company)["industry_id"][0]
    industry = our_industry if industry is None else industry

    found = make.findings_slide(tables, company, year, lang, reps, headline)
    slides = [
        Slide(
            "title",
            tr("pack.title", lang),
            tr("pack.title_sub", lang, dataset=dataset_name, year=year, date=date(today, lang))
            + (f" · {tr('pack.ours', lang, name=ours)}" if ours else ""),
            bullets=[(make.answer(found, year, lang), "")],
            notes=tr("pack.title_notes", lang, source=source),
        ),
        found,
    ]
    two_points = about.change_rule == "two_points"
    ranking = views.industry_ranking(tables, metric, "respondents", lang, two_points)
    omitted: list[str] = []  # slides this dataset cannot fill, said on the methods slide
    if ranking.filter(pl.col("year") == year).is_empty():
        omitted.append(tr("pack.omitted_ranking", lang))
    else:
        metric_label = labels.get(metric, metric)
        slides.append(make.ranking_slide(ranking, year, metric_label, source, lang, our_industry))
        slides.append(make.history_slide(ranking, tables, industry, source, lang))
    values = views.metric_values(tables)
    present = set(values["metric_id"].unique())
    scores = views.company_ranking(tables, metric, lang, two_points)
    if headline.margin in present:
        slides.append(
            make.commercial_slide(
                tables,
                values,
                scores,
                metric,
                headline.margin,
                year,
                labels,
                company,
                source,
                lang,
                reps,
            )
        )
    employer = next((m for m in headline.employer if m in present), None)
    if employer is not None:
        slides.append(
            make.mirror_slide(tables, values, metric, employer, year, labels, company, source, lang)
        )
    within = findings.within_company_estimates(
        values, tables["companies"], metric, list(headline.after_change)
    )
    if within.filter(pl.col("beta").is_not_null()).height:
        slides.append(make.within_slide(within, labels, source, lang))
    focus = company
    if focus is None and example:
        focus = scores.filter(pl.col("year") == year).sort("overall_rank")["company_id"][0]
    if focus is not None:
        slides.append(
            closing.company_slide(
                tables, scores, ranking, focus, company is None, year, source, lang
            )
        )
    slides.append(
        closing.methods_slide(tables, dataset_name, year, anonymise, lang, headline, about)
    )
    return BoardPack(tr("pack.title", lang), dataset_name, year, lang, today, slides, source)


def example_slide(
    pack: BoardPack, tables: dict[str, pl.DataFrame], metric: str | None = None
) -> Slide:
    """The top company's slide, marked as an example: only when the user asks for one (with no
    company chosen no slide shows another company). Cheap: no bootstrap."""
    lang, year = pack.lang, pack.year
    headline = roles(tables["metrics"], views.metric_values(tables)).headline(metric)
    metric = metric or headline.service
    ranking = views.industry_ranking(tables, metric, "respondents", lang)
    scores = views.company_ranking(tables, metric, lang)
    focus = scores.filter(pl.col("year") == year).sort("overall_rank")["company_id"][0]
    return closing.company_slide(tables, scores, ranking, focus, True, year, pack.source, lang)


def write(pack: BoardPack, out: Path) -> Path:
    """Write the pack as .pptx or .pdf (by the file's suffix)."""
    suffix = out.suffix.lower()
    if suffix not in (".pptx", ".pdf"):
        raise ValueError(tr("pack.bad_suffix", pack.lang, suffix=suffix or "(none)"))
    out.write_bytes(to_pptx(pack) if suffix == ".pptx" else to_pdf(pack))
    return out

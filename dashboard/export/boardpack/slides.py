"""The slides of the board pack, one function each: what the slide says and draws, computed by the
same analytics and chart builders as the pages (a slide and a page cannot disagree). Each title
states the slide's finding (`headlines`); the native chart keeps the screen's intervals, trend,
medians and our accent (`content.Native`). Closing slides: `closing`."""

from __future__ import annotations

import polars as pl

from dashboard import theme
from dashboard.charts import effects as effect_charts
from dashboard.charts import rankings as ranking_charts
from dashboard.charts import relations as relation_charts
from dashboard.export.boardpack import headlines
from dashboard.export.boardpack.content import Native, Slide
from metrics.analytics import findings, views
from metrics.schema import Headline
from metrics.text.i18n import integer, interval, num, tr


def findings_slide(tables, company, year, lang, reps, headline: Headline) -> Slide:
    found = findings.key_findings(
        tables, company_id=company, year=year, reps=reps, headline=headline
    )
    bullets = [(r[f"sentence_{lang}"], r[f"caveat_{lang}"]) for r in found.iter_rows(named=True)]
    return Slide(
        "findings",
        tr("pack.findings", lang),
        tr("pack.findings_sub", lang, year=year),
        bullets=bullets[:7],
        notes=tr("pack.findings_notes", lang),
        data=found.select("key", f"sentence_{lang}", "value", "ci_low", "ci_high", "n"),
    )


def answer(found: Slide, year: int, lang: str) -> str:
    """The one-line answer for the title slide: does service go with the margin (else the first
    finding)."""
    data = found.data
    if data is None or data.is_empty():
        return tr("pack.title_answer_none", lang, year=year)
    pick = data.filter(
        pl.col("key").str.starts_with("service_") & pl.col("key").str.ends_with("margin")
    )
    return (pick if pick.height else data)[f"sentence_{lang}"][0]


def _errors(values, lows, highs, digits: int) -> list[tuple[float | None, float | None]]:
    return [
        (
            None if v is None or lo is None else round(v - lo, digits),
            None if v is None or hi is None else round(hi - v, digits),
        )
        for v, lo, hi in zip(values, lows, highs, strict=True)
    ]


def ranking_slide(ranking, year, metric_label, source, lang, ours: str | None = None) -> Slide:
    """`ours`: our company's industry (accented), None without a company."""
    now = ranking.filter(pl.col("year") == year).sort("rank")
    respondents = integer(now["n_respondents"].sum(), lang)
    title = headlines.ranking(now, year, ours, lang)
    subtitle = (
        tr("pack.ranking", lang, year=year)
        + " · "
        + tr("pack.ranking_sub", lang, n=now.height, respondents=respondents, metric=metric_label)
    )
    fig = ranking_charts.ranking_bars(
        now,
        title=title,
        subtitle=subtitle,
        source=source,
        lang=lang,
        highlight={ours} if ours else None,
    )
    ids = now["industry_id"].to_list()
    native = Native(
        "bar",
        [(metric_label, [round(v, 1) for v in now["score"]])],
        categories=now["label"].to_list(),
        x_title=tr("chart.score_axis_short_free", lang),
        errors=_errors(now["score"], now["ci_low"], now["ci_high"], 2),
        accent=[(0, ids.index(ours), "")] if ours in ids else [],
        value_labels=True,
    )
    return Slide(
        "ranking",
        title,
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


def history_slide(ranking, tables, industry, source, lang) -> Slide:
    history = views.industry_history(ranking, tables)
    latest = ranking.filter(pl.col("year") == ranking["year"].max()).sort("rank")
    chosen = latest.head(3)["industry_id"].to_list() + latest.tail(3)["industry_id"].to_list()
    chosen = list(dict.fromkeys(chosen))  # fewer than six industries: each once
    if industry and industry not in chosen:
        chosen.append(industry)
    shown = history.filter(pl.col("industry_id").is_in(chosen))
    title = headlines.history(ranking, industry, lang)
    subtitle = tr("pack.history", lang) + " · " + tr("pack.history_sub", lang, n=latest.height)
    fig = ranking_charts.bump_chart(
        shown,
        title=title,
        subtitle=subtitle,
        source=source,
        highlight={industry} if industry else set(),
        lang=lang,
    )
    years = sorted(history["year"].unique().to_list())
    series, colours = [], []
    top = set(latest.head(3)["industry_id"].to_list())
    for ind in chosen:
        part = dict(shown.filter(pl.col("industry_id") == ind).select("year", "rank").iter_rows())
        label = shown.filter(pl.col("industry_id") == ind)["label"].drop_nulls()
        series.append((label[0] if label.len() else ind, [part.get(y) for y in years]))
        colours.append(theme.PEER_DARK if ind in top else theme.PEER)
    native = Native(
        "line",
        series,
        [str(y) for y in years],
        y_title=tr("chart.rank_axis", lang),
        reverse_y=True,
        colours=colours,
        accent=[(chosen.index(industry), 0, "")] if industry in chosen else [],
        end_labels=True,
        number_format="0",
    )
    return Slide(
        "history",
        title,
        subtitle,
        fig,
        native,
        notes=tr("pack.history_notes", lang, source=source),
        data=shown,
    )


def _scatter_native(
    points: pl.DataFrame, x_title: str, y_title: str, tables, company: str | None, lang: str
) -> Native:
    """Every company one grey point, in the order of their values (stable, whatever the names);
    ours in the accent with its name."""
    ordered = points.with_columns(pl.col("x", "y").round(2)).sort("x", "y")
    pairs = list(ordered.select("x", "y").iter_rows())
    ids = ordered["company_id"].to_list()
    name = views.company_names(tables).get(company, "") if company else ""
    accent = [(0, ids.index(company), name)] if company in ids else []
    series = [(tr("pack.companies_series", lang), pairs)]
    return Native("scatter", series, x_title=x_title, y_title=y_title, accent=accent)


def commercial_slide(
    tables, values, scores, metric, outcome, year, labels, company, source, lang, reps
) -> Slide:
    # the wave's points and the statistics of exactly those points
    view = views.relation_view(
        tables, values, scores, metric, outcome, year=year, lang=lang, reps=reps
    )
    now, stats = view.points, view.stats
    x_title, y_title = labels.get(metric, metric), labels.get(outcome, outcome)
    title = headlines.link(stats, y_title, year, lang)
    words = findings.relation_words(stats, lang) if stats else tr("pack.too_few", lang)
    label = tr("pack.commercial", lang, outcome=findings.in_sentence(y_title))
    subtitle = f"{label} · {year} · {words}"
    fig = relation_charts.relation_scatter(
        now,
        stats,
        x_title,
        y_title,
        title=title,
        subtitle=subtitle,
        source=source,
        ours=company,
        lang=lang,
    )
    native = _scatter_native(now, x_title, y_title, tables, company, lang)
    native.trend = stats is not None and stats.get("slope") is not None
    return Slide(
        "commercial",
        title,
        subtitle,
        fig,
        native,
        notes=tr("pack.commercial_notes", lang, source=source),
        data=now.select("company_id", "name", "industry_label", "year", "x", "y"),
    )


def mirror_slide(tables, values, metric, employer, year, labels, company, source, lang) -> Slide:
    rows = views.quadrants(tables, values, employer, metric, lang).filter(pl.col("year") == year)
    stats = views.quadrant_stats(rows)
    y_title = labels.get(employer, employer)
    title = headlines.link(stats, y_title, year, lang)
    words = findings.relation_words(stats, lang) if stats else tr("pack.too_few", lang)
    label = tr("pack.mirror", lang, metric=findings.in_sentence(y_title))
    subtitle = f"{label} · {year} · {tr('pack.medians', lang)} · {words}"
    fig = relation_charts.mirror_scatter(
        rows,
        y_title,
        reverse_y=False,
        title=title,
        subtitle=subtitle,
        source=source,
        ours=company,
        lang=lang,
    )
    named = rows.with_columns(x=pl.col("service"), y=pl.col("employer"))
    native = _scatter_native(named, labels.get(metric, metric), y_title, tables, company, lang)
    if rows.height:  # the screen's medians, where the quadrants split
        native.references = [
            (tr("pack.median_x", lang), "x", round(float(rows["service"].median()), 2)),
            (
                tr("pack.median_y", lang, metric=findings.in_sentence(y_title)),
                "y",
                round(float(rows["employer"].median()), 2),
            ),
        ]
    return Slide(
        "mirror",
        title,
        subtitle,
        fig,
        native,
        notes=tr("pack.mirror_notes", lang, source=source),
        data=rows.select("company_id", "name", "industry_label", "service", "employer", "quadrant"),
    )


def within_slide(within, labels, source, lang) -> Slide:
    """What follows a year after a company's service rises above its own usual level."""
    shown = within.filter(pl.col("beta").is_not_null())
    companies = integer(int(shown["companies"].max() or 0), lang)
    title = headlines.within(shown, lang)
    subtitle = (
        tr("overview.within", lang) + " · " + tr("overview.within_sub", lang, companies=companies)
    )
    fig = effect_charts.within_company_bars(
        shown, labels, title=title, subtitle=subtitle, source=source, lang=lang
    )
    names = [labels.get(o, o) for o in shown["outcome"]]
    native = Native(
        "bar",
        [(tr("pack.within_series", lang), [round(b, 3) for b in shown["beta"]])],
        categories=names,
        x_title=tr("chart.within_axis", lang),
        errors=_errors(shown["beta"], shown["ci_low"], shown["ci_high"], 3),
        value_labels=True,
        number_format='+0.00;"−"0.00;0.00',
    )
    bullets = [
        (
            tr(
                "pack.within_bullet",
                lang,
                y=name,
                beta=num(r["beta"], lang, 2, sign=True),
                ci=interval(r["ci_low"], r["ci_high"], lang),
            ),
            tr("pack.within_clear" if r["clear"] else "pack.within_unclear", lang),
        )
        for name, r in zip(names, shown.iter_rows(named=True), strict=True)
    ]
    return Slide(
        "within",
        title,
        subtitle,
        fig,
        native,
        bullets,
        notes=tr("pack.within_notes", lang, source=source),
        data=shown,
    )

"""The slides of the board pack, one function each: what the slide says and draws, computed by the
same analytics and chart builders as the pages (a slide and a page cannot disagree)."""

from __future__ import annotations

import polars as pl

from dashboard import theme
from dashboard.charts import company as company_charts
from dashboard.charts import effects as effect_charts
from dashboard.charts import rankings as ranking_charts
from dashboard.charts import relations as relation_charts
from dashboard.export.boardpack.content import Native, Slide
from metrics.aggregate import RATING_COUNTS
from metrics.analytics import findings, rankings, views
from metrics.schema import About, Headline
from metrics.text.i18n import TEXT, integer, interval, num, tr


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


def ranking_slide(ranking, year, metric_label, source, lang) -> Slide:
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
        errors=[
            (None if lo is None else round(v - lo, 2), None if hi is None else round(hi - v, 2))
            for v, lo, hi in now.select("score", "ci_low", "ci_high").iter_rows()
        ],
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


def history_slide(ranking, tables, industry, source, lang) -> Slide:
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


def commercial_slide(
    tables, values, scores, metric, outcome, year, labels, company, source, lang, reps
) -> Slide:
    # the wave's points and the statistics of exactly those points
    view = views.relation_view(
        tables, values, scores, metric, outcome, year=year, lang=lang, reps=reps
    )
    now, stats = view.points, view.stats
    x_title, y_title = labels.get(metric, metric), labels.get(outcome, outcome)
    title = tr("pack.commercial", lang, outcome=findings.in_sentence(y_title))
    words = findings.relation_words(stats, lang) if stats else tr("pack.too_few", lang)
    subtitle = f"{year} · {words}"
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


def mirror_slide(tables, values, metric, employer, year, labels, company, source, lang) -> Slide:
    rows = views.quadrants(tables, values, employer, metric, lang).filter(pl.col("year") == year)
    stats = views.quadrant_stats(rows)
    y_title = labels.get(employer, employer)
    title = tr("pack.mirror", lang, metric=findings.in_sentence(y_title))
    words = findings.relation_words(stats, lang) if stats else tr("pack.too_few", lang)
    subtitle = f"{year} · {tr('pack.medians', lang)} · {words}"
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
    native = _scatter_native(named, "quadrant", labels.get(metric, metric), y_title)
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


def within_slide(within, labels, source, lang) -> Slide:
    """What follows a year after a company's service rises above its own usual level."""
    shown = within.filter(pl.col("beta").is_not_null())
    companies = integer(int(shown["companies"].max() or 0), lang)
    title = tr("overview.within", lang)
    subtitle = tr("overview.within_sub", lang, companies=companies)
    fig = effect_charts.within_company_bars(
        shown, labels, title=title, subtitle=subtitle, source=source, lang=lang
    )
    names = [labels.get(o, o) for o in shown["outcome"]]
    native = Native(
        "bar",
        [(tr("pack.within_series", lang), [round(b, 3) for b in shown["beta"]])],
        categories=names,
        x_title=tr("chart.within_axis", lang),
        errors=[
            (round(b - lo, 3), round(hi - b, 3))
            for b, lo, hi in shown.select("beta", "ci_low", "ci_high").iter_rows()
        ],
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


def company_slide(
    tables, company_scores, industry_scores, company, is_example, year, source, lang
) -> Slide:
    names = views.company_names(tables)
    mine = company_scores.filter(pl.col("company_id") == company)
    industry_id = tables["companies"].filter(pl.col("company_id") == company)["industry_id"][0]
    industry = industry_scores.filter(pl.col("industry_id").eq_missing(industry_id))
    industry_label = industry["label"][0] if industry.height else industry_id
    title = (
        tr("pack.company", lang, name=names[company], industry=industry_label)
        if industry_label
        else names[company]
    )
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
            *([(industry_label, [_round(ind.get(y)) for y in years])] if industry_label else []),
        ],
        [str(y) for y in years],
        y_title=tr("chart.score_axis_short", lang),
    )
    bullets = []
    now = mine.filter(pl.col("year") == year)
    if now.height:
        c = now.row(0, named=True)
        score = (
            tr(
                "pack.company_score",
                lang,
                year=year,
                score=num(c["score"], lang),
                margin=num(c["margin_95"], lang),
                n=integer(c["n"], lang),
            )
            if c["margin_95"] is not None
            else tr("pack.company_score_no_n", lang, year=year, score=num(c["score"], lang))
        )
        bullets.append((score, ""))
        if c["industry_rank"] is not None:
            rank = tr("pack.company_rank", lang, rank=c["industry_rank"], of=c["industry_n_ranked"])
        else:
            rank = tr(
                "pack.company_rank_overall", lang, rank=c["overall_rank"], of=c["overall_n_ranked"]
            )
        bullets.append((rank, ""))
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


def method_keys(tables, headline: Headline, about: About) -> list[str]:
    """The methods that were applied to this dataset, and only those (by message key)."""
    scores = tables["service_scores"]
    has_n = scores["n"].is_not_null().any()
    has_se = has_n and scores["sd"].is_not_null().any()
    companies = tables["companies"]
    no_link = companies.filter(
        pl.col("is_monopoly").fill_null(False) | (pl.col("ownership") == "public_authority")
    )
    waves = len(rankings.published_years(tables["waves"]))
    keys = ["pack.method_1" if RATING_COUNTS in tables else "pack.method_published"]
    keys.append("pack.method_2" if has_se else "pack.method_no_n")
    if has_se or about.change_rule == "two_points":
        keys.append("pack.method_3_ski" if about.change_rule == "two_points" else "pack.method_3")
    if has_n:
        keys.append("pack.method_4")
    if headline.margin and not no_link.is_empty():
        keys.append("pack.method_5")
    keys.append("pack.method_6")
    if headline.growth and waves >= 3:
        keys.append("pack.method_7")
    if headline.after_change and waves >= 3:
        keys.append("pack.method_8")
    return keys


def methods_slide(tables, dataset_name, year, anonymised, lang, headline, about) -> Slide:
    bullets = [(tr(key, lang), "") for key in method_keys(tables, headline, about)]
    bullets.append((tr("pack.method_source", lang, dataset=dataset_name, year=year), ""))
    if about.source:
        bullets.append((tr("pack.method_published_by", lang, source=about.source), ""))
    if anonymised:
        bullets.append((tr("pack.method_anonymised", lang), ""))
    labels = views.metric_labels(tables, lang)
    used = set(views.metric_values(tables)["metric_id"].unique().to_list())
    definitions = [
        f"{labels.get(m, m)}: {_definition(m, d, lang)}"
        for m, d in tables["metrics"].select("metric_id", "description").iter_rows()
        if m in used
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

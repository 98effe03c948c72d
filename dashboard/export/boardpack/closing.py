"""The closing slides of the board pack: our company over time, and the methods and sources (what was
applied to this dataset, and only that)."""

from __future__ import annotations

import polars as pl

from dashboard import theme
from dashboard.charts import company as company_charts
from dashboard.export.boardpack import headlines
from dashboard.export.boardpack.content import Native, Slide
from metrics.aggregate import RATING_COUNTS
from metrics.analytics import rankings, views
from metrics.schema import About, Headline
from metrics.text.i18n import TEXT, integer, num, tr


def company_slide(
    tables, company_scores, industry_scores, company, is_example, year, source, lang
) -> Slide:
    names = views.company_names(tables)
    mine = company_scores.filter(pl.col("company_id") == company)
    industry_id = tables["companies"].filter(pl.col("company_id") == company)["industry_id"][0]
    industry = industry_scores.filter(pl.col("industry_id").eq_missing(industry_id))
    industry_label = industry["label"][0] if industry.height else industry_id
    label = (
        tr("pack.company", lang, name=names[company], industry=industry_label)
        if industry_label
        else names[company]
    )
    now = mine.filter(pl.col("year") == year)
    row = now.row(0, named=True) if now.height else None
    title = headlines.company(row, names[company], industry_label, year, lang)
    subtitle = (
        label
        + " · "
        + (tr("pack.company_example", lang) if is_example else tr("pack.company_sub", lang))
    )
    fig = company_charts.score_history(
        mine, tables["waves"], industry, title=title, subtitle=subtitle, source=source, lang=lang
    )
    years = sorted(tables["waves"]["year"].to_list())
    own = {r["year"]: r for r in mine.iter_rows(named=True)}
    ind = dict(industry.select("year", "score").iter_rows())
    scores = [_round(own[y]["score"]) if y in own else None for y in years]
    native = Native(
        "line",
        [
            (names[company], scores),
            *([(industry_label, [_round(ind.get(y)) for y in years])] if industry_label else []),
        ],
        [str(y) for y in years],
        y_title=tr("chart.score_axis_short_free", lang),
        colours=[theme.PEER_DARK, theme.PEER],
        errors=[
            (
                None
                if y not in own or own[y]["ci_low"] is None
                else round(own[y]["score"] - own[y]["ci_low"], 2),
                None
                if y not in own or own[y]["ci_high"] is None
                else round(own[y]["ci_high"] - own[y]["score"], 2),
            )
            for y in years
        ],
        accent=[] if is_example else [(0, 0, names[company])],
        end_labels=True,
    )
    bullets = []
    if row is not None:
        c = row
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

"""Where do we stand? The findings of a wave's ranking: the top and bottom industry (and how long the
bottom one has been there), and one company's place in its industry, each with what the pairwise
tests say about ties."""

from __future__ import annotations

import polars as pl

from metrics.analytics import rankings
from metrics.analytics.findings.words import finding, industry_name, ordinal
from metrics.analytics.stats import Z95
from metrics.text.i18n import integer, num, tr


def ranking_findings(
    scores: pl.DataFrame,
    companies: pl.DataFrame,
    waves: pl.DataFrame,
    industries: pl.DataFrame,
    year: int,
    company_id: str | None,
    metric: str,
) -> list[dict]:
    """The industry ranking's finding for `year`, and our company's if one is given."""
    ranking = rankings.industry_ranking(scores, companies, waves, metric)
    latest = ranking.filter(pl.col("year") == year).sort("rank")
    if latest.is_empty():
        return []
    top, bottom = latest.row(0, named=True), latest.row(-1, named=True)
    summary = rankings.quarter_summary(rankings.rank_history(ranking, waves))
    stuck = summary.filter(pl.col("industry_id") == bottom["industry_id"]).row(0, named=True)
    tied = top["tied_with"] or 0

    def margin(row: dict, lang: str) -> str:
        return plus_minus(None if row["se"] is None else Z95 * row["se"], lang)

    def words(lang: str) -> tuple[str, str]:
        text = tr(
            "finding.ranking",
            lang,
            year=year,
            top=industry_name(industries, top["industry_id"], lang),
            bottom=industry_name(industries, bottom["industry_id"], lang),
            n=top["n_ranked"],
            top_score=num(top["score"], lang),
            top_margin=margin(top, lang),
            bottom_score=num(bottom["score"], lang),
            bottom_margin=margin(bottom, lang),
            stuck=stuck["waves_bottom_quarter"],
            waves=stuck["waves_ranked"],
        )
        key = "finding.ranking_clear" if tied == 0 else "finding.ranking_tied"
        key = "finding.ranking_tied_one" if tied == 1 else key
        return text, tr(key, lang, tied=tied)

    def short(lang: str) -> str:
        return tr(
            "finding.headline_ranking",
            lang,
            top=industry_name(industries, top["industry_id"], lang),
            bottom=industry_name(industries, bottom["industry_id"], lang),
            n=top["n_ranked"],
            stuck=stuck["waves_bottom_quarter"],
            waves=stuck["waves_ranked"],
        )

    found = [
        finding(
            "industry_ranking",
            words,
            top["score"],
            top["ci_low"],
            top["ci_high"],
            top["n_respondents"],
            short=short,
        )
    ]
    if company_id is not None:
        found += _company_finding(scores, companies, waves, industries, year, company_id, metric)
    return found


def plus_minus(margin: float | None, lang: str) -> str:
    """' ± 2.3', or that there is no margin and why (never '± 0' or '± ?')."""
    if margin is None:
        return tr("finding.no_margin", lang)
    return tr("finding.plus_minus", lang, margin=num(margin, lang))


def _company_finding(scores, companies, waves, industries, year, company_id, metric) -> list[dict]:
    ranking = rankings.company_ranking(scores, companies, waves, metric)
    row = ranking.filter(pl.col("company_id") == company_id, pl.col("year") == year)
    if row.is_empty():
        return []
    c = row.row(0, named=True)
    others = c["industry_n_ranked"] - 1

    def words(lang: str) -> tuple[str, str]:
        text = tr(
            "finding.company",
            lang,
            name=c["name"],
            rank=ordinal(c["industry_rank"]) if lang == "en" else c["industry_rank"],
            of=c["industry_n_ranked"],
            industry=industry_name(industries, c["industry_id"], lang),
            year=year,
            score=num(c["score"], lang),
            margin=plus_minus(c["margin_95"], lang),
            n=integer(c["n"], lang),
            gap=num(c["vs_peers"], lang, sign=True),
        )
        if c["change"] is not None:
            rule = "change_rule_" if c["change_rule"] == "ski_2pt" else "change_"
            verdict = rule + ("significant" if c["change_significant"] else "within")
            text += tr(
                "finding.company_change",
                lang,
                year=c["prev_year"],
                change=num(c["change"], lang, sign=True),
                verdict=tr(f"finding.{verdict}", lang, m=c["industry_n_ranked"]),
            )
        if c["low_base"]:
            caveat = tr("finding.low_base", lang)
        elif others == 0:
            caveat = tr("finding.company_alone", lang)
        elif c["industry_tied_with"]:
            caveat = tr("finding.company_tied", lang, tied=c["industry_tied_with"], others=others)
        else:
            caveat = tr("finding.company_clear", lang)
        return text, caveat

    def short(lang: str) -> str:
        gap = c["vs_peers"]
        if gap is None or c["industry_rank"] is None:
            return tr(
                "finding.headline_company_alone", lang, name=c["name"], score=num(c["score"], lang)
            )
        return tr(
            "finding.headline_company",
            lang,
            name=c["name"],
            rank=ordinal(c["industry_rank"]) if lang == "en" else c["industry_rank"],
            of=c["industry_n_ranked"],
            gap=num(abs(gap), lang),
            side=tr("finding.headline_below" if gap < 0 else "finding.headline_above", lang),
        )

    return [
        finding(
            "company_position", words, c["score"], c["ci_low"], c["ci_high"], c["n"], short=short
        )
    ]

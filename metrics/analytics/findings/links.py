"""Does service go with the outcomes? The findings of the relations over all waves: service with
margin and the employer metrics (pooled, with the within-industry figure beside it), the top-vs-
bottom quartile gap, and the monopolies and authorities, saying how many of them enter."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from metrics.analytics import relations
from metrics.analytics.findings.words import finding, strength
from metrics.text.i18n import integer, interval, num, tr

Label = Callable[[str], Callable[[str], str]]


def span_words(span: str | None, lang: str) -> str:
    """', all waves 2013–2025 pooled' after a pooled figure (so that no reader takes it for one
    wave's), or nothing."""
    return tr("finding.span", lang, span=span) if span else ""


def numbers(stats: dict, lang: str, span: str | None = None) -> str:
    """'r = 0.26, 95% CI 0.18 to 0.33; n = 1,954 company-years from 183 companies', or without an
    interval where too few companies give none."""
    low, high = stats["pearson_boot_low"], stats["pearson_boot_high"]
    return tr(
        "finding.numbers"
        if low is not None and high is not None
        else "finding.numbers_no_interval",
        lang,
        r=num(stats["pearson_r"], lang, 2),
        ci=interval(low, high, lang),
        n=integer(stats["n"], lang),
        companies=integer(stats["clusters"], lang),
        span=span_words(span, lang),
    )


def relation_sentence(stats: dict, x: str, y: str, lang: str, span: str | None = None) -> str:
    """The sentence for one relation, in words its interval allows."""
    r, low, high = stats["pearson_r"], stats["pearson_boot_low"], stats["pearson_boot_high"]
    level = strength(r, low, high)
    if level == "insufficient":
        return tr("finding.relation_none", lang, x=x, y=y)
    said = numbers(stats, lang, span)
    if level in ("unclear", "open"):
        return tr(f"finding.relation_{level}", lang, x=x, y=y, numbers=said)
    return tr(
        "finding.relation_link",
        lang,
        x=x,
        y=y,
        direction=tr("finding.higher" if r > 0 else "finding.lower", lang),
        strength=tr(f"finding.strength_{level}", lang),
        numbers=said,
    )


def relation_headline(stats: dict, x: str, y: str, lang: str, span: str | None = None) -> str:
    """The short sentence of one relation: the link in words its interval allows, with r."""
    r, low, high = stats["pearson_r"], stats["pearson_boot_low"], stats["pearson_boot_high"]
    level = strength(r, low, high)
    if level == "insufficient":
        return tr("finding.relation_none", lang, x=x, y=y)
    words = {"x": x, "y": y, "r": num(r, lang, 2), "span": span_words(span, lang)}
    if level in ("unclear", "open"):
        return tr(f"finding.headline_relation_{level}", lang, **words)
    direction = tr("finding.higher" if r > 0 else "finding.lower", lang)
    return tr("finding.headline_relation", lang, direction=direction, **words)


def relation_finding(
    key: str,
    values: pl.DataFrame,
    companies: pl.DataFrame,
    service: str,
    outcome: str,
    label: Label,
    reps: int,
) -> dict:
    """Service and one outcome over all waves, with the within-industry figure in the caveat."""
    stats = relations.relation(values, companies, service, outcome, reps=reps).row(0, named=True)
    within = relations.relation(
        values, companies, service, outcome, mode="within_industry", reps=reps, spearman=False
    ).row(0, named=True)
    r, low, high = stats["pearson_r"], stats["pearson_boot_low"], stats["pearson_boot_high"]
    years = relations.relation_data(values, companies, service, outcome)["year"]
    span = f"{years.min()}–{years.max()}" if years.n_unique() > 1 else None

    def words(lang: str) -> tuple[str, str]:
        text = relation_sentence(stats, label(service)(lang), label(outcome)(lang), lang, span)
        caveat = tr("finding.association", lang)
        if within["pearson_r"] is not None:
            within_ci = interval(within["pearson_boot_low"], within["pearson_boot_high"], lang)
            caveat = (
                tr("finding.pooled_within", lang, r=num(within["pearson_r"], lang, 2), ci=within_ci)
                + " "
                + caveat
            )
        return text, caveat

    def short(lang: str) -> str:
        return relation_headline(stats, label(service)(lang), label(outcome)(lang), lang, span)

    return finding(key, words, r, low, high, stats["n"], strength(r, low, high), short)


def quartile_finding(
    values: pl.DataFrame,
    companies: pl.DataFrame,
    service: str,
    outcome: str,
    label: Label,
    reps: int,
) -> dict | None:
    """The top-vs-bottom service quartile gap in one outcome's median, over all waves."""
    gap = relations.quartile_gap(values, companies, [outcome], service, reps=reps).row(
        0, named=True
    )
    if gap["difference"] is None:  # no company-years in a quartile with the outcome
        return None
    low, high = gap["ci_low"], gap["ci_high"]
    clear = low is not None and high is not None and not (low <= 0 <= high)
    n = gap["n_top"] + gap["n_bottom"]

    def words(lang: str) -> tuple[str, str]:
        text = tr(
            "finding.quartile"
            if clear
            else "finding.quartile_no_interval"
            if low is None or high is None
            else "finding.quartile_unclear",
            lang,
            y=label(outcome)(lang),
            gap=num(abs(gap["difference"]), lang),
            unit=tr("finding.points", lang),
            direction=tr("finding.higher" if gap["difference"] >= 0 else "finding.lower", lang),
            ci=interval(low, high, lang, 1),
            n=integer(n, lang),
            companies=integer(gap["companies_top"] + gap["companies_bottom"], lang),
        )
        caveat = tr("finding.association", lang)
        if gap["excludes_monopolies"]:
            caveat += " " + tr("finding.excluded_note", lang)
        return text, caveat

    def short(lang: str) -> str:
        return tr(
            "finding.headline_quartile" if clear else "finding.headline_quartile_unclear",
            lang,
            y=label(outcome)(lang),
            gap=num(abs(gap["difference"]), lang),
            direction=tr("finding.higher" if gap["difference"] >= 0 else "finding.lower", lang),
        )

    return finding(
        "margin_quartile_gap",
        words,
        gap["difference"],
        low,
        high,
        n,
        "clear" if clear else "unclear",
        short,
    )


def monopoly_finding(
    values: pl.DataFrame,
    companies: pl.DataFrame,
    service: str,
    outcome: str,
    label: Label,
    reps: int,
) -> dict | None:
    """Service and one outcome among the monopolies and public authorities only, saying how many
    of each enter (authorities may report no such figure) and giving no interval over too few."""
    no_link = companies.filter(
        pl.col("is_monopoly").fill_null(False) | (pl.col("ownership") == "public_authority")
    )
    if no_link.is_empty():
        return None
    points = relations.relation_data(values, no_link, service, outcome, exclude_no_link=False)
    stats = relations.relation(
        values, no_link, service, outcome, exclude_no_link=False, reps=reps
    ).row(0, named=True)
    entering = no_link.filter(pl.col("company_id").is_in(points["company_id"].unique().implode()))
    authority = pl.col("ownership") == "public_authority"
    monopolies = entering.filter(~authority).height
    authorities = entering.filter(authority).height
    authorities_missing = no_link.filter(authority).height > 0 and authorities == 0
    r, low, high = stats["pearson_r"], stats["pearson_boot_low"], stats["pearson_boot_high"]

    def words(lang: str) -> tuple[str, str]:
        who_key = (
            "finding.monopolies_who"
            if monopolies and authorities
            else "finding.authorities_only"
            if authorities
            else "finding.monopolies_only"
        )
        who = tr(who_key, lang, monopolies=monopolies, authorities=authorities)
        sentence = relation_sentence(stats, label(service)(lang), label(outcome)(lang), lang)
        text = tr(
            "finding.monopolies",
            lang,
            who=who,
            n=integer(stats["n"], lang),
            text=sentence[0].lower() + sentence[1:],
        )
        caveat = tr("finding.monopolies_caveat", lang)
        if authorities_missing:
            caveat += " " + tr("finding.authorities_missing", lang, y=label(outcome)(lang))
        return text, caveat

    return finding("monopolies_margin", words, r, low, high, stats["n"], strength(r, low, high))

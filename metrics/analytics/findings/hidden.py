"""What does a fine mean hide? The finding on companies whose average looks fine while a large
minority of their respondents is very dissatisfied, with the count of people behind the share."""

from __future__ import annotations

import polars as pl

from metrics.analytics import dissatisfaction
from metrics.analytics.findings.words import finding
from metrics.text.i18n import integer, num, tr


def hidden_finding(
    counts: pl.DataFrame, companies: pl.DataFrame, metric: str, scores: pl.DataFrame | None
) -> dict | None:
    flags = dissatisfaction.dissatisfaction(counts, companies, metric, scores)
    if flags.is_empty():
        return None
    hidden = dissatisfaction.hidden_companies(flags)
    example = None
    if hidden.height:
        first = hidden.row(0, named=True)
        example = flags.filter(
            pl.col("company_id") == first["company_id"],
            pl.col("year") == first["latest_flagged_year"],
        ).row(0, named=True)

    def words(lang: str) -> tuple[str, str]:
        caveat = tr(
            "finding.hidden_caveat",
            lang,
            count=dissatisfaction.MIN_DISSATISFIED,
            floor=num(dissatisfaction.FLOOR_PCT, lang, 0),
        )
        if example is None:
            return tr("finding.hidden_none", lang), caveat
        text = tr(
            "finding.hidden",
            lang,
            k=hidden.height,
            companies=tr(
                "finding.hidden_company" if hidden.height == 1 else "finding.hidden_companies", lang
            ),
            name=example["name"],
            year=example["year"],
            mean=num(example["mean"], lang),
            count=integer(example["n_dissatisfied"], lang),
            n=integer(example["n"], lang),
            share=num(example["share_dissatisfied_pct"], lang, 0),
            ci=tr(
                "interval",
                lang,
                low=num(example["dissatisfied_low_pct"], lang, 0),
                high=num(example["dissatisfied_high_pct"], lang, 0),
            ),
        )
        return text, caveat

    def short(lang: str) -> str:
        if example is None:
            return tr("finding.hidden_none", lang)
        return tr(
            "finding.headline_hidden",
            lang,
            k=hidden.height,
            of=flags["company_id"].n_unique(),
        )

    return finding(
        "hidden_dissatisfaction",
        words,
        float(hidden.height),
        None,
        None,
        flags["company_id"].n_unique(),
        short=short,
    )

"""Which way does it run, and does it hold within a company? The findings of the panel regressions:
the cross-lagged direction between service and growth, and what follows a year after a company's
service rises above its own usual level."""

from __future__ import annotations

import polars as pl

from metrics.analytics import panel, relations
from metrics.analytics.findings.links import Label
from metrics.analytics.findings.words import finding, listing
from metrics.text.i18n import integer, interval, num, tr


def direction_finding(
    values: pl.DataFrame, companies: pl.DataFrame, service: str, outcome: str, label: Label
) -> dict:
    """Cross-lagged panel regression of service and one outcome, in plain words."""
    estimates = panel.cross_lagged(values, companies, service, outcome)
    by = {r["direction"]: r for r in estimates.iter_rows(named=True)}
    lead, back = by["service_leads"], by["outcome_leads"]
    verdict = estimates["verdict"][0]

    def words(lang: str) -> tuple[str, str]:
        y = label(outcome)(lang)
        caveat = tr(
            "finding.direction_caveat",
            lang,
            n=integer(lead["n"], lang),
            companies=integer(lead["companies"], lang),
        )
        if verdict == "insufficient":
            return tr("finding.direction_insufficient", lang, y=y), caveat
        text = tr(
            "finding.direction",
            lang,
            y=y,
            lead=num(lead["beta"], lang, 2),
            lead_ci=interval(lead["ci_low"], lead["ci_high"], lang),
            back=num(back["beta"], lang, 2),
            back_ci=interval(back["ci_low"], back["ci_high"], lang),
            verdict=tr(f"finding.direction_{verdict}", lang, y=y),
        )
        return text, caveat

    def short(lang: str) -> str:
        y = label(outcome)(lang)
        if verdict == "insufficient":
            return tr("finding.direction_insufficient", lang, y=y)
        return tr(
            f"finding.headline_direction_{verdict}",
            lang,
            y=y,
            lead=num(lead["beta"], lang, 2),
            back=num(back["beta"], lang, 2),
        )

    return finding(
        "direction_growth",
        words,
        lead["beta"],
        lead["ci_low"],
        lead["ci_high"],
        lead["n"],
        verdict,
        short,
    )


def within_company_estimates(
    values: pl.DataFrame, companies: pl.DataFrame, service: str, outcomes: list[str]
) -> pl.DataFrame:
    """The within-company estimate (the year after) for each outcome present: outcome, beta
    (outcome units per service point), se, ci_low, ci_high, p, n, companies, clear (interval
    above or below zero)."""
    present = set(values["metric_id"].unique())
    rows = [
        {"outcome": o, **panel.within_company(values, companies, service, o, lag=1)}
        for o in outcomes
        if o in present
    ]
    schema = {"outcome": pl.String, **panel.ESTIMATE_SCHEMA}
    frame = pl.DataFrame(rows, schema=schema)
    excluded = [relations.excludes_no_link(service, o, None, companies) for o in frame["outcome"]]
    return frame.with_columns(
        clear=(pl.col("ci_low") > 0) | (pl.col("ci_high") < 0),
        excludes_monopolies=pl.Series(excluded, dtype=pl.Boolean),
    )


def within_company_finding(estimates: pl.DataFrame, label: Label) -> dict | None:
    """One sentence on what follows, a year later, when a company's service rises."""
    if estimates.is_empty():
        return None
    known = estimates.filter(pl.col("beta").is_not_null())
    rising = known.filter(pl.col("ci_low") > 0)["outcome"].to_list()

    def words(lang: str) -> tuple[str, str]:
        companies = int(known["companies"].max() or 0) if known.height else 0
        caveat = tr("finding.within_caveat", lang, companies=integer(companies, lang))
        if "excludes_monopolies" in known.columns and known["excludes_monopolies"].any():
            caveat += " " + tr("finding.within_excluded", lang)
        if known.is_empty():
            return tr("finding.within_insufficient", lang), caveat
        items = [
            tr(
                "finding.within_item",
                lang,
                y=label(r["outcome"])(lang),
                beta=num(r["beta"], lang, 2, sign=True),
                ci=interval(r["ci_low"], r["ci_high"], lang),
            )
            for r in known.iter_rows(named=True)
        ]
        text = tr("finding.within", lang, items=listing(items, lang))
        if len(rising) == known.height:
            summary = tr("finding.within_all_clear", lang)
        elif rising:
            names = listing([label(o)(lang) for o in rising], lang)
            summary = tr("finding.within_clear", lang, outcomes=names[0].upper() + names[1:])
        else:
            summary = tr("finding.within_none_clear", lang)
        return f"{text} {summary}", caveat

    def short(lang: str) -> str:
        if known.is_empty():
            return tr("finding.within_insufficient", lang)
        if not rising:
            return tr("finding.headline_within_none", lang, m=known.height)
        return tr("finding.headline_within", lang, k=len(rising), m=known.height)

    first = known.row(0, named=True) if known.height else None
    return finding(
        "within_company",
        words,
        first and first["beta"],
        first and first["ci_low"],
        first and first["ci_high"],
        first and first["n"],
        "clear" if rising else "unclear",
        short,
    )

"""Key findings: the few sentences a board would quote, in English and Swedish, each with its numbers,
n, 95% interval and caveat. Every number comes from the analytics (the same functions the pages and
the pack call); the words follow the evidence — when an interval includes zero, the sentence says
the data show no clear link; when too few companies give no interval, it says so.

Modules by question: `ranking` (where we stand), `links` (does service go with the outcomes),
`direction` (which way it runs, and within a company), `hidden` (what a mean hides), on `words`.

May import: the rest of `metrics.analytics`, `metrics.schema`, `metrics.aggregate`, `metrics.text`.
"""

from __future__ import annotations

import polars as pl

from metrics.aggregate import RATING_COUNTS
from metrics.analytics import rankings, relations
from metrics.analytics.findings.direction import (
    direction_finding,
    within_company_estimates,
    within_company_finding,
)
from metrics.analytics.findings.hidden import hidden_finding
from metrics.analytics.findings.links import monopoly_finding, quartile_finding, relation_finding
from metrics.analytics.findings.ranking import ranking_findings
from metrics.analytics.findings.words import (
    FINDING_SCHEMA,
    in_sentence,
    metric_label,
    ordinal,
    relation_words,
    strength,
)
from metrics.schema import HEADLINE, Headline
from metrics.text.i18n import interval, num

__all__ = [
    "FINDING_SCHEMA",
    "in_sentence",
    "interval",
    "key_findings",
    "num",
    "ordinal",
    "pooled_findings",
    "relation_words",
    "strength",
    "within_company_estimates",
]


def key_findings(
    tables: dict[str, pl.DataFrame],
    company_id: str | None = None,
    year: int | None = None,
    reps: int = 2000,
    pooled: pl.DataFrame | None = None,
    headline: Headline = HEADLINE,
) -> pl.DataFrame:
    """The key findings of a dataset (and of one company, if given) for the latest or given wave.

    Returns one row per finding: key, sentence and caveat in English and Swedish, the headline value
    with its 95% interval and n, and a strength word. Findings whose data are missing are left out.
    `pooled`: the findings over all waves (`pooled_findings`), when computed already: they do not
    depend on the wave or the company, and their bootstraps are most of the cost.
    """
    scores, companies, waves = tables["service_scores"], tables["companies"], tables["waves"]
    years = rankings.published_years(waves)
    year = year if year in years else (years[-1] if years else None)
    if year is None:
        return pl.DataFrame(schema=FINDING_SCHEMA)
    out = ranking_findings(
        scores, companies, waves, tables["industries"], year, company_id, headline.service
    )
    return pl.concat(
        [
            pl.DataFrame(out, schema=FINDING_SCHEMA),
            pooled_findings(tables, reps, headline) if pooled is None else pooled,
        ]
    )


def pooled_findings(
    tables: dict[str, pl.DataFrame], reps: int = 2000, headline: Headline = HEADLINE
) -> pl.DataFrame:
    """The findings over all waves and companies, in the order a board asks: how service goes with
    margin and the quartile gap, which way it runs, what follows within a company, the employer
    metrics, the monopolies, hidden dissatisfaction (the pack shows the first seven)."""
    scores, companies, catalogue = tables["service_scores"], tables["companies"], tables["metrics"]
    values = relations.metric_values(scores, tables.get("commercial"), tables.get("employer"))
    present = set(values["metric_id"].unique())
    label = lambda m: lambda lang: metric_label(m, catalogue, lang)  # noqa: E731
    service = headline.service
    out: list[dict | None] = []
    # in the order a board asks: does it pay, which way, within a company; then the employer side
    if headline.margin in present:
        out.append(
            relation_finding(
                "service_margin", values, companies, service, headline.margin, label, reps
            )
        )
        out.append(quartile_finding(values, companies, service, headline.margin, label, reps))
    if headline.growth in present:
        out.append(direction_finding(values, companies, service, headline.growth, label))
    within = within_company_estimates(values, companies, service, list(headline.after_change))
    out.append(within_company_finding(within, label))
    for outcome in headline.employer:
        if outcome in present:
            key = f"service_{outcome.removesuffix('_pct')}"
            out.append(relation_finding(key, values, companies, service, outcome, label, reps))
    if headline.margin in present:
        out.append(monopoly_finding(values, companies, service, headline.margin, label, reps))
    if RATING_COUNTS in tables:
        out.append(hidden_finding(tables[RATING_COUNTS], companies, service, scores))
    return pl.DataFrame([f for f in out if f], schema=FINDING_SCHEMA)

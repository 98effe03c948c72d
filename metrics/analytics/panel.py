"""Which way does it run, and does it hold within a company? Panel regressions on company-years with
standard errors clustered by company (statsmodels OLS, `cov_type="cluster"`, t with G − 1 degrees of
freedom): one company observed in eleven waves is not eleven independent observations.

- `cross_lagged`: both directions of a cross-lagged panel regression. Service leads: next year's
  outcome on this year's service, controlling for this year's outcome; outcome leads: next year's
  service on this year's outcome, controlling for this year's service. All four variables are
  standardised (coefficients in SDs), so the two directions compare. Service is persistent, so
  same-year and lagged correlations cannot tell direction apart; the controls for the lagged
  variable can. When the two intervals overlap the verdict is "cannot tell".
- `within_company`: when a company's service is above its own usual level, is its outcome above its
  own usual level the year after? Two-way fixed effects (company and year), so what differs between
  companies (industry, size, brand) and what moves every company in a year cannot drive it. The
  estimate is in outcome units per service point.
- `relation_levels`: pooled, within industries and within companies side by side.

Timing, not proof of cause: both rest on what was measured and when.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import polars as pl
import statsmodels.api as sm

from metrics.analytics.relations import Mode, relation, relation_data
from metrics.analytics.stats import BOOTSTRAP

MIN_COMPANIES = 10
"""Fewer companies than this give no estimate: a clustered error needs clusters."""
Verdict = Literal["service_leads", "outcome_leads", "cannot_tell", "insufficient"]
ESTIMATE_SCHEMA = {
    "beta": pl.Float64,
    "se": pl.Float64,
    "ci_low": pl.Float64,
    "ci_high": pl.Float64,
    "p": pl.Float64,
    "n": pl.Int64,
    "companies": pl.Int64,
}


def clustered_ols(y: np.ndarray, x: np.ndarray, groups: np.ndarray, constant: bool = True) -> dict:
    """OLS of y on the columns of x with company-clustered standard errors; the first column's
    coefficient with its se, 95% interval and p-value (t with G − 1 degrees of freedom)."""
    _, codes = np.unique(groups, return_inverse=True)
    design = sm.add_constant(x, has_constant="add") if constant else x
    fit = sm.OLS(y, design).fit(cov_type="cluster", cov_kwds={"groups": codes}, use_t=True)
    k = 1 if constant else 0
    low, high = fit.conf_int(0.05)[k]
    return {
        "beta": float(fit.params[k]),
        "se": float(fit.bse[k]),
        "ci_low": float(low),
        "ci_high": float(high),
        "p": float(fit.pvalues[k]),
        "n": len(y),
        "companies": int(codes.max()) + 1,
    }


def _empty(n: int, companies: int) -> dict:
    return {**dict.fromkeys(ESTIMATE_SCHEMA), "n": n, "companies": companies}


def panel_pairs(
    values: pl.DataFrame,
    companies: pl.DataFrame,
    service: str,
    outcome: str,
    mode: Mode = "pooled",
    exclude_no_link: bool | None = None,
    industries: list[str] | None = None,
    year: int | None = None,
) -> pl.DataFrame:
    """Company-years with service and outcome in year t (s0, o0) and in t + 1 (s1, o1), as the
    relation's points: within industries the values are z-scores within industry and year. With
    `year`, only the pairs from that year to the next."""
    data = relation_data(
        values, companies, service, outcome, 0, "company", mode, exclude_no_link, industries
    )
    following = data.select(
        "company_id", (pl.col("year") - 1).alias("year"), s1=pl.col("x"), o1=pl.col("y")
    )
    pairs = data.rename({"x": "s0", "y": "o0"}).join(following, on=["company_id", "year"])
    if year is not None:
        pairs = pairs.filter(pl.col("year") == year)
    return pairs.sort("company_id", "year")


def cross_lagged(
    values: pl.DataFrame,
    companies: pl.DataFrame,
    service: str,
    outcome: str,
    mode: Mode = "pooled",
    exclude_no_link: bool | None = None,
    industries: list[str] | None = None,
    year: int | None = None,
) -> pl.DataFrame:
    """Both directions of the cross-lagged regression, one row each: direction ('service_leads',
    'outcome_leads'), the standardised coefficient with se, 95% interval and p, n pairs and
    companies, and the verdict (same on both rows; see `direction`)."""
    pairs = panel_pairs(
        values, companies, service, outcome, mode, exclude_no_link, industries, year
    )
    groups = pairs["company_id"].to_numpy()
    clusters = len(np.unique(groups))
    z: dict[str, np.ndarray | None] = {}
    for c in ("s0", "o0", "s1", "o1"):
        column = pairs[c].to_numpy().astype(float)
        sd = column.std() if len(column) > 1 else 0.0
        z[c] = (column - column.mean()) / sd if sd > 0 else None
    rows = []
    for way, target, cause, control in (
        ("service_leads", "o1", "s0", "o0"),
        ("outcome_leads", "s1", "o0", "s0"),
    ):
        if clusters < MIN_COMPANIES or any(z[c] is None for c in (target, cause, control)):
            estimate = _empty(pairs.height, clusters)
        else:
            estimate = clustered_ols(z[target], np.column_stack([z[cause], z[control]]), groups)
        rows.append({"direction": way, **estimate})
    out = pl.DataFrame(rows, schema={"direction": pl.String, **ESTIMATE_SCHEMA})
    return out.with_columns(
        verdict=pl.lit(direction(out)),
        service_metric=pl.lit(service),
        outcome_metric=pl.lit(outcome),
        mode=pl.lit(mode),
    )


def direction(estimates: pl.DataFrame) -> Verdict:
    """'service_leads' when the service-leads interval lies above zero and wholly above the
    outcome-leads interval, 'outcome_leads' the other way round, 'cannot_tell' when they overlap
    (or neither is above zero), 'insufficient' without both estimates."""
    by = {r["direction"]: r for r in estimates.iter_rows(named=True)}
    lead, back = by.get("service_leads"), by.get("outcome_leads")
    if not lead or not back or lead["beta"] is None or back["beta"] is None:
        return "insufficient"
    if lead["ci_low"] > 0 and lead["ci_low"] > back["ci_high"]:
        return "service_leads"
    if back["ci_low"] > 0 and back["ci_low"] > lead["ci_high"]:
        return "outcome_leads"
    return "cannot_tell"


def within_company(
    values: pl.DataFrame,
    companies: pl.DataFrame,
    service: str,
    outcome: str,
    lag: int = 1,
    exclude_no_link: bool | None = None,
    industries: list[str] | None = None,
) -> dict:
    """Within-company change: the outcome in t + lag on service in t with company and year fixed
    effects (each company compared with its own usual level, each year with the year's), company-
    clustered errors. Returns beta (outcome units per service point), se, ci_low, ci_high, p, n
    (company-years) and companies (those measured at least twice, the only ones that count)."""
    data = relation_data(
        values, companies, service, outcome, lag, "company", "pooled", exclude_no_link, industries
    )
    data = data.filter(pl.len().over("company_id") >= 2)
    clusters = data["company_id"].n_unique()
    if clusters < MIN_COMPANIES:
        return _empty(data.height, clusters)
    years = sorted(data["year"].unique().to_list())[1:]
    dummies = [(pl.col("year") == y).cast(pl.Float64).alias(f"y{y}") for y in years]
    # Frisch–Waugh–Lovell: removing each company's mean from everything, year dummies included,
    # gives exactly the two-way fixed-effects estimate
    demeaned = data.with_columns(dummies).select(
        (pl.col(c) - pl.col(c).mean().over("company_id")).alias(c)
        for c in ["y", "x", *(f"y{y}" for y in years)]
    )
    x = demeaned.drop("y").to_numpy()
    if np.ptp(x[:, 0]) <= 1e-9 * max(1.0, float(data["x"].abs().max())):  # no change within
        return _empty(data.height, clusters)
    groups = data["company_id"].to_numpy()
    return clustered_ols(demeaned["y"].to_numpy(), x, groups, constant=False)


LEVEL_SCHEMA = {
    "level": pl.String,
    "estimate": pl.Float64,
    "ci_low": pl.Float64,
    "ci_high": pl.Float64,
    "n": pl.Int64,
    "companies": pl.Int64,
}


def relation_levels(
    values: pl.DataFrame,
    companies: pl.DataFrame,
    service: str,
    outcome: str,
    lag: int = 0,
    exclude_no_link: bool | None = None,
    industries: list[str] | tuple[str, ...] | None = None,
    year: int | None = None,
    reps: int = BOOTSTRAP,
) -> pl.DataFrame:
    """The same link three ways, side by side: across all companies pooled (r), within industries
    (r of z-scores within industry and year) and within companies (fixed-effects slope, outcome
    units per service point; needs several waves, so none for a single `year`). Intervals: company
    bootstrap for r, clustered errors for the slope."""
    rows = []
    for mode in ("pooled", "within_industry"):
        stats = relation(
            values,
            companies,
            service,
            outcome,
            lag,
            mode=mode,
            exclude_no_link=exclude_no_link,
            reps=reps,
            industries=industries,
            year=year,
            spearman=False,
        ).row(0, named=True)
        rows.append(
            {
                "level": mode,
                "estimate": stats["pearson_r"],
                "ci_low": stats["pearson_boot_low"],
                "ci_high": stats["pearson_boot_high"],
                "n": stats["n"],
                "companies": stats["clusters"],
            }
        )
    if year is None:
        fe = within_company(values, companies, service, outcome, lag, exclude_no_link, industries)
    else:
        fe = _empty(0, 0)
    rows.append(
        {
            "level": "within_company",
            "estimate": fe["beta"],
            **{k: fe[k] for k in ("ci_low", "ci_high", "n", "companies")},
        }
    )
    return pl.DataFrame(rows, schema=LEVEL_SCHEMA)

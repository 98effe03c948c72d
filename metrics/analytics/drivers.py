"""Drivers: which business moments and service dimensions matter most for the total, and how a
company performs on each against its industry — the importance–performance matrix.

Importance is measured across companies and years: the correlation of each moment's score with the
total score, and its standardised weight in a regression of the total on all moments together (the
weights share credit among correlated moments; the correlations do not). Performance is the score.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from metrics.analytics.stats import correlate
from metrics.schema import HEADLINE

DRIVER_PREFIXES = ("moment_", "dim_")


def driver_importance(
    scores: pl.DataFrame,
    total: str = HEADLINE.service,
    year: int | None = None,
    reps: int = 1000,
) -> pl.DataFrame:
    """Per moment or dimension: n, correlation with the total (with its 95% interval, a bootstrap
    over whole companies) and the standardised regression weight (beta) among the moments of the
    same kind."""
    frame = scores if year is None else scores.filter(pl.col("year") == year)
    wide = frame.pivot(
        on="metric_id", index=["company_id", "year"], values="value", aggregate_function="first"
    )
    if total not in wide.columns:
        return pl.DataFrame(schema={"metric_id": pl.String})
    rows = []
    for prefix in DRIVER_PREFIXES:
        drivers = sorted(c for c in wide.columns if c.startswith(prefix))
        if not drivers:
            continue
        betas = _standardised_weights(wide, total, drivers)
        for metric in drivers:
            clean = wide.select("company_id", metric, total).drop_nulls()
            # company-years: the interval resamples whole companies (Fisher z would be too narrow)
            c = correlate(
                clean[metric].to_numpy(),
                clean[total].to_numpy(),
                clean["company_id"].to_numpy(),
                reps=reps,
                spearman_bootstrap=False,
            )
            rows.append(
                {
                    "metric_id": metric,
                    "kind": prefix.rstrip("_"),
                    "n": c.n,
                    "importance_r": c.pearson_r,
                    "importance_low": c.pearson_boot_low,
                    "importance_high": c.pearson_boot_high,
                    "importance_beta": betas.get(metric),
                }
            )
    return pl.DataFrame(rows).sort("kind", "importance_r", descending=[False, True])


def _standardised_weights(wide: pl.DataFrame, total: str, drivers: list[str]) -> dict[str, float]:
    """OLS of the z-scored total on the z-scored drivers (rows complete on all of them)."""
    complete = wide.select(total, *drivers).drop_nulls()
    if complete.height <= len(drivers) + 2:
        return {}
    m = complete.to_numpy()
    sd = m.std(axis=0)
    if (sd == 0).any():
        return {}
    z = (m - m.mean(axis=0)) / sd
    coef, *_ = np.linalg.lstsq(z[:, 1:], z[:, 0], rcond=None)
    return dict(zip(drivers, coef.tolist(), strict=True))


def importance_performance(
    scores: pl.DataFrame,
    companies: pl.DataFrame,
    company_id: str,
    year: int,
    total: str = HEADLINE.service,
) -> pl.DataFrame:
    """For one company and year: each driver's importance (across all companies), the company's
    score, its industry's mean and best score, and the gap to the best (negative = behind)."""
    importance = driver_importance(scores, total)
    industry = companies.filter(pl.col("company_id") == company_id)["industry_id"]
    if industry.is_empty() or importance.is_empty():
        return pl.DataFrame()
    peers = companies.filter(pl.col("industry_id") == industry[0])["company_id"]
    year_scores = scores.filter(
        pl.col("year") == year, pl.col("metric_id").is_in(importance["metric_id"].implode())
    )
    in_industry = year_scores.filter(pl.col("company_id").is_in(peers.implode()))
    bench = in_industry.group_by("metric_id").agg(
        industry_mean=pl.col("value").mean(),
        industry_best=pl.col("value").max(),
        best_company=pl.col("company_id").sort_by("value").last(),
        industry_companies=pl.len(),
    )
    own = year_scores.filter(pl.col("company_id") == company_id).select(
        "metric_id", pl.col("value").alias("score"), pl.col("n").alias("score_n")
    )
    return (
        importance.join(own, on="metric_id", how="left")
        .join(bench, on="metric_id", how="left")
        .with_columns(
            gap_to_best=pl.col("score") - pl.col("industry_best"),
            vs_industry=pl.col("score") - pl.col("industry_mean"),
        )
    )


def fix_first(ip: pl.DataFrame) -> pl.DataFrame:
    """Business moments to fix first: among the more important half (importance at or above the
    median), the ones furthest behind the industry's best, furthest first."""
    moments = ip.filter(pl.col("kind") == "moment", pl.col("gap_to_best").is_not_null())
    if moments.is_empty():
        return moments
    important = moments.filter(pl.col("importance_r") >= pl.col("importance_r").median())
    return important.sort("gap_to_best")

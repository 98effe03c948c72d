"""Hidden dissatisfaction: when a mean of 70 out of 100 hides a large, very unhappy minority.

From respondent-level ratings: the distribution of ratings per company and year, the share
dissatisfied (the bottom two boxes) with how many people that is and its 95% Wilson interval, a
polarisation measure, and a flag for companies whose mean is at or above their industry's median
while a large minority is dissatisfied: at least `MIN_DISSATISFIED` people, and a share whose whole
interval lies above `FLOOR_PCT` and above the top decile of all companies that wave. A handful of
unhappy respondents, or a share the sampling error cannot tell from ordinary, is not a flag.
"""

from __future__ import annotations

import polars as pl

from metrics.aggregate import SCORE_KEY, as_counts, effective_n, rating_index
from metrics.analytics.stats import Z95

TOP_DECILE = 0.9
"""A share dissatisfied at or above this quantile of the year's companies counts as high."""
MIN_DISSATISFIED = 10
"""Fewer dissatisfied respondents than this are a handful of people, not a hidden minority."""
FLOOR_PCT = 10.0
"""A 'large minority': the share's 95% interval must lie above this, whatever the decile says."""


def wilson_interval(share: pl.Expr, n: pl.Expr, z: float = Z95) -> tuple[pl.Expr, pl.Expr]:
    """The Wilson score 95% interval of a proportion (0–1) from n observations, as expressions."""
    centre = (share + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z * (share * (1 - share) / n + z**2 / (4 * n**2)).sqrt() / (1 + z**2 / n)
    return (centre - half).clip(0.0), (centre + half).clip(upper_bound=1.0)


def rating_distribution(data: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    """Weighted share of respondents at each rating, per company, year and metric (0–100 %), from
    respondent rows or their rating counts."""
    return (
        as_counts(data)
        .filter(pl.col("rating").is_not_null())
        .group_by(*SCORE_KEY, "scale_points", "rating")
        .agg(pl.col("respondents").sum(), w=pl.col("weight").sum())
        .with_columns(share_pct=pl.col("w") / pl.col("w").sum().over(SCORE_KEY) * 100)
        .drop("w")
        .sort(*SCORE_KEY, "rating")
        .collect()
    )


def dissatisfaction(
    data: pl.DataFrame | pl.LazyFrame,
    companies: pl.DataFrame,
    metric: str,
    scores: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Per company and year: mean (0–100), n, the dissatisfied (bottom two boxes): how many people
    (`n_dissatisfied`) and their weighted share (%) with its 95% Wilson interval on the effective n
    (Kish's n_eff from `scores` where given, else n), share satisfied (top two, %), polarisation,
    the industry median of means, the year's top-decile threshold of dissatisfaction, and the
    hidden-dissatisfaction flag. From respondent rows or their rating counts.

    Polarisation is the respondents' standard deviation as a share of the largest possible on the
    scale (50 index points, half at each end): 0 when everyone agrees, 1 when split between the
    extremes.
    """
    counts = as_counts(data).filter(pl.col("metric_id") == metric, pl.col("rating").is_not_null())
    x = rating_index()
    w = pl.col("weight")
    mean = (w * x).sum() / w.sum()
    per_company = (
        counts.group_by(*SCORE_KEY)
        .agg(
            mean=mean,
            n=pl.col("respondents").sum().cast(pl.Int64),
            n_dissatisfied=(pl.col("respondents") * (pl.col("rating") <= 2)).sum().cast(pl.Int64),
            sd=((w * x * x).sum() / w.sum() - mean * mean).clip(0.0).sqrt(),
            share_dissatisfied_pct=(w * (pl.col("rating") <= 2)).sum() / w.sum() * 100,
            share_satisfied_pct=(w * (pl.col("rating") >= pl.col("scale_points") - 1)).sum()
            / w.sum()
            * 100,
        )
        .with_columns(polarisation=pl.col("sd") / 50)
        .collect()
    )
    if scores is not None:
        kish = scores.select(*SCORE_KEY, n_effective=effective_n(scores))
        per_company = per_company.join(kish, on=SCORE_KEY, how="left")
    else:
        per_company = per_company.with_columns(n_effective=pl.lit(None, pl.Float64))
    per_company = per_company.with_columns(pl.col("n_effective").fill_null(pl.col("n")))
    low, high = wilson_interval(pl.col("share_dissatisfied_pct") / 100, pl.col("n_effective"))
    out = per_company.join(
        companies.select("company_id", "name", "industry_id"), on="company_id", how="left"
    ).with_columns(
        dissatisfied_low_pct=low * 100,
        dissatisfied_high_pct=high * 100,
        industry_median=pl.col("mean").median().over("industry_id", "year"),
        dissatisfied_threshold=pl.col("share_dissatisfied_pct").quantile(TOP_DECILE).over("year"),
    )
    flag = (
        (pl.col("mean") >= pl.col("industry_median"))
        & (pl.col("n_dissatisfied") >= MIN_DISSATISFIED)
        & (pl.col("dissatisfied_low_pct") >= pl.max_horizontal("dissatisfied_threshold", FLOOR_PCT))
    )
    return out.with_columns(hidden_dissatisfaction=flag).sort("year", "company_id")


def hidden_companies(flags: pl.DataFrame, min_share_of_waves: float = 0.5) -> pl.DataFrame:
    """Companies flagged in at least `min_share_of_waves` of the waves they were measured in,
    with their typical share dissatisfied: the ones to show a board."""
    return (
        flags.group_by("company_id", "name", "industry_id")
        .agg(
            waves=pl.len().cast(pl.Int64),
            waves_flagged=pl.col("hidden_dissatisfaction").sum().cast(pl.Int64),
            median_share_dissatisfied_pct=pl.col("share_dissatisfied_pct").median(),
            median_mean=pl.col("mean").median(),
            latest_flagged_year=pl.col("year").filter(pl.col("hidden_dissatisfaction")).max(),
        )
        .with_columns(share_flagged=pl.col("waves_flagged") / pl.col("waves"))
        .filter(pl.col("share_flagged") >= min_share_of_waves)
        .sort("median_share_dissatisfied_pct", descending=True)
    )

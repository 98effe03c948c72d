"""Hidden dissatisfaction: when a mean of 70 out of 100 hides a large, very unhappy minority.

From respondent-level ratings: the distribution of ratings per company and year, the share
dissatisfied (the bottom two boxes), a polarisation measure, and a flag for companies whose mean is
at or above their industry's median while their share dissatisfied is in the top decile of all
companies that year.
"""

from __future__ import annotations

import polars as pl

from metrics.aggregate import SCORE_KEY, as_counts, rating_index

TOP_DECILE = 0.9
"""A share dissatisfied at or above this quantile of the year's companies counts as high."""


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
    data: pl.DataFrame | pl.LazyFrame, companies: pl.DataFrame, metric: str = "servicescore"
) -> pl.DataFrame:
    """Per company and year: mean (0–100), n, share dissatisfied (bottom two boxes, %), share
    satisfied (top two, %), polarisation, the industry median of means and the year's top-decile
    threshold of dissatisfaction, and the hidden-dissatisfaction flag. From respondent rows or their
    rating counts.

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
            sd=((w * x * x).sum() / w.sum() - mean * mean).clip(0.0).sqrt(),
            share_dissatisfied_pct=(w * (pl.col("rating") <= 2)).sum() / w.sum() * 100,
            share_satisfied_pct=(w * (pl.col("rating") >= pl.col("scale_points") - 1)).sum()
            / w.sum()
            * 100,
        )
        .with_columns(polarisation=pl.col("sd") / 50)
        .collect()
    )
    out = per_company.join(
        companies.select("company_id", "name", "industry_id"), on="company_id", how="left"
    ).with_columns(
        industry_median=pl.col("mean").median().over("industry_id", "year"),
        dissatisfied_threshold=pl.col("share_dissatisfied_pct").quantile(TOP_DECILE).over("year"),
    )
    flag = (pl.col("mean") >= pl.col("industry_median")) & (
        pl.col("share_dissatisfied_pct") >= pl.col("dissatisfied_threshold")
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
        )
        .with_columns(share_flagged=pl.col("waves_flagged") / pl.col("waves"))
        .filter(pl.col("share_flagged") >= min_share_of_waves)
        .sort("median_share_dissatisfied_pct", descending=True)
    )

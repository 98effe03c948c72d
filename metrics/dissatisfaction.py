"""Hidden dissatisfaction: when a mean of 70 out of 100 hides a large, very unhappy minority.

From respondent-level ratings: the distribution of ratings per company and year, the share
dissatisfied (the bottom two boxes), a polarisation measure, and a flag for companies whose mean is
at or above their industry's median while their share dissatisfied is in the top decile of all
companies that year.
"""

from __future__ import annotations

import polars as pl

from metrics.aggregate import SCORE_KEY, rating_index, valid_rating

TOP_DECILE = 0.9
"""A share dissatisfied at or above this quantile of the year's companies counts as high."""


def rating_distribution(responses: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    """Weighted share of respondents at each rating, per company, year and metric (0–100 %)."""
    lf = responses.lazy().with_columns(rating=valid_rating()).filter(pl.col("rating").is_not_null())
    names = lf.collect_schema().names()
    weight = pl.col("weight").fill_null(1.0) if "weight" in names else pl.lit(1.0)
    return (
        lf.with_columns(w=weight)
        .group_by(*SCORE_KEY, "scale_points", "rating")
        .agg(respondents=pl.len().cast(pl.Int64), w=pl.col("w").sum())
        .with_columns(share_pct=pl.col("w") / pl.col("w").sum().over(SCORE_KEY) * 100)
        .drop("w")
        .sort(*SCORE_KEY, "rating")
        .collect()
    )


def dissatisfaction(
    responses: pl.DataFrame | pl.LazyFrame, companies: pl.DataFrame, metric: str = "servicescore"
) -> pl.DataFrame:
    """Per company and year: mean (0–100), n, share dissatisfied (bottom two boxes, %), share
    satisfied (top two, %), polarisation, the industry median of means and the year's top-decile
    threshold of dissatisfaction, and the hidden-dissatisfaction flag.

    Polarisation is the respondents' standard deviation as a share of the largest possible on the
    scale (50 index points, half at each end): 0 when everyone agrees, 1 when split between the
    extremes.
    """
    lf = responses.lazy().filter(pl.col("metric_id") == metric).with_columns(rating=valid_rating())
    lf = lf.filter(pl.col("rating").is_not_null())
    names = lf.collect_schema().names()
    # a column, not a literal: a literal's sum within a group is 1, not the group's size
    weight = pl.col("weight").fill_null(1.0) if "weight" in names else pl.lit(1.0)
    lf = lf.with_columns(w=weight)
    x = rating_index()
    w = pl.col("w")
    mean = (w * x).sum() / w.sum()
    per_company = (
        lf.group_by(*SCORE_KEY)
        .agg(
            mean=mean,
            n=pl.len().cast(pl.Int64),
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

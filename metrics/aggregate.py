"""From respondent ratings to company scores: the aggregation the data model defines.

index = (rating − 1)/(scale_points − 1)·100, averaged with the survey weights (1 when absent); n is the
number of valid ratings; sd is the weighted standard deviation (sample-corrected, so that with no
weights it is the ordinary sample sd); shares are the weighted percentages in the top two boxes
(positive) and the bottom two boxes (negative). Ratings coded don't know / refused are missing.
Weights cost precision: Kish's effective n, (Σw)²/Σw², is what a margin of error divides by; it
needs the sum of squared weights (`weight_sq` in the rating counts, when a reader gives it).
"""

from __future__ import annotations

import polars as pl

from metrics.schema import DONT_KNOW_CODES, TABLES

SCORE_KEY = ["company_id", "year", "metric_id"]


def rating_index() -> pl.Expr:
    """A rating on its scale as a 0–100 index."""
    return (pl.col("rating") - 1) / (pl.col("scale_points") - 1) * 100


def valid_rating() -> pl.Expr:
    """The rating, with don't know / refused codes (98, 99) as missing."""
    return pl.when(~pl.col("rating").is_in(DONT_KNOW_CODES)).then(pl.col("rating"))


RATING_COUNTS = "rating_counts"
"""The table a dataset's responses become (their rows are not kept)."""
COUNT_KEY = [*SCORE_KEY, "scale_points", "rating"]
COUNTS_SCHEMA = {
    "company_id": pl.String,
    "year": pl.Int64,
    "metric_id": pl.String,
    "scale_points": pl.Int64,
    "rating": pl.Int64,
    "respondents": pl.Int64,
    "weight": pl.Float64,
}
"""Rating counts: one row per company, year, metric, scale and rating (null rating: none given, or
don't know / refused), with the number of respondents and their total weight. Every analysis of
respondent data is a function of these, so 100M respondent rows need not be kept."""


def count_ratings(responses: pl.LazyFrame | pl.DataFrame) -> pl.LazyFrame:
    """Respondent rows -> rating counts (weights 1 where absent)."""
    lf = responses.lazy()
    names = lf.collect_schema().names()
    weight = pl.col("weight").fill_null(1.0) if "weight" in names else pl.lit(1.0)
    return (
        lf.with_columns(rating=valid_rating(), weight=weight)
        .group_by(COUNT_KEY)
        .agg(respondents=pl.len(), weight=pl.col("weight").sum())
        .select([pl.col(c).cast(t) for c, t in COUNTS_SCHEMA.items()])
    )


def as_counts(data: pl.LazyFrame | pl.DataFrame) -> pl.LazyFrame:
    """Rating counts from either respondent rows or counts already."""
    lf = data.lazy()
    return lf if "respondents" in lf.collect_schema().names() else count_ratings(lf)


def aggregate_responses(responses: pl.LazyFrame | pl.DataFrame) -> pl.LazyFrame:
    """Company scores (one row per company, year and metric) from respondent-level ratings or their
    rating counts.

    Returns the columns of `service_scores`, sorted by key. Works lazily, so it streams over files
    larger than memory.
    """
    counts = as_counts(responses).filter(pl.col("rating").is_not_null())
    squares = "weight_sq" in counts.collect_schema().names()
    w, k = pl.col("weight"), pl.col("respondents")
    x = rating_index()
    sum_w = w.sum()
    mean = (w * x).sum() / sum_w
    n = k.sum().cast(pl.Int64)
    # E_w[x²] − E_w[x]², then the sample correction n/(n − 1)
    variance = ((w * x * x).sum() / sum_w - mean * mean).clip(0.0) * n / (n - 1)
    top = pl.col("rating") >= pl.col("scale_points") - 1
    bottom = pl.col("rating") <= 2
    scores = (
        counts.group_by(SCORE_KEY)
        .agg(
            value=mean,
            n=n,
            sd=pl.when(n > 1).then(variance.sqrt()),
            n_eff=sum_w**2 / pl.col("weight_sq").sum() if squares else pl.lit(None, pl.Float64),
            share_positive_pct=(w * top).sum() / sum_w * 100,
            share_negative_pct=(w * bottom).sum() / sum_w * 100,
        )
        .filter(pl.col("n") > 0)
    )
    dtypes = TABLES["service_scores"].dtypes()
    return scores.select([pl.col(c).cast(t) for c, t in dtypes.items()]).sort(SCORE_KEY)


def effective_n(scores: pl.DataFrame | pl.LazyFrame) -> pl.Expr:
    """Each score's effective number of respondents: Kish's n_eff where the scores carry it, else n
    (unweighted ratings, or weights not known)."""
    names = scores.collect_schema().names()
    n = pl.col("n").cast(pl.Float64)
    return pl.coalesce(pl.col("n_eff"), n) if "n_eff" in names else n


def margin_of_error(z: float = 1.96, n_eff: pl.Expr | None = None) -> pl.Expr:
    """The 95% margin of error of a mean score, z·sd/√n_eff (n_eff: `effective_n`, by default n;
    null where sd or n is missing or n < 2)."""
    n = pl.col("n")
    return pl.when(n >= 2).then(z * pl.col("sd") / (n if n_eff is None else n_eff).sqrt())


def with_margin(scores: pl.LazyFrame | pl.DataFrame) -> pl.LazyFrame:
    """Scores with `margin_95` and the interval `ci_low`..`ci_high` around each value."""
    return (
        scores.lazy()
        .with_columns(margin_95=margin_of_error(n_eff=effective_n(scores)))
        .with_columns(
            ci_low=pl.col("value") - pl.col("margin_95"),
            ci_high=pl.col("value") + pl.col("margin_95"),
        )
    )

"""The Satisfaction Mirror: are companies with good service also attractive employers? Each
company-year split at the wave's medians of service and of an employer metric into four quadrants,
and how companies move between them from wave to wave."""

from __future__ import annotations

import polars as pl

from metrics.schema import HEADLINE

QUADRANTS = {
    (True, True): "mirror_high",  # good service, attractive employer
    (True, False): "service_only",
    (False, True): "employer_only",
    (False, False): "mirror_low",
}


def quadrants(
    values: pl.DataFrame,
    companies: pl.DataFrame,
    catalogue: pl.DataFrame,
    employer: str = HEADLINE.employer[0],
    service: str = HEADLINE.service,
) -> pl.DataFrame:
    """The Satisfaction Mirror: each company-year split at the year's medians of service and of an
    employer metric (direction taken from the catalogue, so a better rank counts as higher)."""
    better_high = catalogue.filter(pl.col("metric_id") == employer)["higher_is_better"]
    sign = 1.0 if better_high.is_empty() or better_high[0] else -1.0
    s = values.filter(pl.col("metric_id") == service).select(
        "company_id", "year", pl.col("value").alias("service")
    )
    e = values.filter(pl.col("metric_id") == employer).select(
        "company_id", "year", pl.col("value").alias("employer")
    )
    # inner join: the medians are those of the companies given (pass a subset to study a subset)
    data = s.join(e, on=["company_id", "year"]).join(
        companies.select("company_id", "name", "industry_id"), on="company_id", how="inner"
    )
    high_s = pl.col("service") >= pl.col("service").median().over("year")
    high_e = (sign * pl.col("employer")) >= (sign * pl.col("employer")).median().over("year")
    labels = (
        pl.when(high_s & high_e)
        .then(pl.lit(QUADRANTS[True, True]))
        .when(high_s)
        .then(pl.lit(QUADRANTS[True, False]))
        .when(high_e)
        .then(pl.lit(QUADRANTS[False, True]))
        .otherwise(pl.lit(QUADRANTS[False, False]))
    )
    return data.with_columns(quadrant=labels, employer_metric=pl.lit(employer)).sort(
        "year", "company_id"
    )


def quadrant_movement(quadrant_rows: pl.DataFrame, years: list[int]) -> pl.DataFrame:
    """Moves between quadrants from each published wave to the next: company, from, to."""
    order = {y: i for i, y in enumerate(sorted(years))}
    q = quadrant_rows.filter(pl.col("year").is_in(list(order))).with_columns(
        wave=pl.col("year").replace_strict(order, return_dtype=pl.Int64)
    )
    prev = q.select(
        "company_id", (pl.col("wave") + 1).alias("wave"), pl.col("quadrant").alias("from_quadrant")
    )
    moves = q.join(prev, on=["company_id", "wave"]).select(
        "company_id", "name", "year", "from_quadrant", pl.col("quadrant").alias("to_quadrant")
    )
    return moves.sort("year", "company_id")


def transition_counts(moves: pl.DataFrame) -> pl.DataFrame:
    """How many company moves went from each quadrant to each other (all waves together)."""
    return (
        moves.group_by("from_quadrant", "to_quadrant")
        .agg(companies=pl.len())
        .sort("from_quadrant", "to_quadrant")
    )

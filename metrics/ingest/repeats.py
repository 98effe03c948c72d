"""One respondent rating the same company and item more than once in a wave: an export that repeated
rows, or respondent ids reused for different people. Found in one streaming pass over a hash per row,
then exactly on the candidates; reported as a warning by `metrics.ingest.responses` (the ratings are
kept, but their margins assume independent respondents)."""

from __future__ import annotations

import polars as pl

from metrics.schema import ROW

REPEAT_KEY = ("respondent_id", "year", "company_id", "metric_id")


def repeated_ratings(rows: pl.LazyFrame) -> pl.DataFrame:
    """(row: the last of the ratings, value: who rated what how often and where first) for every
    respondent, company, item and wave rated more than once, in the order of their first rating; respondents
    without an id are not judged."""
    if not set(REPEAT_KEY) <= set(rows.collect_schema().names()):
        return pl.DataFrame(schema={ROW: pl.Int64, "value": pl.String})
    # a pass over one hash per row finds the candidates (a third of the time of grouping by the
    # four columns); only when there are some, the exact key is grouped, on those rows alone
    rows = rows.filter(pl.col("respondent_id").is_not_null()).with_columns(
        __key__=pl.struct(REPEAT_KEY).hash()
    )
    candidates = (
        rows.group_by("__key__")
        .agg(pl.len())
        .filter(pl.col("len") > 1)
        .select("__key__")
        .collect(engine="streaming")
    )
    if candidates.is_empty():
        return pl.DataFrame(schema={ROW: pl.Int64, "value": pl.String})
    return (
        rows.join(candidates.lazy(), on="__key__", how="semi")
        .group_by(REPEAT_KEY)
        .agg(pl.len().alias("times"), pl.col(ROW).min().alias("first"), pl.col(ROW).max())
        .filter(pl.col("times") > 1)
        .collect(engine="streaming")
        .sort("first")
        .select(
            pl.col(ROW).cast(pl.Int64),
            pl.format(
                "{}: {} {} {} ×{} (row {})",
                "respondent_id",
                "company_id",
                "year",
                "metric_id",
                "times",
                "first",
            ).alias("value"),
        )
    )

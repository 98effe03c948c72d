"""Frames typed exactly as the data model declares them."""

from __future__ import annotations

import polars as pl

from metrics.schema import TABLES


def typed(table: str, columns: dict) -> pl.DataFrame:
    """A frame with exactly the schema's columns, in its order and dtypes (absent ones as nulls)."""
    dtypes = TABLES[table].dtypes()
    frame = pl.DataFrame(columns)
    return frame.select(
        pl.col(c).cast(t) if c in frame.columns else pl.lit(None, t).alias(c)
        for c, t in dtypes.items()
    )

"""A column map's table applied to a raw table: headers renamed, codes recoded, a column per rated
item turned into a row per rating, constants added, years taken from dates and shifted by an offset.
The result is still text; typing and validation follow as for any table."""

from __future__ import annotations

import polars as pl

from metrics.ingest.colmap import TableMap
from metrics.ingest.read import RawTable
from metrics.schema import TABLES
from metrics.text.names import normalise_header

ROW_COL = "__row__"
"""The source's spreadsheet row, kept when one source row becomes several (one per rated item)."""


def _renamed(frame: pl.DataFrame, tmap: TableMap) -> tuple[list[pl.Expr], dict[str, str]]:
    dtypes = TABLES[tmap.table].dtypes()
    by_norm = {normalise_header(c): c for c in frame.columns}
    date_formats: dict[str, str] = {}
    exprs = []
    for src, target in tmap.columns.items():
        col = by_norm.get(normalise_header(src))
        if col is None:
            continue  # reported as a missing column when the table is checked
        text = pl.col(col).cast(pl.String).str.strip_chars()
        codes = tmap.values.get(src) or tmap.values.get(col)
        if codes:
            text = text.replace(codes)
        fmt = tmap.date_formats.get(src)
        if fmt and dtypes.get(target) == pl.Int64:
            year = text.str.to_date(fmt, strict=False).dt.year().cast(pl.String)
            exprs.append(pl.coalesce(year, text).alias(target))  # unreadable dates stay visible
        else:
            exprs.append((text if codes else pl.col(col)).alias(target))
            if fmt:
                date_formats[target] = fmt
    return exprs, date_formats


def _ratings(frame: pl.DataFrame, tmap: TableMap) -> pl.DataFrame:
    """A column per rated item -> a row per respondent and item (metric_id, rating); each row keeps
    its respondent's spreadsheet row."""
    by_norm = {normalise_header(c): c for c in frame.columns}
    items = {
        by_norm[normalise_header(s)]: m
        for s, m in tmap.ratings.items()
        if normalise_header(s) in by_norm
    }
    if not items:
        return frame
    rest = [c for c in frame.columns if c not in items]
    long = frame.unpivot(on=list(items), index=rest, variable_name="metric_id", value_name="rating")
    return long.with_columns(pl.col("metric_id").replace(items))


def apply_table_map(raw: RawTable, tmap: TableMap) -> tuple[RawTable, dict[str, str]]:
    """The raw table with the map applied (still text). Returns it and the date formats to use when
    typing (canonical column -> format)."""
    frame = raw.frame
    if ROW_COL not in frame.columns:
        frame = frame.with_row_index(ROW_COL, offset=raw.first_row).with_columns(
            pl.col(ROW_COL).cast(pl.String)
        )
    exprs, date_formats = _renamed(frame, tmap)
    by_norm = {normalise_header(c): c for c in frame.columns}
    items = [
        pl.col(by_norm[normalise_header(s)]) for s in tmap.ratings if normalise_header(s) in by_norm
    ]
    carried = [c for c in frame.columns if c.startswith("__")]
    out = _ratings(frame.select(*exprs, *items, *carried), tmap)
    if (
        tmap.table == "responses"
        and "industry_id" in out.columns
        and "company_id" not in out.columns
    ):
        # respondents who name only an industry: the industry is the unit measured
        out = out.with_columns(pl.col("industry_id").alias("company_id")).drop("industry_id")
    for column, value in tmap.constants.items():
        out = out.with_columns(pl.lit(str(value)).alias(column))
    for column, offset in tmap.offsets.items():
        if column in out.columns:
            number = out[column].cast(pl.String).str.strip_chars().cast(pl.Int64, strict=False)
            out = out.with_columns(
                pl.when(number.is_not_null())
                .then((number + offset).cast(pl.String))
                .otherwise(pl.col(column))
                .alias(column)
            )
    return RawTable(out, raw.file, raw.sheet, raw.first_row, raw.decimal_comma), date_formats

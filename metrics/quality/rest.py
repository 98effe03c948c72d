"""The rows of a kind of problem beyond the listed ones, kept compact until the CSV report is written,
and values as the report shows them (`shorten`; `shorten_all` for a whole column, in Polars)."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

MAX_VALUE_CHARS = 80
CSV_BATCH = 200_000
"""Rows of the CSV report written at a time: a report of millions of rows is never held whole."""

_UNPRINTABLE = r"[\p{C}\p{Z}--[ ]]"
"""What `str.isprintable` refuses, as a regular expression (control, format, separator characters)."""


def shorten(value: object) -> str | None:
    """A value as the report shows it: text, cut to a readable length, control characters visible."""
    if value is None:
        return None
    text = str(value)
    # escaping only lengthens the text: escaping the head gives the same cut as escaping it all
    text = text[: MAX_VALUE_CHARS + 1]
    if not text.isprintable():
        text = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def shorten_all(values: pl.Series) -> pl.Series:
    """`shorten` of every value, in Polars: only the values with control characters go through
    Python (once each)."""
    values = values.cast(pl.String)
    cut = (
        pl.when(pl.col("v").str.len_chars() > MAX_VALUE_CHARS)
        .then(pl.col("v").str.slice(0, MAX_VALUE_CHARS - 1) + "…")
        .otherwise(pl.col("v"))
    )
    odd = values.str.contains(_UNPRINTABLE).fill_null(False)
    if odd.any():
        fixed = {v: shorten(v) for v in values.filter(odd).unique().to_list()}
        cut = pl.when(pl.col("odd")).then(pl.col("v").replace(fixed)).otherwise(cut)
    return pl.DataFrame({"v": values, "odd": odd}).select(cut)["v"].alias(values.name)


@dataclass(frozen=True)
class Rest:
    """The rows of one kind of problem beyond the listed ones, compact: each row's number and the
    code of its value, every distinct value once (a million identical duplicate rows are a million
    numbers and one text). Turned into report lines only when the CSV report is written."""

    rows: pl.DataFrame
    """`row` (spreadsheet row, may be null) and `code` (UInt32, the index into `values`)."""
    values: pl.Series
    """The distinct values (text), by code."""

    @classmethod
    def encode(cls, frame: pl.DataFrame) -> Rest:
        """From a frame of (row, value) columns, in that order."""
        row, value = frame.columns[:2]
        distinct = frame.select(pl.col(value).cast(pl.String).unique(maintain_order=True))
        distinct = distinct.with_row_index("code")
        rows = frame.select(pl.col(row).alias("row"), pl.col(value).cast(pl.String)).join(
            distinct, on=value, how="left", maintain_order="left", nulls_equal=True
        )
        return cls(compact_rows(rows.select("row", "code")), distinct[value])

    def __len__(self) -> int:
        return self.rows.height

    def batches(self, size: int = CSV_BATCH):
        """(row, value) frames of at most `size` rows, values as the report shows them."""
        shown = pl.DataFrame(
            {"code": pl.int_range(0, self.values.len(), dtype=pl.UInt32, eager=True)}
        ).with_columns(value=shorten_all(self.values))
        for start in range(0, self.rows.height, size):
            part = self.rows.slice(start, size)
            yield part.join(shown, on="code", how="left", maintain_order="left").select(
                pl.col("row").cast(pl.Int64), "value"
            )


def compact_rows(rows: pl.DataFrame) -> pl.DataFrame:
    """Row numbers and codes in 32 bits where they fit (every spreadsheet row does)."""
    top = rows["row"].max()
    fits = top is None or int(top) < 2**32  # type: ignore[arg-type]
    return rows.select(
        pl.col("row").cast(pl.UInt32 if fits else pl.Int64), pl.col("code").cast(pl.UInt32)
    )

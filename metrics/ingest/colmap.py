"""Explicit column maps: a small TOML file for datasets whose layout the loader cannot guess.

```toml
[options]
derive_companies = true          # build `companies` from the ids the other tables use

[tables.responses]
source = "reviews.csv"           # a file in the dataset folder, or a sheet of the workbook
columns = { firm = "company_id", overall_rating = "rating", date_review = "year" }
constants = { scale_points = 5 } # columns the source lacks, the same on every row
date_formats = { date_review = "%d/%m/%Y" }   # source column -> strftime format
offsets = { fiscal_year = -1 }   # added to a canonical whole-number column
```
A source column mapped to a whole-number year with a date format gives that date's year.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from metrics.ingest.read import RawTable
from metrics.schema import TABLES
from metrics.text.names import normalise_header


class ColumnMapError(Exception):
    """The column map itself is wrong; the message says where."""


@dataclass
class TableMap:
    table: str
    source: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    constants: dict[str, object] = field(default_factory=dict)
    date_formats: dict[str, str] = field(default_factory=dict)
    offsets: dict[str, int] = field(default_factory=dict)


@dataclass
class ColumnMap:
    tables: dict[str, TableMap]
    derive_companies: bool = False
    origin: str = "column map"


def read_column_map(path: str | Path) -> ColumnMap:
    """Parse and check a column map file. Raises `ColumnMapError` with the file and key at fault."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ColumnMapError(f"{path.name}: not a readable TOML file ({exc})") from None
    unknown = set(data) - {"options", "tables"}
    if unknown:
        raise ColumnMapError(
            f"{path.name}: unknown section(s) {sorted(unknown)}; use [tables.NAME]"
        )
    tables = {}
    for name, body in (data.get("tables") or {}).items():
        if name not in TABLES:
            raise ColumnMapError(
                f"{path.name}: [tables.{name}] is not a table of the data model "
                f"(one of {', '.join(TABLES)})"
            )
        spec = TABLES[name]
        columns = {str(k): str(v) for k, v in (body.get("columns") or {}).items()}
        for src, target in columns.items():
            if target not in spec.columns:
                raise ColumnMapError(
                    f"{path.name}: [tables.{name}] maps '{src}' to '{target}', which is not a "
                    f"column of {name} (one of {', '.join(spec.columns)})"
                )
        tables[name] = TableMap(
            table=name,
            source=body.get("source"),
            columns=columns,
            constants=dict(body.get("constants") or {}),
            date_formats={str(k): str(v) for k, v in (body.get("date_formats") or {}).items()},
            offsets={str(k): int(v) for k, v in (body.get("offsets") or {}).items()},
        )
    options = data.get("options") or {}
    return ColumnMap(tables, bool(options.get("derive_companies", False)), path.name)


def apply_table_map(raw: RawTable, tmap: TableMap) -> tuple[RawTable, dict[str, str]]:
    """The raw table with the map's renames, constants and year-from-date applied (still text).

    Returns the new raw table and the date formats to use when typing (canonical column -> format).
    """
    frame = raw.frame
    dtypes = TABLES[tmap.table].dtypes()
    by_norm = {normalise_header(c): c for c in frame.columns}
    renames: dict[str, str] = {}
    date_formats: dict[str, str] = {}
    exprs = []
    for src, target in tmap.columns.items():
        col = by_norm.get(normalise_header(src))
        if col is None:
            continue  # reported as a missing column when the table is checked
        renames[col] = target
        fmt = tmap.date_formats.get(src)
        if fmt and dtypes[target] == pl.Int64:
            text = pl.col(col).cast(pl.String).str.strip_chars()
            year = text.str.to_date(fmt, strict=False).dt.year().cast(pl.String)
            exprs.append(pl.coalesce(year, text).alias(target))  # unreadable dates stay visible
        else:
            exprs.append(pl.col(col).alias(target))
            if fmt:
                date_formats[target] = fmt
    carried = [c for c in frame.columns if c.startswith("__")]
    out = frame.select(*exprs, *carried)
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

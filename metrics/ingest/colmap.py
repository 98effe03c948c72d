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

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from metrics.ingest.read import RawTable
from metrics.schema import TABLES
from metrics.text.i18n import Msg, msg
from metrics.text.names import normalise_header


class ColumnMapError(Exception):
    """The column map itself is wrong; `reason` says where, by message key."""

    def __init__(self, reason: Msg):
        super().__init__(reason.render("en"))
        self.reason = reason


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


SHAPES = {
    dict: "colmap.shape_table",
    str: "colmap.shape_text",
    int: "colmap.shape_integer",
    bool: "colmap.shape_bool",
}


def _shaped(value: object, shape: type, file: str, where: str) -> object:
    """`value` if it has the shape the column map needs at `where`, else a ColumnMapError."""
    ok = isinstance(value, shape) and not (shape is int and isinstance(value, bool))
    if not ok:
        wanted = msg(SHAPES[shape])
        raise ColumnMapError(msg("colmap.wrong_shape", file=file, where=where, shape=wanted))
    return value


def _texts(body: dict, key: str, file: str, where: str) -> dict[str, str]:
    """A table of text values at `where.key` (absent: empty)."""
    table = _shaped(body.get(key) or {}, dict, file, f"{where}.{key}")
    return {str(k): _shaped(v, str, file, f"{where}.{key}.{k}") for k, v in table.items()}


def read_column_map(path: str | Path) -> ColumnMap:
    """Parse and check a column map file. Raises `ColumnMapError` with the file and key at fault."""
    path = Path(path)
    file = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ColumnMapError(msg("colmap.unreadable", file=file)) from exc
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"line (\d+), column (\d+)", str(exc))
        line, column = at.groups() if at else ("?", "?")
        raise ColumnMapError(msg("colmap.not_toml", file=file, line=line, column=column)) from None
    unknown = set(data) - {"options", "tables"}
    if unknown:
        raise ColumnMapError(msg("colmap.unknown_sections", file=file, sections=sorted(unknown)))
    tables = {}
    for name, body in _shaped(data.get("tables") or {}, dict, file, "tables").items():
        where = f"[tables.{name}]"
        if name not in TABLES:
            raise ColumnMapError(
                msg("colmap.not_a_table", file=file, name=name, tables=list(TABLES))
            )
        body = _shaped(body, dict, file, where)
        spec = TABLES[name]
        columns = _texts(body, "columns", file, where)
        for src, target in columns.items():
            if target not in spec.columns:
                reason = msg(
                    "colmap.not_a_column",
                    file=file,
                    where=where,
                    source=src,
                    target=target,
                    columns=list(spec.columns),
                )
                raise ColumnMapError(reason)
        source = body.get("source")
        offsets = _shaped(body.get("offsets") or {}, dict, file, f"{where}.offsets")
        tables[name] = TableMap(
            table=name,
            source=None if source is None else _shaped(source, str, file, f"{where}.source"),
            columns=columns,
            constants=dict(_shaped(body.get("constants") or {}, dict, file, f"{where}.constants")),
            date_formats=_texts(body, "date_formats", file, where),
            offsets={
                str(k): _shaped(v, int, file, f"{where}.offsets.{k}") for k, v in offsets.items()
            },
        )
    options = _shaped(data.get("options") or {}, dict, file, "options")
    derive = _shaped(options.get("derive_companies", False), bool, file, "derive_companies")
    return ColumnMap(tables, derive, file)


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

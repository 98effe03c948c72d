"""Tables as CSV or Excel files, safe to open in a spreadsheet (chart data, reports).

Text cells that start with `=`, `+`, `-`, `@`, a tab or a carriage return are prefixed with an
apostrophe, so that a spreadsheet shows them instead of running them as formulas (OWASP CSV
injection). Numbers are left as numbers.
"""

from __future__ import annotations

import io

import polars as pl

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MIMES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def neutralise(frame: pl.DataFrame) -> pl.DataFrame:
    """Text cells that a spreadsheet would run as a formula, prefixed with an apostrophe."""
    pattern = "^[" + "".join(FORMULA_START).replace("-", r"\-") + "]"
    text = [c for c, t in frame.schema.items() if t == pl.String]
    flat = frame.with_columns(
        pl.when(pl.col(c).str.contains(pattern))
        .then(pl.lit("'") + pl.col(c))
        .otherwise(pl.col(c))
        .alias(c)
        for c in text
    )
    # nested columns (lists, structs) do not fit a flat file: write them as text
    return flat.with_columns(_as_text(c, t) for c, t in flat.schema.items() if t.is_nested())


def _as_text(column: str, dtype: pl.DataType) -> pl.Expr:
    """A list column as "a, b", a struct column as JSON."""
    if isinstance(dtype, pl.Struct):
        return pl.col(column).struct.json_encode()
    return pl.col(column).list.eval(pl.element().cast(pl.String)).list.join(", ")


def to_csv(frame: pl.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens å, ä and ö correctly."""
    return neutralise(frame).write_csv().encode("utf-8-sig")


def to_excel(frame: pl.DataFrame, sheet: str = "data", title: str = "", source: str = "") -> bytes:
    """An .xlsx workbook: the data on one sheet, with the title and source above it when given."""
    buffer = io.BytesIO()
    data = neutralise(frame)
    top = 3 if title or source else 0
    with _workbook(buffer) as book:
        data.write_excel(
            book,
            worksheet=sheet[:31] or "data",
            position=(top, 0),
            autofit=True,
            table_style="Table Style Light 9",
        )
        ws = book.get_worksheet_by_name(sheet[:31] or "data")
        if title:
            ws.write_string(0, 0, title, book.add_format({"bold": True, "font_size": 13}))
        if source:
            ws.write_string(
                1, 0, source, book.add_format({"italic": True, "font_color": "#6b7785"})
            )
    return buffer.getvalue()


def _workbook(buffer: io.BytesIO):
    from xlsxwriter import Workbook

    return Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )

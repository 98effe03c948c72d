"""From raw text columns to typed tables: header matching (Swedish or English, any case and spacing),
and value parsing (decimal commas, thousands separators, ja/nej, dates in several formats).

Every cell that cannot be read as its column's type is reported with its row, column and value; the
row is then kept out of the analysis. Everything is vectorised Polars, so it scales with the data.
"""

from __future__ import annotations

import polars as pl

from metrics.ingest.read import RawTable
from metrics.quality.report import Problem, row_problems, shorten
from metrics.schema import DEFAULTS, ROW, TABLE_ALIASES, TABLES, TableSpec
from metrics.text.i18n import msg
from metrics.text.names import fold, normalise_header

NULL_TOKENS = ("", "na", "n/a", "#n/a", "#null!", "null", "none", "-", "–", "..", "saknas")
"""Cells that mean "no value" (#NULL! is how an SPSS export leaves a blank in Excel)."""
TRUE_TOKENS = ("true", "1", "1.0", "yes", "y", "ja", "j", "sant", "x")
FALSE_TOKENS = ("false", "0", "0.0", "no", "n", "nej", "falskt")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d", "%Y%m%d", "%d-%m-%Y")

EXPECTED = {
    pl.Int64: "expected.whole_number",
    pl.Float64: "expected.number",
    pl.Boolean: "expected.boolean",
    pl.Date: "expected.date",
    pl.String: "expected.text",
}
"""What a cell of each type should look like (message keys)."""


def match_table(stem: str) -> str | None:
    """The data-model table a file or sheet name stands for, if any."""
    key = fold(normalise_header(stem))
    for name in TABLES:
        if key == name or key in {fold(normalise_header(a)) for a in TABLE_ALIASES.get(name, ())}:
            return name
    return None


def header_lookup(spec: TableSpec) -> dict[str, str]:
    """Every accepted spelling of each column's header (folded) -> canonical column name."""
    lookup: dict[str, str] = {}
    for name, column in spec.columns.items():
        spellings = [name, column.title or "", *spec.aliases(name)]
        for spelling in spellings:
            if spelling:
                lookup.setdefault(fold(normalise_header(spelling)), name)
    # A canonical name always wins over another column's alias.
    lookup.update({name: name for name in spec.columns})
    return lookup


def header_renames(
    headers: list[str],
    spec: TableSpec,
    file: str,
    sheet: str | None = None,
    explicit: dict[str, str] | None = None,
) -> tuple[dict[str, str], list[Problem]]:
    """Source header -> canonical name for the headers of the data model; a note for each unknown
    column and an error for a second column of the same meaning.

    `explicit` is a column map (source header -> canonical name) that takes precedence.
    """
    lookup = header_lookup(spec)
    explicit_norm = {normalise_header(k): v for k, v in (explicit or {}).items()}
    problems: list[Problem] = []
    renames: dict[str, str] = {}
    taken: dict[str, str] = {}
    where = {"table": spec.name, "file": file, "sheet": sheet}
    for header in headers:
        if header.startswith("__"):
            continue
        norm = normalise_header(header)
        target = explicit_norm.get(norm) or lookup.get(fold(norm))
        if target is None:
            problems.append(
                Problem(
                    "note",
                    msg("problem.unknown_column"),
                    column=shorten(header),
                    check="unknown_column",
                    **where,
                )
            )
            continue
        if target in taken:
            problems.append(
                Problem(
                    "error",
                    msg("problem.duplicate_column", column=target),
                    column=shorten(header),
                    value=shorten(taken[target]),
                    wanted=msg("expected.one_column"),
                    check="duplicate_column",
                    **where,
                )
            )
            continue
        taken[target] = header
        renames[header] = target
    return renames, problems


def map_headers(
    raw: RawTable, spec: TableSpec, explicit: dict[str, str] | None = None
) -> tuple[pl.DataFrame, list[Problem]]:
    """The raw table with its headers renamed to canonical names (see `header_renames`)."""
    renames, problems = header_renames(raw.frame.columns, spec, raw.file, raw.sheet, explicit)
    changed = [f"{h} → {t}" for h, t in renames.items() if normalise_header(h) != t]
    if changed and explicit is None:  # a column map's table says its own mapping
        note = Problem(
            "note",
            msg("problem.columns_mapping"),
            table=spec.name,
            file=raw.file,
            sheet=raw.sheet,
            value="; ".join(changed),
            check="mapping",
        )
        problems.append(note)
    carried = [c for c in raw.frame.columns if c.startswith("__")]
    frame = raw.frame.select([pl.col(h).alias(t) for h, t in renames.items()] + carried)
    return frame, problems


def missing_columns(
    spec: TableSpec, columns: list[str], headers: list[str], file: str, sheet: str | None = None
) -> list[Problem]:
    """An error for each required column (with no default) that is not among `columns`."""
    required = [
        c for c, col in spec.columns.items() if col.required and (spec.name, c) not in DEFAULTS
    ]
    if spec.name == "responses":
        required.remove("respondent_id")  # numbered by row when absent
    found = ", ".join(h for h in headers if not h.startswith("__"))
    return [
        Problem(
            "error",
            msg("problem.missing_column"),
            table=spec.name,
            file=file,
            sheet=sheet,
            column=column,
            wanted=msg("expected.column_found", column=column, found=found),
            check="missing_column",
        )
        for column in required
        if column not in columns
    ]


def _clean_text(series: pl.Series) -> bool:
    """True when no cell needs trimming or is a null token, judged on the distinct values when they
    are few (ids and codes repeat: 10M respondent rows have a few thousand companies)."""
    values = series.drop_nulls()
    if values.is_empty():
        return True
    distinct = values.unique()
    if distinct.len() > max(1000, values.len() // 20):
        return False  # mostly unique (respondent ids): the full trim is as cheap as any test
    trimmed = distinct.str.strip_chars()
    return (
        bool((trimmed == distinct).all())
        and not trimmed.str.to_lowercase().is_in(NULL_TOKENS).any()
    )


def _null_tokens(expr: pl.Expr) -> pl.Expr:
    stripped = expr.str.strip_chars()
    return pl.when(stripped.str.to_lowercase().is_in(NULL_TOKENS)).then(None).otherwise(stripped)


def _plain_number(expr: pl.Expr) -> pl.Expr:
    return expr.str.strip_chars().cast(pl.Float64, strict=False)


def _all_plain_numbers(series: pl.Series) -> str | None:
    """ "as is" when every cell is empty, a null token or a number Polars reads as it is ("12",
    "-3.5", "1e3"); "trimmed" when some need their spaces trimmed first; None otherwise. The first two
    skip the regular expressions of `parse_number` (most machine-written files; a tenfold saving on
    large CSVs); a decimal comma, a thousands separator or a unit takes the full parser. Only the
    cells a plain cast cannot read are looked at again."""
    unread = series.filter(series.cast(pl.Float64, strict=False).is_null() & series.is_not_null())
    if unread.is_empty():
        return "as is"
    stripped = unread.str.strip_chars()
    if unread.str.to_lowercase().is_in(NULL_TOKENS).all():
        return "as is"  # the cast reads those as null too
    missing = stripped.str.to_lowercase().is_in(NULL_TOKENS)
    return (
        None if (stripped.cast(pl.Float64, strict=False).is_null() & ~missing).any() else "trimmed"
    )


def parse_number(expr: pl.Expr, decimal_comma: bool) -> pl.Expr:
    """Text to Float64: '1 234,5', '1.234,5', '1,234.5', '12 %', '−3' all read; else null."""
    s = expr.str.replace_all(r"[\s\u00a0\u202f'’]", "").str.replace_all("−", "-", literal=True)
    s = s.str.strip_suffix("%")
    comma_is_decimal = s.str.contains(r"^[+-]?[\d.]*,\d*$") & (
        pl.lit(decimal_comma) | ~s.str.contains(r"^[+-]?\d{1,3}(,\d{3})+$")
    )
    s = (
        pl.when(comma_is_decimal)
        .then(s.str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True))
        .otherwise(s.str.replace_all(",", "", literal=True))
    )
    return s.cast(pl.Float64, strict=False)


def parse_bool(expr: pl.Expr) -> pl.Expr:
    s = expr.str.to_lowercase()
    return pl.when(s.is_in(TRUE_TOKENS)).then(True).when(s.is_in(FALSE_TOKENS)).then(False)


def parse_date(expr: pl.Expr, formats: tuple[str, ...] = DATE_FORMATS) -> pl.Expr:
    s = expr.str.slice(0, 10).str.strip_chars()
    return pl.coalesce([s.str.to_date(fmt, strict=False) for fmt in formats])


def parse_column(
    series: pl.Series, dtype: pl.DataType, decimal_comma: bool, date_format: str | None = None
) -> pl.Expr:
    """An expression turning one source column into `dtype`; unreadable cells become null."""
    col = pl.col(series.name)
    if series.dtype == dtype:
        return col
    if dtype == pl.String:
        if series.dtype == pl.String and _clean_text(series):
            return col
        return _null_tokens(col.cast(pl.String))
    numeric_source = series.dtype.is_numeric() or series.dtype == pl.Boolean
    if numeric_source and dtype in (pl.Int64, pl.Float64):
        as_float = col.cast(pl.Float64)
    elif dtype == pl.Date and series.dtype in (pl.Datetime, pl.Date):
        return col.cast(pl.Date)
    else:
        text = _null_tokens(col.cast(pl.String))
        if dtype == pl.Boolean:
            return parse_bool(text)
        if dtype == pl.Date:
            return parse_date(text, (date_format,) if date_format else DATE_FORMATS)
        plain = _all_plain_numbers(series) if series.dtype == pl.String else None
        as_float = (
            col.cast(pl.Float64, strict=False)
            if plain == "as is"
            else _plain_number(col)
            if plain == "trimmed"
            else parse_number(text, decimal_comma)
        )
    finite = as_float.is_finite()
    if dtype == pl.Int64:
        whole = finite & (as_float == as_float.round(0)) & (as_float.abs() < 2**62)
        return pl.when(whole).then(as_float).cast(pl.Int64)
    return pl.when(finite).then(as_float)


def type_table(
    frame: pl.DataFrame,
    raw: RawTable,
    spec: TableSpec,
    date_formats: dict[str, str] | None = None,
) -> tuple[pl.DataFrame, list[Problem]]:
    """Cast every canonical column to its declared dtype and number the rows as the user sees them.

    Returns the typed frame (with `_row`, and only the rows that read cleanly) and a problem for every
    cell that could not be read.
    """
    dtypes = spec.dtypes()
    date_formats = date_formats or {}
    present = [c for c in frame.columns if c in dtypes]
    exprs = [
        parse_column(frame[c], dtypes[c], raw.decimal_comma, date_formats.get(c)).alias(c)
        for c in present
    ]
    if "__row__" in frame.columns:  # rows split from a wide sheet keep the sheet's row number
        typed = frame.with_columns(pl.col("__row__").cast(pl.Int64).alias(ROW), *exprs)
        typed = typed.drop("__row__")
    else:
        typed = frame.with_row_index(ROW, offset=raw.first_row).with_columns(
            pl.col(ROW).cast(pl.Int64), *exprs
        )
    problems: list[Problem] = []
    bad = pl.repeat(False, frame.height, eager=True)
    # a row with too many fields has its cells shifted: report it once, as ragged, not per cell
    ragged = frame["__ragged__"] if "__ragged__" in frame.columns else bad
    for c in present:
        original = frame[c]
        if original.dtype == dtypes[c]:
            continue
        # cheap test first: a cell that was given and is now null; null tokens only among those
        failed = original.is_not_null() & typed[c].is_null() & ~ragged
        if not failed.any():
            continue
        if original.dtype == pl.String:
            failed = (
                failed & original.str.strip_chars().str.to_lowercase().is_in(NULL_TOKENS).not_()
            )
            if not failed.any():
                continue
        bad = bad | failed
        rows = typed.filter(failed).select(ROW, pl.Series("v", original.filter(failed)))
        problems.extend(
            row_problems(
                rows,
                severity="error",
                what=msg("problem.type"),
                wanted=msg(EXPECTED[dtypes[c]]),
                check="type",
                table=spec.name,
                file=raw.file,
                sheet=raw.sheet,
                column=c,
            )
        )
    if "__ragged__" in frame.columns:
        if ragged.any():
            rows = typed.filter(ragged).select(ROW, pl.lit(None, pl.String).alias("v"))
            problems.extend(
                row_problems(
                    rows,
                    severity="error",
                    what=msg("problem.ragged"),
                    wanted=msg("expected.fields_as_header"),
                    check="ragged_row",
                    table=spec.name,
                    file=raw.file,
                    sheet=raw.sheet,
                    column=None,
                )
            )
            bad = bad | ragged
        typed = typed.drop("__ragged__")
    return typed.filter(~bad), problems

"""Validation: each table against its pandera model (every problem collected at once, `lazy=True`);
the rules between tables are in `metrics.quality.references`.

Rows with errors are kept out; the rest of the table stays usable. Warnings never remove anything.
"""

from __future__ import annotations

import copy
import json
import re
import warnings
from dataclasses import dataclass

import polars as pl

from metrics._pandera import pa
from metrics.quality.report import Problem, coded_problems, row_problems, shorten
from metrics.schema import ORG_NR_PATTERN, ROW, RULE_MESSAGES, SLUG_PATTERN, TableSpec
from metrics.text.i18n import Msg, msg

PATTERN_WORDS = {SLUG_PATTERN: "expected.slug", ORG_NR_PATTERN: "expected.org_nr"}


@dataclass(frozen=True)
class Origin:
    """Where a table came from, for the report."""

    file: str | None
    sheet: str | None = None


BOUNDS = {
    "greater_than_or_equal_to": ("problem.too_low", "expected.at_least"),
    "greater_than": ("problem.too_low", "expected.more_than"),
    "less_than_or_equal_to": ("problem.too_high", "expected.at_most"),
    "less_than": ("problem.too_high", "expected.less_than"),
}
WORDS = {
    "field_uniqueness": ("problem.duplicate_value", "expected.each_value_once"),
    "multiple_fields_uniqueness": ("problem.duplicate_key", "expected.each_key_once"),
    "not_nullable": ("problem.missing_value", "expected.required_value"),
    "column_in_dataframe": ("problem.column_absent", "expected.column_present"),
    "column_in_schema": ("problem.column_absent", "expected.column_present"),
}


def describe_check(check: str) -> tuple[Msg, Msg]:
    """A pandera check name -> (what is wrong, what was expected), by message key."""
    m = re.match(r"(\w+)\((.*)\)$", check, re.S)
    name, arg = (m.group(1), m.group(2)) if m else (check, "")
    if name in BOUNDS:
        what, wanted = BOUNDS[name]
        return msg(what), msg(wanted, limit=arg)
    if name == "isin":
        allowed = re.findall(r"'([^']*)'", arg) or [arg]
        return msg("problem.not_allowed"), msg("expected.one_of", values=allowed)
    if name == "str_matches":
        pattern = arg.strip("'\"").replace("\\\\", "\\")
        wanted = msg(PATTERN_WORDS[pattern]) if pattern in PATTERN_WORDS else None
        return msg("problem.wrong_format"), wanted or msg("expected.matching", pattern=pattern)
    if name in WORDS:
        what, wanted = WORDS[name]
        return msg(what), msg(wanted)
    if name in ("dtype", "coerce_dtype"):
        return msg("problem.wrong_dtype"), msg("expected.dtype", dtype=arg.strip("'"))
    if check in RULE_MESSAGES:
        what, wanted, params = RULE_MESSAGES[check]
        return msg(what), msg(wanted, **params)
    return msg("problem.breaks_rule"), msg("expected.rule", rule=check)


def failure_value(case: object, column: str | None, key: tuple[str, ...]) -> str | None:
    """A readable value: for a row-level check, the key and the columns involved, not JSON."""
    text = str(case) if case is not None else None
    if text and text.startswith("{"):
        try:
            row = json.loads(text)
        except ValueError:
            return shorten(text)
        row.pop(ROW, None)
        shown = {k: v for k, v in row.items() if k in key} or row
        rest = {k: v for k, v in row.items() if k not in key and v is not None}
        parts = [f"{k}={v}" for k, v in {**shown, **rest}.items()]
        return shorten(", ".join(parts))
    return shorten(text)


def row_value(columns: list[str], key: tuple[str, ...]) -> pl.Expr:
    """A whole row as the report shows it, in Polars: the key's columns, then the others that have a
    value ('company_id=a, year=2019, value=70.5')."""
    shown = [c for c in key if c in columns]
    parts = [pl.lit(f"{c}=") + pl.col(c).cast(pl.String).fill_null("") for c in shown]
    parts += [pl.lit(f"{c}=") + pl.col(c).cast(pl.String) for c in columns if c not in shown]
    return pl.concat_str(parts, separator=", ", ignore_nulls=True)


def _whole_rows(failed: pl.DataFrame, key: tuple[str, ...], **where) -> list[Problem]:
    """Problems for whole rows (a duplicate key, a row rule): each distinct row is formatted once,
    in Polars, and only the listed ones become Python objects."""
    columns = [c for c in failed.columns if c != ROW]
    groups = failed.group_by(columns, maintain_order=True).agg(pl.col(ROW))
    values = groups.select(row_value(columns, key).alias("value"))["value"]
    coded = (
        groups.select(pl.int_range(pl.len(), dtype=pl.UInt32).alias("code"), pl.col(ROW))
        .explode(ROW)
        .select(pl.col(ROW).alias("row"), "code")
        .sort("row")
    )
    return coded_problems(coded, values, **where)


def _duplicates(
    frame: pl.DataFrame, schema: pa.DataFrameSchema, spec: TableSpec, origin: Origin
) -> tuple[list[Problem], list[pl.Series]]:
    """Duplicate keys and values, found in Polars before pandera sees the table (pandera turns every
    duplicate row into Python objects: minutes and gigabytes for a file of identical rows)."""
    where = {"severity": "error", "table": spec.name, "file": origin.file, "sheet": origin.sheet}
    problems: list[Problem] = []
    bad: list[pl.Series] = []
    if schema.unique:
        columns = list(schema.unique)
        duplicated = frame.filter(frame.select(columns).is_duplicated())
        if duplicated.height:
            what, wanted = describe_check("multiple_fields_uniqueness")
            check = {"what": what, "wanted": wanted, "check": "multiple_fields_uniqueness"}
            column = ", ".join(columns)
            problems += _whole_rows(duplicated, spec.key, column=column, **check, **where)
            bad.append(duplicated[ROW])
    for name, column in schema.columns.items():
        if not column.unique or name not in frame.columns:
            continue
        duplicated = frame.filter(frame[name].is_duplicated()).select(ROW, name)
        if duplicated.height:
            what, wanted = describe_check("field_uniqueness")
            problems += row_problems(
                duplicated, what=what, wanted=wanted, check="field_uniqueness", column=name, **where
            )
            bad.append(duplicated[ROW])
    return problems, bad


def _row_rules(
    frame: pl.DataFrame, checks: list, spec: TableSpec, origin: Origin
) -> tuple[list[Problem], list[pl.Series]]:
    """The model's checks on whole rows, run here on the Polars frame: pandera would build a
    Python dict of every failing row."""
    problems: list[Problem] = []
    bad: list[pl.Series] = []
    for check in checks:
        passed = check(frame.lazy()).check_output.collect().to_series()
        failed = frame.filter(~passed.fill_null(False))
        if failed.is_empty():
            continue
        severity = "warning" if check.raise_warning else "error"
        name = check.error or check.name
        what, wanted = describe_check(name)
        problems += _whole_rows(
            failed,
            spec.key,
            severity=severity,
            what=what,
            wanted=wanted,
            check=name,
            table=spec.name,
            file=origin.file,
            sheet=origin.sheet,
            column=None,
        )
        if severity == "error":
            bad.append(failed[ROW])
    return problems, bad


def _failures_to_problems(
    cases: pl.DataFrame, frame: pl.DataFrame, spec: TableSpec, origin: Origin, severity: str
) -> tuple[list[Problem], list[pl.Series]]:
    """pandera's failure cases as report problems (per column and check, listed up to the usual
    limit; grouped in Polars), and the spreadsheet rows they fail."""
    rows = frame.select(ROW).with_row_index("index").with_columns(pl.col("index").cast(pl.Int64))
    cases = cases.with_columns(
        pl.when(pl.col("schema_context") == "DataFrameSchema")
        .then(None)
        .otherwise(pl.col("column"))
        .alias("column"),
        pl.col("index").cast(pl.Int64),
    ).join(rows, on="index", how="left", maintain_order="left")
    problems: list[Problem] = []
    bad: list[pl.Series] = []
    where = {"severity": severity, "table": spec.name, "file": origin.file, "sheet": origin.sheet}
    for (column, check), group in cases.group_by("column", "check", maintain_order=True):
        what, wanted = describe_check(str(check))
        kind = {"what": what, "wanted": wanted, "check": check, **where}
        found = group.filter(pl.col(ROW).is_not_null())
        if column is None and found.height:  # a rule on whole rows: show the rows, not JSON
            failed = frame.filter(pl.col(ROW).is_in(found[ROW].implode()))
            problems += _whole_rows(failed, spec.key, column=None, **kind)
            found = found.clear()
        listed = pl.concat([found, group.filter(pl.col(ROW).is_null())])
        if listed.height:
            rows_values = listed.select(pl.col(ROW).alias("row"), pl.col("failure_case"))
            problems += row_problems(rows_values, column=column, **kind)
        bad.append(group[ROW].drop_nulls())
    return problems, bad


def _split_schema(
    schema: pa.DataFrameSchema,
) -> tuple[pa.DataFrameSchema, pa.DataFrameSchema, list]:
    """The model's schema for pandera as two: its error checks, and its warning checks run as
    failures so that every warning comes back with its row (pandera itself only prints examples of
    warnings); and the checks on whole rows. Keys and whole-row checks are left to Polars
    (`_duplicates`, `_row_rules`)."""
    errors = copy.deepcopy(schema)
    warn = copy.deepcopy(schema)
    for col in errors.columns.values():
        col.checks = [c for c in col.checks if not c.raise_warning]
        col.unique = False
    errors.checks = []
    errors.unique = None
    for col in warn.columns.values():
        col.checks = [copy.copy(c) for c in col.checks if c.raise_warning]
        for c in col.checks:
            c.raise_warning = False
        col.nullable, col.unique = True, False
    warn.checks = []
    warn.unique = None
    return errors, warn, list(schema.checks)


_SPLIT: dict[str, tuple[pa.DataFrameSchema, pa.DataFrameSchema, list, pa.DataFrameSchema]] = {}


def validate_table(
    frame: pl.DataFrame, spec: TableSpec, origin: Origin
) -> tuple[pl.DataFrame, list[Problem]]:
    """Validate one typed table; return its valid rows and every problem (errors and warnings).

    Keys and rules on whole rows are checked in Polars, the columns by pandera; problems are
    grouped by rule in Polars and only the listed ones (`MAX_DETAILED` of a kind) are formatted,
    so a report costs the same for a thousand bad rows as for millions."""
    if spec.name not in _SPLIT:
        schema = spec.schema
        _SPLIT[spec.name] = (*_split_schema(schema), schema)
    error_schema, warning_schema, row_rules, schema = _SPLIT[spec.name]
    problems, bad = _duplicates(frame, schema, spec, origin)
    for pandera_schema, severity in ((error_schema, "error"), (warning_schema, "warning")):
        if severity == "warning":  # in pandera's order: the whole rows after the columns
            found, bad_rules = _row_rules(frame, row_rules, spec, origin)
            problems += found
            bad += bad_rules
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                pandera_schema.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as exc:
            found, bad_cells = _failures_to_problems(
                exc.failure_cases, frame, spec, origin, severity
            )
            problems.extend(found)
            if severity == "error":
                bad += bad_cells
    if bad:
        rows = pl.concat([b.cast(pl.Int64) for b in bad]).unique()
        frame = frame.filter(~pl.col(ROW).is_in(rows.implode()))
    return frame, problems

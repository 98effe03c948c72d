"""Validation: each table against its pandera model (every problem collected at once, `lazy=True`),
then the rules between tables (references, cancelled waves, metric domains and scales).

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
from metrics.quality.report import Problem, row_problems, shorten
from metrics.schema import ORG_NR_PATTERN, ROW, RULE_MESSAGES, SLUG_PATTERN, TableSpec
from metrics.text.i18n import Msg, msg
from metrics.text.names import slug

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


def _failures_to_problems(
    cases: pl.DataFrame, frame: pl.DataFrame, spec: TableSpec, origin: Origin, severity: str
) -> tuple[list[Problem], set[int]]:
    """pandera's failure cases as report problems (per column and check, listed up to the usual
    limit), and the spreadsheet rows they fail."""
    rows = frame[ROW]
    kinds: dict[tuple[str | None, str], list[tuple[int | None, str | None]]] = {}
    for case in cases.iter_rows(named=True):
        is_frame_check = case["schema_context"] == "DataFrameSchema"
        column = None if is_frame_check else case["column"]
        if case["check"] == "multiple_fields_uniqueness":
            column = ", ".join(spec.schema.unique or ())
        index = case["index"]
        row = int(rows[index]) if index is not None and index < len(rows) else None
        value = failure_value(case["failure_case"], column, spec.key)
        kinds.setdefault((column, case["check"]), []).append((row, value))
    problems: list[Problem] = []
    for (column, check), found in kinds.items():
        what, wanted = describe_check(check)
        listed = pl.DataFrame(found, schema={"row": pl.Int64, "value": pl.String}, orient="row")
        problems += row_problems(
            listed,
            severity=severity,
            what=what,
            wanted=wanted,
            check=check,
            table=spec.name,
            file=origin.file,
            sheet=origin.sheet,
            column=column,
        )
    bad_rows = {row for found in kinds.values() for row, _ in found if row is not None}
    return problems, bad_rows


def _split_schema(schema: pa.DataFrameSchema) -> tuple[pa.DataFrameSchema, pa.DataFrameSchema]:
    """The model's schema as two: its error checks, and its warning checks run as failures so that
    every warning comes back with its row (pandera itself only prints examples of warnings)."""
    errors = copy.deepcopy(schema)
    warn = copy.deepcopy(schema)
    for col in errors.columns.values():
        col.checks = [c for c in col.checks if not c.raise_warning]
    errors.checks = [c for c in errors.checks if not c.raise_warning]
    for col in warn.columns.values():
        col.checks = [copy.copy(c) for c in col.checks if c.raise_warning]
        for c in col.checks:
            c.raise_warning = False
        col.nullable, col.unique = True, False
    warn.checks = [copy.copy(c) for c in warn.checks if c.raise_warning]
    for c in warn.checks:
        c.raise_warning = False
    warn.unique = None
    return errors, warn


_SPLIT: dict[str, tuple[pa.DataFrameSchema, pa.DataFrameSchema]] = {}


def validate_table(
    frame: pl.DataFrame, spec: TableSpec, origin: Origin
) -> tuple[pl.DataFrame, list[Problem]]:
    """Validate one typed table; return its valid rows and every problem (errors and warnings)."""
    if spec.name not in _SPLIT:
        _SPLIT[spec.name] = _split_schema(spec.schema)
    error_schema, warning_schema = _SPLIT[spec.name]
    problems: list[Problem] = []
    bad_rows: set[int] = set()
    for schema, severity in ((error_schema, "error"), (warning_schema, "warning")):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                schema.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as exc:
            found, bad = _failures_to_problems(exc.failure_cases, frame, spec, origin, severity)
            problems.extend(found)
            if severity == "error":
                bad_rows |= bad
    if bad_rows:
        frame = frame.filter(~pl.col(ROW).is_in(list(bad_rows)))
    return frame, problems


def _row_problems(
    rows: pl.DataFrame,
    table: str,
    origin: Origin,
    column: str,
    severity: str,
    what: Msg,
    wanted: Msg,
    check: str,
) -> list[Problem]:
    """A problem per offending row of a cross-table rule, the value taken from `column`."""
    return row_problems(
        rows.select(ROW, column),
        severity=severity,
        what=what,
        wanted=wanted,
        check=check,
        table=table,
        file=origin.file,
        sheet=origin.sheet,
        column=column,
    )


NAME_COLUMNS = {"companies": ("name",), "industries": ("name_sv", "name_en"), "metrics": ()}


UNKNOWN = {
    "companies": "problem.unknown_company",
    "industries": "problem.unknown_industry",
    "metrics": "problem.unknown_metric",
}


def unknown_reference(parent: str, key: str) -> tuple[Msg, Msg]:
    """What is wrong with a reference to `parent` that is not there, and what was expected."""
    return msg(UNKNOWN[parent]), msg("expected.reference", key=key, table=parent)


def resolve_ids(
    values: pl.Series, parent_frame: pl.DataFrame, parent: str, key: str
) -> tuple[dict[str, str], list[str]]:
    """For the distinct values of a reference column: those that are not ids but the name of one
    (any case, å/a alike) mapped to the id, and those that are neither."""
    ids = parent_frame[key].drop_nulls().unique()
    distinct = values.drop_nulls().unique()
    unknown = distinct.filter(~distinct.is_in(ids.implode()))
    if unknown.is_empty():
        return {}, []
    lookup = {slug(v): v for v in ids}
    for name_col in NAME_COLUMNS.get(parent, ()):
        if name_col in parent_frame.columns:
            for pid, name in parent_frame.select(key, name_col).drop_nulls().iter_rows():
                lookup.setdefault(slug(name), pid)
    mapping = {v: lookup[slug(v)] for v in unknown if slug(v) in lookup}
    return mapping, [v for v in unknown if v not in mapping]


def resolve_references(
    tables: dict[str, pl.DataFrame], origins: dict[str, Origin]
) -> list[Problem]:
    """Check every reference between tables (see `schema.REFERENCES`), in place.

    A value that is not a known id but is the name of one (any case, å/a alike) is replaced by that
    id, so a scores sheet may say 'Telia-like AB' instead of its id. Rows whose reference is still
    unknown are reported and removed.
    """
    from metrics.schema import REFERENCES

    problems: list[Problem] = []
    for child, column, parent, key in REFERENCES:
        if child not in tables or parent not in tables or column not in tables[child].columns:
            continue
        frame = tables[child]
        mapping, still_unknown = resolve_ids(frame[column], tables[parent], parent, key)
        if mapping:
            frame = frame.with_columns(pl.col(column).replace(mapping))
        # only the distinct unknown values are looked for row by row (a clean table is not rescanned)
        if still_unknown:
            missing = frame.filter(pl.col(column).is_in(still_unknown))
            problems.extend(
                _row_problems(
                    missing,
                    child,
                    origins.get(child, Origin(None)),
                    column,
                    "error",
                    *unknown_reference(parent, key),
                    "reference",
                )
            )
            frame = frame.filter(~pl.col(ROW).is_in(missing[ROW].implode()))
        tables[child] = frame
    return problems


def cancelled_words() -> tuple[Msg, Msg]:
    return msg("problem.cancelled_wave"), msg("expected.published_wave")


def domain_words(domain: str) -> tuple[Msg, Msg]:
    """The problem and the expectation when a metric of another domain is used."""
    return msg("problem.wrong_domain", domain=domain), msg("expected.domain_metric", domain=domain)


def check_metrics(
    tables: dict[str, pl.DataFrame], catalogue: pl.DataFrame, origins: dict[str, Origin]
) -> list[Problem]:
    """Each value's metric must be of the table's domain, and the value within the metric's scale."""
    problems: list[Problem] = []
    for table, domain, value_col in (
        ("service_scores", "service", "value"),
        ("employer", "employer", "value"),
        ("responses", "service", None),
    ):
        if table not in tables:
            continue
        origin = origins.get(table, Origin(None))
        # the domain check looks at the few distinct metric ids, not at every row (responses can be
        # 100M rows); unknown ids are reported by the reference check
        domains = dict(catalogue.select("metric_id", "domain").iter_rows())
        present = tables[table]["metric_id"].unique().to_list()
        wrong_ids = [m for m in present if m in domains and domains[m] != domain]
        wrong = tables[table].filter(pl.col("metric_id").is_in(wrong_ids))
        problems.extend(
            _row_problems(
                wrong,
                table,
                origin,
                "metric_id",
                "error",
                *domain_words(domain),
                "metric_domain",
            )
        )
        bad = wrong[ROW]
        if value_col:
            frame = tables[table].join(
                catalogue.select("metric_id", "domain", "scale_min", "scale_max"),
                on="metric_id",
                how="left",
            )
            v, lo, hi = pl.col(value_col), pl.col("scale_min"), pl.col("scale_max")
            out = frame.filter((pl.col("domain") == domain) & ((v < lo) | (v > hi)))
            for (lo_v, hi_v), group in out.group_by("scale_min", "scale_max"):
                low = f"{lo_v:g}" if lo_v is not None else None
                high = f"{hi_v:g}" if hi_v is not None else None
                if low is not None and high is not None:
                    scale = msg("expected.scale_between", low=low, high=high)
                elif low is not None:
                    scale = msg("expected.scale_at_least", low=low)
                else:
                    scale = msg("expected.scale_at_most", high=high)
                problems.extend(
                    _row_problems(
                        group.sort(ROW),
                        table,
                        origin,
                        value_col,
                        "error",
                        msg("problem.outside_scale"),
                        scale,
                        "metric_scale",
                    )
                )
            bad = pl.concat([bad, out[ROW]])
        if bad.len():
            tables[table] = tables[table].filter(~pl.col(ROW).is_in(bad.implode()))
    return problems


def check_waves(
    tables: dict[str, pl.DataFrame], waves: pl.DataFrame, origins: dict[str, Origin]
) -> list[Problem]:
    """No scores or responses in a cancelled wave."""
    cancelled = waves.filter(pl.col("status") == "cancelled")["year"]
    problems: list[Problem] = []
    for table in ("service_scores", "responses"):
        if table not in tables or cancelled.is_empty():
            continue
        frame = tables[table]
        hit = frame.filter(pl.col("year").is_in(cancelled.implode()))
        if hit.height:
            problems.extend(
                _row_problems(
                    hit,
                    table,
                    origins.get(table, Origin(None)),
                    "year",
                    "error",
                    *cancelled_words(),
                    "cancelled_wave",
                )
            )
            tables[table] = frame.filter(~pl.col("year").is_in(cancelled.implode()))
    return problems


def companies_without_industry(companies: pl.DataFrame, origin: Origin) -> list[Problem]:
    lonely = companies.filter(pl.col("industry_id").is_null())
    return _row_problems(
        lonely,
        "companies",
        origin,
        "industry_id",
        "warning",
        msg("problem.no_industry"),
        msg("expected.industry_id"),
        "no_industry",
    )

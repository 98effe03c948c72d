"""The responses table's row checks, taken from its pandera model, each as a Polars expression and as
standard SQL (true where a row passes), so that a streamed file and a database judge the same rows
as pandera would."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from metrics.schema import DEFAULTS, ROW_RULES, TABLES

SPEC = TABLES["responses"]


FAIL = "__fail__"


class NotStreamable(Exception):
    """The file needs the full path: its cells need the full parser, or it is not plain."""


def sql_literal(value: object) -> str:
    """A number or text as a standard SQL literal."""
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise NotStreamable(f"no SQL literal for {value!r}")
    return repr(value)


def passes(check, column: str) -> tuple[pl.Expr, str]:
    """A pandera built-in check as a Polars expression and as standard SQL, true where the value
    passes (as in pandera, missing values pass: whether they may be missing is the column's own
    check)."""
    c, stats, q = pl.col(column), check.statistics, f'"{column}"'
    lo, hi = (sql_literal(stats[k]) if k in stats else None for k in ("min_value", "max_value"))
    tests: dict[str, Callable[[], tuple[pl.Expr, str]]] = {
        "greater_than_or_equal_to": lambda: (c >= stats["min_value"], f"{q} >= {lo}"),
        "greater_than": lambda: (c > stats["min_value"], f"{q} > {lo}"),
        "less_than_or_equal_to": lambda: (c <= stats["max_value"], f"{q} <= {hi}"),
        "less_than": lambda: (c < stats["max_value"], f"{q} < {hi}"),
        "in_range": lambda: (
            c.is_between(stats["min_value"], stats["max_value"]),
            f"{q} BETWEEN {lo} AND {hi}",
        ),
        "isin": lambda: (
            c.is_in(list(stats["allowed_values"])),
            f"{q} IN ({', '.join(sql_literal(v) for v in stats['allowed_values'])})",
        ),
    }
    if check.name not in tests:
        raise NotStreamable(f"no expression for the check {check.name}")
    expr, sql = tests[check.name]()
    return expr | c.is_null(), f"({sql} OR {q} IS NULL)"


@dataclass(frozen=True)
class RowCheck:
    column: str | None
    check: str
    passes: pl.Expr
    sql: str
    """The same test in standard SQL, for a database to run (true where the row passes)."""


def row_checks() -> list[RowCheck]:
    """Every row-level check of the responses model, in the order pandera reports them."""
    found: list[RowCheck] = []
    for name, col in SPEC.schema.columns.items():
        if name == "respondent_id" or ("responses", name) in DEFAULTS:
            continue  # filled in where missing (row number, default metric): never wrong
        if not col.nullable:
            found.append(
                RowCheck(name, "not_nullable", pl.col(name).is_not_null(), f'"{name}" IS NOT NULL')
            )
        found += [RowCheck(name, c.error or c.name, *passes(c, name)) for c in col.checks]
    for check in SPEC.schema.checks:
        if check.name not in ROW_RULES:
            raise NotStreamable(f"no expression for the check {check.name}")
        expr, sql = ROW_RULES[check.name]
        found.append(RowCheck(None, check.error or check.name, expr, sql))
    return found


def check_bits(checks: list[RowCheck], which) -> pl.Expr:
    """A bitmask of the checks (of those in `which`) that fail: bit i for check i."""
    return pl.sum_horizontal(
        pl.lit(0, pl.UInt64),
        *[(~checks[i].passes).cast(pl.UInt64) * (1 << i) for i in which],
    )

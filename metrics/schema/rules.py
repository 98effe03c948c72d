"""The data model's shared pieces: the row-number column, id patterns, enumerations, and the row
rules with their words (by message key) and their SQL form."""

from __future__ import annotations

import polars as pl

ROW = "_row"
"""Column carrying each row's spreadsheet row number through loading and validation."""
SLUG_PATTERN = r"^[a-z0-9]+(?:[_-][a-z0-9]+)*$"
ORG_NR_PATTERN = r"^\d{6}-\d{4}$"
LOW_BASE_N = 50
"""Below this many respondents a score is a *low base*: shown, but flagged as a warning."""
DONT_KNOW_CODES = (98, 99)
"""Rating codes meaning don't know / refused: read as missing, not as errors."""

OWNERSHIP = ("listed", "private", "state_owned", "public_authority", "cooperative")
WAVE_STATUS = ("published", "cancelled")
DOMAINS = ("service", "commercial", "employer")
UNITS = ("index", "net_score", "pct", "rank", "stars", "msek", "count")


RULE_MESSAGES: dict[str, tuple[str, str, dict[str, object]]] = {}
"""A row rule's name (the check's error) -> its words by message key: (what is wrong, what was
expected, parameters of the expectation). The validation report renders them from the catalogue."""


ROW_RULES: dict[str, tuple[pl.Expr, str]] = {
    "rating_on_scale": (
        (pl.col("rating") <= pl.col("scale_points")) | pl.col("rating").is_null(),
        '("rating" <= "scale_points" OR "rating" IS NULL)',
    ),
}
"""Row rules (true where a row is fine) by the name of the model's check, as a Polars expression (for
the pandera model and the streaming validation of large responses files) and in standard SQL (for a
database to validate its own rows; tests check that both judge the same rows)."""


def rule(name: str, expected: str | None = None, **params: object) -> str:
    """Declare a row rule: its name, and its words `problem.<name>` and `expected.<name>` (or
    `expected.<expected>` with `params`) in the message catalogue. Returns the name."""
    RULE_MESSAGES[name] = (f"problem.{name}", f"expected.{expected or name}", params)
    return name


def _meta(*aliases: str, unit: str | None = None) -> dict:
    """Field metadata: the headers people actually use (Swedish and English) and the unit."""
    return {"aliases": list(aliases), "unit": unit}

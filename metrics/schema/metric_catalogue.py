"""The default metrics catalogue (`default_metrics.toml`, data beside this module) and the
ServiceScore families read from it: the business moments and the service dimensions."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from metrics.schema.tables import TABLES

CATALOGUE = Path(__file__).with_name("default_metrics.toml")
COLUMNS = ("metric_id", "domain", "label_sv", "label_en", "unit", "scale_min", "scale_max")


def _read() -> list[dict]:
    with CATALOGUE.open("rb") as file:
        rows = tomllib.load(file)["metric"]
    columns = list(TABLES["metrics"].dtypes())
    return [{c: row.get(c) for c in columns} | {"group": row.get("group")} for row in rows]


_ROWS = _read()

DEFAULT_METRICS: tuple[dict, ...] = tuple(
    {k: v for k, v in row.items() if k != "group"} for row in _ROWS
)
"""The default metrics catalogue; a dataset's own `metrics` table adds or overrides rows."""


def _family(group: str, prefix: str) -> tuple[tuple[str, str, str], ...]:
    return tuple(
        (row["metric_id"].removeprefix(prefix), row["label_sv"], row["label_en"])
        for row in _ROWS
        if row["group"] == group
    )


METRIC_GROUPS = {row["metric_id"]: row["group"] for row in _ROWS if row["group"]}
"""The default catalogue's families of service metrics: metric id -> "moment" or "dimension"."""
BUSINESS_MOMENTS = _family("moment", "moment_")
"""ServiceScore's nine business moments (affärsögonblick), in the customer's order: (key, sv, en)."""
SERVICE_DIMENSIONS = _family("dimension", "dim_")
"""Service dimensions seen in ServiceScore's tracking products: (key, sv, en)."""

GROWTH = "revenue_growth_pct"
"""The derived metric of revenue growth (consecutive fiscal years only)."""
EBIT_MARGIN, NET_MARGIN, RETURN_ON_ASSETS = "ebit_margin_pct", "net_margin_pct", "roa_pct"
REVENUE = "revenue_msek"
"""Revenue as a metric (the commercial table's column of that name): size, not performance."""
COMMERCIAL_DERIVED = (EBIT_MARGIN, GROWTH, NET_MARGIN, RETURN_ON_ASSETS)
"""Commercial metrics computed from the `commercial` table, never read from it (the catalogue
gives their labels; the order is the default order of the commercial pages)."""


@dataclass(frozen=True)
class Headline:
    """The metrics the key findings, the Overview and the board pack lead with. Every analytics
    function takes metric ids as parameters; this is only the default choice of the catalogue."""

    service: str | None = "servicescore"
    margin: str | None = "ebit_margin_pct"
    growth: str | None = "revenue_growth_pct"
    employer: tuple[str, ...] = ("enps", "staff_turnover_pct")
    after_change: tuple[str, ...] = ("ebit_margin_pct", "revenue_growth_pct", "enps")
    """Outcomes of the within-company question: does it rise the year after service rises?"""


HEADLINE = Headline()
"""The default catalogue's choice; a dataset's own comes from `metrics.analytics.roles`."""


def default_metrics() -> pl.DataFrame:
    """The default metrics catalogue as a frame typed like the `metrics` table."""
    return pl.DataFrame(list(DEFAULT_METRICS), schema=TABLES["metrics"].dtypes())

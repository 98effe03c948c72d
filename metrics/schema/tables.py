"""Every table of the data model with its key, whether a dataset must have it, the file and sheet
names accepted for it, the references between tables and the defaults filled in."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from metrics._pandera import pa
from metrics.schema.observations import Commercial, Employer, Responses, ServiceScores
from metrics.schema.reference import Companies, Industries, Metrics, Waves


@dataclass(frozen=True)
class TableSpec:
    """A table of the data model: its pandera model, key and whether a dataset must have it."""

    name: str
    model: type[pa.DataFrameModel]
    key: tuple[str, ...]
    required: bool
    label_sv: str

    @property
    def schema(self) -> pa.DataFrameSchema:
        return self.model.to_schema()

    @property
    def description(self) -> str:
        return (self.model.__doc__ or "").strip()

    @property
    def columns(self) -> dict[str, pa.Column]:
        return dict(self.schema.columns)

    def dtypes(self) -> dict[str, pl.DataType]:
        """Polars dtype of every column, as declared by the model."""
        return {name: col.dtype.type for name, col in self.columns.items()}

    def aliases(self, column: str) -> list[str]:
        return list((self.columns[column].metadata or {}).get("aliases", []))


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec("industries", Industries, ("industry_id",), False, "branscher"),
        TableSpec("companies", Companies, ("company_id",), True, "företag"),
        TableSpec("waves", Waves, ("year",), False, "mätomgångar"),
        TableSpec("metrics", Metrics, ("metric_id",), False, "mått"),
        TableSpec(
            "service_scores",
            ServiceScores,
            ("company_id", "year", "metric_id"),
            False,
            "servicebetyg",
        ),
        TableSpec("responses", Responses, (), False, "svar"),
        TableSpec("commercial", Commercial, ("company_id", "fiscal_year"), False, "ekonomi"),
        TableSpec("employer", Employer, ("company_id", "year", "metric_id"), False, "arbetsgivare"),
    )
}
"""Every table of the data model, in dependency order (parents before children)."""

TABLE_ALIASES: dict[str, tuple[str, ...]] = {
    "industries": ("branscher", "bransch"),
    "companies": ("företag", "foretag"),
    "waves": ("mätomgångar", "år", "omgångar"),
    "metrics": ("mått", "matt"),
    "service_scores": ("servicebetyg", "scores", "betyg", "resultat"),
    "responses": ("svar", "respondenter"),
    "commercial": ("ekonomi", "nyckeltal", "finans"),
    "employer": ("arbetsgivare", "medarbetare"),
}
"""File or sheet names (without extension) accepted for each table, besides its canonical name."""

REFERENCES: tuple[tuple[str, str, str, str], ...] = (
    # (child table, child column, parent table, parent key)
    ("companies", "industry_id", "industries", "industry_id"),
    ("service_scores", "company_id", "companies", "company_id"),
    ("responses", "company_id", "companies", "company_id"),
    ("commercial", "company_id", "companies", "company_id"),
    ("employer", "company_id", "companies", "company_id"),
    ("service_scores", "metric_id", "metrics", "metric_id"),
    ("responses", "metric_id", "metrics", "metric_id"),
    ("employer", "metric_id", "metrics", "metric_id"),
)
"""Cross-table references checked after each table validates on its own."""

DEFAULTS: dict[tuple[str, str], object] = {
    ("companies", "ownership"): "private",
    ("companies", "is_monopoly"): False,
    ("service_scores", "metric_id"): "servicescore",
    ("responses", "metric_id"): "servicescore",
}
"""Values filled in where an optional column is absent or empty."""

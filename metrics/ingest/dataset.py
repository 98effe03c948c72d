"""A loaded benchmark: its valid tables, the validation report, and where each table came from."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from metrics.aggregate import RATING_COUNTS
from metrics.ingest.responses import Responses
from metrics.quality.report import ValidationReport
from metrics.quality.validate import Origin
from metrics.schema import TABLES, About


@dataclass
class Dataset:
    """A loaded benchmark: its valid tables (typed as the schema says) and the validation report."""

    name: str
    tables: dict[str, pl.DataFrame] = field(default_factory=dict)
    report: ValidationReport = field(default_factory=ValidationReport)
    rows_read: dict[str, int] = field(default_factory=dict)
    origins: dict[str, Origin] = field(default_factory=dict)
    derived_companies: bool = False
    responses: Responses | None = None
    """The responses while loading; gone once they are counted and aggregated."""
    responses_used: int = 0
    responses_streamed: bool = False
    """True when the responses file was streamed rather than read whole."""
    keep_rows: bool = False
    """Keep `response_rows` and `given_scores` (for writing the dataset elsewhere)."""
    response_rows: pl.LazyFrame | None = None
    """The valid respondent rows, lazily (a streamed file is read again when collected)."""
    given_scores: pl.DataFrame | None = None
    """The service scores the dataset gave, before those computed from responses were added."""
    about: About = field(default_factory=About)
    """What the dataset says about itself (its column map's or dataset.toml's [dataset])."""
    match_by_name: set[str] = field(default_factory=set)
    """Tables whose company_id holds company names, to be matched by name (a column map's match)."""
    unmatched_rows: dict[str, int] = field(default_factory=dict)
    """Rows of those tables left out because their name matched no company."""

    @property
    def usable(self) -> bool:
        """True when there is enough to show anything: companies with service scores."""
        return (
            self.tables.get("companies") is not None
            and self.tables.get("service_scores") is not None
            and self.tables["service_scores"].height > 0
        )

    def summary(self) -> pl.DataFrame:
        """One row per table of the data model: where it came from, rows read and rows in use."""
        rows = []
        for name, spec in TABLES.items():
            origin = self.origins.get(name)
            frame = self.tables.get(name)
            used = frame.height if frame is not None else None
            if name == "responses" and RATING_COUNTS in self.tables:
                used = self.responses_used  # the rows are not kept
            source = origin.file if origin else None
            if origin and origin.sheet:
                source = f"{origin.file} / {origin.sheet}"
            if source is None and frame is not None:
                source = "built in" if name == "metrics" else "derived"
            rows.append(
                {
                    "table": name,
                    "source": source,
                    "rows_read": self.rows_read.get(name),
                    "rows_used": used,
                    "columns": frame.width if frame is not None else None,
                    "description": spec.description,
                }
            )
        return pl.DataFrame(rows)

    def facts(self) -> dict[str, int]:
        """Headline counts for the data page."""
        scores = self.tables.get("service_scores")
        waves = self.tables.get("waves")
        return {
            "companies": self.tables["companies"].height if "companies" in self.tables else 0,
            "industries": self.tables["industries"].height if "industries" in self.tables else 0,
            "published waves": (
                waves.filter(pl.col("status") == "published").height if waves is not None else 0
            ),
            "scores": scores.height if scores is not None else 0,
            "responses": self.responses_used,
        }

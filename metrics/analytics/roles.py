"""Which metric plays which part, for any benchmark: the service metric the pages lead with, its
components (business moments, dimensions, survey items), the commercial outcomes and the employer
metrics — read from the dataset's metrics catalogue, never from fixed ids.

A domain's headline is the metric its catalogue marks `headline` that has data; else the first of
that domain (in catalogue order) that has data; else none, and the pages say why.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from metrics.schema import GROWTH, Headline

DOMAINS = ("service", "commercial", "employer")


@dataclass(frozen=True)
class Metric:
    """A metric as the pages need it: id, labels, unit, scale and direction."""

    metric_id: str
    domain: str
    label_en: str
    label_sv: str
    unit: str
    higher_is_better: bool
    scale_min: float | None = None
    scale_max: float | None = None

    def label(self, lang: str) -> str:
        return self.label_sv if lang == "sv" else self.label_en

    @property
    def scale(self) -> tuple[float, float] | None:
        """(lowest, highest) the metric's catalogue declares; None where it declares none."""
        if self.scale_min is None or self.scale_max is None:
            return None
        return (self.scale_min, self.scale_max)


@dataclass(frozen=True)
class Roles:
    """The metrics of one dataset by the part they play (ids; None where the dataset has none)."""

    service: str | None
    components: tuple[str, ...]
    """The other service metrics with data: moments, dimensions, items."""
    commercial: tuple[str, ...]
    """Commercial metrics with data, the headline first (e.g. a margin, then growth)."""
    employer: tuple[str, ...]
    """Employer metrics with data, the headline first."""
    metrics: dict[str, Metric]

    @property
    def outcome(self) -> str | None:
        """The commercial headline: what service is set against first."""
        return self.commercial[0] if self.commercial else None

    @property
    def growth(self) -> str | None:
        """A commercial metric of growth, if the dataset has one (revenue growth by default)."""
        return GROWTH if GROWTH in self.commercial else None

    @property
    def employer_headline(self) -> str | None:
        return self.employer[0] if self.employer else None

    def headline(self, service: str | None = None) -> Headline:
        """The metrics the findings, the Overview and the pack lead with, for this dataset: the
        service metric chosen (else the dataset's headline), its commercial headline and growth,
        its first two employer metrics, and the outcomes asked after a change in service."""
        after = tuple(m for m in (self.outcome, self.growth, self.employer_headline) if m)
        return Headline(
            service=service or self.service,
            margin=self.outcome if self.outcome != self.growth else None,
            growth=self.growth,
            employer=self.employer[:2],
            after_change=tuple(dict.fromkeys(after)),
        )

    def label(self, metric_id: str | None, lang: str) -> str:
        if metric_id is None:
            return ""
        found = self.metrics.get(metric_id)
        return found.label(lang) if found else metric_id


def _ordered(catalogue: pl.DataFrame, domain: str, present: set[str]) -> list[str]:
    rows = catalogue.filter(pl.col("domain") == domain)
    headline = rows.filter(pl.col("headline").fill_null(False))["metric_id"].to_list()
    rest = rows["metric_id"].to_list()
    return [m for m in dict.fromkeys(headline + rest) if m in present]


def roles(catalogue: pl.DataFrame, values: pl.DataFrame) -> Roles:
    """The metrics of a dataset by role. `values`: long rows (company_id, year, metric_id, value)
    of every metric with data (see `relations.metric_values`)."""
    present = set(values["metric_id"].unique().to_list()) if values.height else set()
    service = _ordered(catalogue, "service", present)
    metrics = {
        row["metric_id"]: Metric(
            row["metric_id"],
            row["domain"],
            row["label_en"] or row["metric_id"],
            row["label_sv"] or row["label_en"] or row["metric_id"],
            row["unit"],
            bool(row["higher_is_better"]) if row["higher_is_better"] is not None else True,
            row["scale_min"],
            row["scale_max"],
        )
        for row in catalogue.iter_rows(named=True)
    }
    return Roles(
        service=service[0] if service else None,
        components=tuple(service[1:]),
        commercial=tuple(_ordered(catalogue, "commercial", present)),
        employer=tuple(_ordered(catalogue, "employer", present)),
        metrics=metrics,
    )

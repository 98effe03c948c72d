"""The reference tables of a benchmark: industries, companies, waves and the metrics catalogue."""

from __future__ import annotations

import datetime as dt

import polars as pl

from metrics._pandera import pa
from metrics.schema.rules import (
    DOMAINS,
    ORG_NR_PATTERN,
    OWNERSHIP,
    SLUG_PATTERN,
    UNITS,
    WAVE_STATUS,
    _meta,
    rule,
)


class Industries(pa.DataFrameModel):
    """Industries (branscher) the companies are grouped into."""

    industry_id: str = pa.Field(
        str_matches=SLUG_PATTERN,
        unique=True,
        title="Industry id",
        description="Key: a lowercase slug, e.g. `telekom`.",
        metadata=_meta("bransch_id", "branschid", "industry"),
    )
    name_sv: str = pa.Field(
        title="Name (Swedish)",
        description="The industry's Swedish name, e.g. `Telekom`.",
        metadata=_meta("bransch", "branschnamn", "namn", "namn_sv", "name"),
    )
    name_en: str | None = pa.Field(
        nullable=True,
        title="Name (English)",
        description="English name; falls back to the Swedish name.",
        metadata=_meta("namn_en", "engelskt_namn"),
    )
    sector: str | None = pa.Field(
        nullable=True,
        title="Sector",
        description="Optional grouping of industries, e.g. `finance`, `public`.",
        metadata=_meta("sektor"),
    )


class Companies(pa.DataFrameModel):
    """Companies and organisations measured (public authorities included)."""

    company_id: str = pa.Field(
        unique=True,
        title="Company id",
        description="Key used by every other table.",
        metadata=_meta("företag_id", "företagsid", "foretag_id", "id"),
    )
    name: str = pa.Field(
        unique=True,
        title="Name",
        description="Display name; unique. Replaced by a stable label when names are anonymised.",
        metadata=_meta("företag", "företagsnamn", "namn", "company", "company_name"),
    )
    industry_id: str | None = pa.Field(
        nullable=True,
        title="Industry",
        description="Must exist in `industries`. A company without one is a warning.",
        metadata=_meta("bransch", "bransch_id", "industry"),
    )
    ownership: str | None = pa.Field(
        nullable=True,
        isin=list(OWNERSHIP),
        title="Ownership",
        description="One of " + ", ".join(f"`{o}`" for o in OWNERSHIP) + "; default `private`.",
        metadata=_meta("ägande", "ägarform", "agarform"),
    )
    is_monopoly: bool | None = pa.Field(
        nullable=True,
        title="Monopoly",
        description="True for (state) monopolies. Monopolies and public authorities are left out of "
        "commercial analyses by default.",
        metadata=_meta("monopol"),
    )
    org_nr: str | None = pa.Field(
        nullable=True,
        str_matches=ORG_NR_PATTERN,
        title="Org. number",
        description="Swedish organisation number, `NNNNNN-NNNN`.",
        metadata=_meta("organisationsnummer", "orgnr", "org_nummer"),
    )


class Waves(pa.DataFrameModel):
    """Survey waves (years). A cancelled wave is a gap: never interpolated across."""

    year: int = pa.Field(
        ge=2000,
        le=2100,
        unique=True,
        title="Year",
        description="Key: the survey year (fieldwork in the autumn of that year).",
        metadata=_meta("år", "undersökningsår", "wave"),
    )
    status: str = pa.Field(
        isin=list(WAVE_STATUS),
        title="Status",
        description="`published` or `cancelled` (ServiceScore had no 2020 or 2021 measurement).",
        metadata=_meta("status"),
    )
    fieldwork_start: dt.date | None = pa.Field(
        nullable=True,
        title="Fieldwork start",
        description="First day of fieldwork.",
        metadata=_meta("fältstart", "fältarbete_start"),
    )
    fieldwork_end: dt.date | None = pa.Field(
        nullable=True,
        title="Fieldwork end",
        description="Last day of fieldwork; not before the start.",
        metadata=_meta("fältslut", "fältarbete_slut"),
    )
    respondents: int | None = pa.Field(
        nullable=True,
        gt=0,
        title="Respondents",
        description="Panel respondents in the wave.",
        metadata=_meta("antal_respondenter", "respondenter", unit="count"),
    )
    note: str | None = pa.Field(
        nullable=True,
        title="Note",
        description="Free text, e.g. why a wave was cancelled.",
        metadata=_meta("kommentar", "anmärkning", "notering"),
    )

    @pa.dataframe_check(error=rule("fieldwork_order"))
    def fieldwork_in_order(cls, data: pa.PolarsData) -> pl.LazyFrame:
        start, end = pl.col("fieldwork_start"), pl.col("fieldwork_end")
        return data.lazyframe.select((start <= end) | start.is_null() | end.is_null())


class Metrics(pa.DataFrameModel):
    """The metrics catalogue: what each metric means, its scale and direction."""

    metric_id: str = pa.Field(
        unique=True,
        str_matches=SLUG_PATTERN,
        title="Metric id",
        description="Key, e.g. `servicescore`, `moment_complaint`, `enps`.",
        metadata=_meta("mått_id", "mått", "matt"),
    )
    domain: str = pa.Field(
        isin=list(DOMAINS),
        title="Domain",
        description="`service`, `commercial` or `employer`.",
        metadata=_meta("domän", "doman"),
    )
    label_sv: str = pa.Field(
        title="Label (Swedish)", description="Swedish label.", metadata=_meta("etikett_sv")
    )
    label_en: str = pa.Field(
        title="Label (English)", description="English label.", metadata=_meta("etikett_en")
    )
    unit: str = pa.Field(
        isin=list(UNITS),
        title="Unit",
        description="One of " + ", ".join(f"`{u}`" for u in UNITS) + ".",
        metadata=_meta("enhet"),
    )
    scale_min: float | None = pa.Field(
        nullable=True,
        title="Scale minimum",
        description="Lowest valid value; values below fail validation.",
        metadata=_meta("skala_min"),
    )
    scale_max: float | None = pa.Field(
        nullable=True,
        title="Scale maximum",
        description="Highest valid value; values above fail validation.",
        metadata=_meta("skala_max"),
    )
    higher_is_better: bool = pa.Field(
        title="Higher is better",
        description="False for ranks and staff turnover.",
        metadata=_meta("högre_är_bättre"),
    )
    description: str | None = pa.Field(
        nullable=True,
        title="Description",
        description="Plain-language definition shown in the app.",
        metadata=_meta("beskrivning"),
    )
    headline: bool | None = pa.Field(
        nullable=True,
        title="Headline",
        description="True for the metric the pages lead with in its domain (service, commercial, "
        "employer); a dataset's own headline replaces the default one of that domain.",
        metadata=_meta("huvudmått", "rubrikmått"),
    )

    @pa.dataframe_check(error=rule("scale_order"))
    def scale_in_order(cls, data: pa.PolarsData) -> pl.LazyFrame:
        lo, hi = pl.col("scale_min"), pl.col("scale_max")
        return data.lazyframe.select((lo < hi) | lo.is_null() | hi.is_null())

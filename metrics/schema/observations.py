"""The observations of a benchmark: service scores, respondent-level responses, commercial figures
and employer metrics."""

from __future__ import annotations

import polars as pl

from metrics._pandera import pa
from metrics.schema.rules import DONT_KNOW_CODES, LOW_BASE_N, ROW_RULES, _meta, rule


class ServiceScores(pa.DataFrameModel):
    """Service scores per company, year and service metric (the ranking's raw material)."""

    company_id: str = pa.Field(
        title="Company",
        description="Must exist in `companies`.",
        metadata=_meta("företag", "företag_id", "company"),
    )
    year: int = pa.Field(
        ge=2000,
        le=2100,
        title="Year",
        description="Survey year; must not be a cancelled wave.",
        metadata=_meta("år", "undersökningsår"),
    )
    metric_id: str = pa.Field(
        title="Metric",
        description="A service-domain metric from the catalogue; default `servicescore`.",
        metadata=_meta("mått", "mått_id"),
    )
    value: float = pa.Field(
        title="Score",
        description="The score, within the metric's scale (0–100 for the default index).",
        metadata=_meta("värde", "varde", "poäng", "index", unit="index"),
    )
    n: int | None = pa.Field(
        nullable=True,
        ge=0,
        title="Respondents (n)",
        description=f"Respondents behind the score. Below {LOW_BASE_N} is a low-base warning; "
        "0 with a value is an error. A published ranking may have none: then no margins, ties or "
        "significance are shown, and the pages say why.",
        metadata=_meta("antal_svar", "antal", "svar", "bas", unit="count"),
    )
    sd: float | None = pa.Field(
        nullable=True,
        ge=0,
        title="Standard deviation",
        description="Respondent-level SD; the 95% margin of error is 1.96·sd/√n.",
        metadata=_meta("standardavvikelse", "std", "stdav"),
    )
    n_eff: float | None = pa.Field(
        nullable=True,
        ge=0,
        title="Effective respondents",
        description="Kish's effective number of respondents, (Σw)²/Σw², when the ratings are "
        "weighted; margins of error then use it instead of n. Empty: n is used.",
        metadata=_meta("effektivt_n", "effektiva_svar", "n_effective", unit="count"),
    )
    share_positive_pct: float | None = pa.Field(
        nullable=True,
        ge=0,
        le=100,
        title="Share positive (%)",
        description="Share in the top two boxes, 0–100.",
        metadata=_meta("andel_positiva", "andel_nöjda", unit="pct"),
    )
    share_negative_pct: float | None = pa.Field(
        nullable=True,
        ge=0,
        le=100,
        title="Share negative (%)",
        description="Share in the bottom two boxes, 0–100; positive + negative ≤ 100.",
        metadata=_meta("andel_negativa", "andel_missnöjda", unit="pct"),
    )

    class Config:
        unique = ["company_id", "year", "metric_id"]

    @pa.dataframe_check(error=rule("no_respondents", "respondents_for_score"))
    def value_needs_respondents(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(~((pl.col("n") == 0) & pl.col("value").is_not_null()))

    @pa.dataframe_check(error=rule("shares_over_100", "shares_at_most_100"))
    def shares_add_up(cls, data: pa.PolarsData) -> pl.LazyFrame:
        total = pl.col("share_positive_pct") + pl.col("share_negative_pct")
        return data.lazyframe.select((total <= 100.0001) | total.is_null())

    @pa.check(
        "n",
        name="low_base",
        raise_warning=True,
        error=rule("low_base", "at_least_respondents", n=LOW_BASE_N),
    )
    def not_low_base(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select((pl.col(data.key) >= LOW_BASE_N) | pl.col(data.key).is_null())


class Responses(pa.DataFrameModel):
    """Respondent-level ratings; aggregated into `service_scores` by the loader."""

    respondent_id: str = pa.Field(
        title="Respondent",
        description="Respondent identifier (text or number).",
        metadata=_meta("respondent", "respondent_nr", "id"),
    )
    year: int = pa.Field(
        ge=2000,
        le=2100,
        title="Year",
        description="Survey year.",
        metadata=_meta("år", "undersökningsår"),
    )
    company_id: str = pa.Field(
        title="Company",
        description="Must exist in `companies`.",
        metadata=_meta("företag", "företag_id", "company"),
    )
    metric_id: str = pa.Field(
        title="Metric",
        description="A service-domain metric; default `servicescore`.",
        metadata=_meta("mått", "mått_id"),
    )
    rating: int | None = pa.Field(
        nullable=True,
        ge=1,
        title="Rating",
        description="1..scale_points. Codes "
        + "/".join(str(c) for c in DONT_KNOW_CODES)
        + " mean don't know / refused and are read as missing.",
        metadata=_meta("betyg", "svar", "score"),
    )
    scale_points: int = pa.Field(
        ge=2,
        le=11,
        title="Scale points",
        description="Points on the rating scale, e.g. 5 or 10.",
        metadata=_meta("skalsteg", "skala"),
    )
    weight: float | None = pa.Field(
        nullable=True,
        gt=0,
        title="Weight",
        description="Optional survey weight, > 0.",
        metadata=_meta("vikt"),
    )

    @pa.dataframe_check(error=rule("rating_above_scale", "rating_on_scale"))
    def rating_on_scale(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(ROW_RULES["rating_on_scale"][0])


class Commercial(pa.DataFrameModel):
    """Commercial performance per company and fiscal year."""

    company_id: str = pa.Field(
        title="Company",
        description="Must exist in `companies`.",
        metadata=_meta("företag", "företag_id", "company"),
    )
    fiscal_year: int = pa.Field(
        ge=1900,
        le=2100,
        title="Fiscal year",
        description="Compared with survey year Y = fiscal year Y by default (lag 1 is an option).",
        metadata=_meta("räkenskapsår", "rakenskapsar", "år", "year"),
    )
    revenue_msek: float = pa.Field(
        ge=0,
        title="Revenue (MSEK)",
        description="Net revenue, million SEK.",
        metadata=_meta(
            "omsättning",
            "omsättning_msek",
            "intäkter",
            "nettoomsättning",
            "revenue",
            "revenues",
            "sales",
            "net_sales",
            "net_revenue",
            unit="msek",
        ),
    )
    ebit_msek: float | None = pa.Field(
        nullable=True,
        title="EBIT (MSEK)",
        description="Operating profit, million SEK.",
        metadata=_meta(
            "rörelseresultat",
            "ebit",
            "rorelseresultat",
            "operating_profit",
            "operating_income",
            unit="msek",
        ),
    )
    net_income_msek: float | None = pa.Field(
        nullable=True,
        title="Net income (millions)",
        description="Net profit after tax and financial items, millions of the dataset's currency.",
        metadata=_meta(
            "nettoresultat", "årets_resultat", "net_income", "net_profit", "profit", unit="msek"
        ),
    )
    employees: int | None = pa.Field(
        nullable=True,
        ge=0,
        title="Employees",
        description="Average number of employees.",
        metadata=_meta(
            "anställda",
            "antal_anställda",
            "medelantal_anställda",
            "employees",
            "headcount",
            unit="count",
        ),
    )
    total_assets_msek: float | None = pa.Field(
        nullable=True,
        gt=0,
        title="Total assets (MSEK)",
        description="Balance-sheet total, million SEK; for return on assets.",
        metadata=_meta(
            "balansomslutning", "totala_tillgångar", "total_assets", "assets", unit="msek"
        ),
    )
    market_cap_msek: float | None = pa.Field(
        nullable=True,
        gt=0,
        title="Market cap (MSEK)",
        description="Market capitalisation at year end, million SEK (listed companies).",
        metadata=_meta(
            "börsvärde", "borsvarde", "market_cap", "market_capitalisation", unit="msek"
        ),
    )

    class Config:
        unique = ["company_id", "fiscal_year"]


class Employer(pa.DataFrameModel):
    """Employer attractiveness per company, year and employer metric."""

    company_id: str = pa.Field(
        title="Company",
        description="Must exist in `companies`.",
        metadata=_meta("företag", "företag_id", "company"),
    )
    year: int = pa.Field(
        ge=2000,
        le=2100,
        title="Year",
        description="Year of the measurement.",
        metadata=_meta("år"),
    )
    metric_id: str = pa.Field(
        title="Metric",
        description="An employer-domain metric, e.g. `enps`, `employer_rank`.",
        metadata=_meta("mått", "mått_id"),
    )
    value: float = pa.Field(
        title="Value",
        description="Within the metric's scale (see the catalogue).",
        metadata=_meta("värde", "varde"),
    )
    n: int | None = pa.Field(
        nullable=True,
        ge=0,
        title="Respondents (n)",
        description="Respondents behind the value, when known.",
        metadata=_meta("antal_svar", "antal", unit="count"),
    )

    class Config:
        unique = ["company_id", "year", "metric_id"]

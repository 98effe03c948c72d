"""The Service Mirror data model: every table, column, type, range, key and description, written once.

This module is the single source of truth (see ``../shared/data-model.md``). The loader maps headers
with the aliases declared here, the typing step casts to the dtypes declared here, the validation runs
these pandera models, the data dictionary (``sample_data/README.md``) is rendered from them, and the
sample generator writes exactly these columns. Add a column here and every one of them follows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from metrics._pandera import pa

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


RULE_MESSAGES: dict[str, str] = {}
"""Row rules (what is expected) -> the problem in plain words, for the validation report."""


ROW_RULES: dict[str, tuple[pl.Expr, str]] = {
    "rating_on_scale": (
        (pl.col("rating") <= pl.col("scale_points")) | pl.col("rating").is_null(),
        '("rating" <= "scale_points" OR "rating" IS NULL)',
    ),
}
"""Row rules (true where a row is fine) by the name of the model's check, as a Polars expression (for
the pandera model and the streaming validation of large responses files) and in standard SQL (for a
database to validate its own rows; tests check that both judge the same rows)."""


def rule(expected: str, problem: str) -> str:
    """Declare a row rule's expectation and the words for breaking it; returns the expectation."""
    RULE_MESSAGES[expected] = problem
    return expected


def _meta(*aliases: str, unit: str | None = None) -> dict:
    """Field metadata: the headers people actually use (Swedish and English) and the unit."""
    return {"aliases": list(aliases), "unit": unit}


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

    @pa.dataframe_check(
        error=rule("fieldwork start on or before fieldwork end", "fieldwork ends before it starts")
    )
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

    @pa.dataframe_check(
        error=rule("scale minimum below scale maximum", "scale minimum not below the maximum")
    )
    def scale_in_order(cls, data: pa.PolarsData) -> pl.LazyFrame:
        lo, hi = pl.col("scale_min"), pl.col("scale_max")
        return data.lazyframe.select((lo < hi) | lo.is_null() | hi.is_null())


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
    n: int = pa.Field(
        ge=0,
        title="Respondents (n)",
        description=f"Respondents behind the score. Below {LOW_BASE_N} is a low-base warning; "
        "0 with a value is an error.",
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

    @pa.dataframe_check(error=rule("n > 0 when a score is given", "a score with no respondents"))
    def value_needs_respondents(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(~((pl.col("n") == 0) & pl.col("value").is_not_null()))

    @pa.dataframe_check(
        error=rule("share positive + share negative at most 100", "shares add up to over 100")
    )
    def shares_add_up(cls, data: pa.PolarsData) -> pl.LazyFrame:
        total = pl.col("share_positive_pct") + pl.col("share_negative_pct")
        return data.lazyframe.select((total <= 100.0001) | total.is_null())

    @pa.check(
        "n",
        name="low_base",
        raise_warning=True,
        error=rule(f"at least {LOW_BASE_N} respondents", "low base: few respondents, wide margin"),
    )
    def not_low_base(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col(data.key) >= LOW_BASE_N)


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

    @pa.dataframe_check(error=rule("a rating from 1 to scale_points", "rating above the scale"))
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
        metadata=_meta("omsättning", "omsättning_msek", "intäkter", "nettoomsättning", unit="msek"),
    )
    ebit_msek: float | None = pa.Field(
        nullable=True,
        title="EBIT (MSEK)",
        description="Operating profit, million SEK.",
        metadata=_meta("rörelseresultat", "ebit", "rorelseresultat", unit="msek"),
    )
    employees: int | None = pa.Field(
        nullable=True,
        ge=0,
        title="Employees",
        description="Average number of employees.",
        metadata=_meta("anställda", "antal_anställda", "medelantal_anställda", unit="count"),
    )
    total_assets_msek: float | None = pa.Field(
        nullable=True,
        gt=0,
        title="Total assets (MSEK)",
        description="Balance-sheet total, million SEK; for return on assets.",
        metadata=_meta("balansomslutning", "totala_tillgångar", unit="msek"),
    )
    market_cap_msek: float | None = pa.Field(
        nullable=True,
        gt=0,
        title="Market cap (MSEK)",
        description="Market capitalisation at year end, million SEK (listed companies).",
        metadata=_meta("börsvärde", "borsvarde", unit="msek"),
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


def _metric(
    metric_id: str,
    domain: str,
    label_sv: str,
    label_en: str,
    unit: str,
    scale: tuple[float | None, float | None],
    higher_is_better: bool,
    description: str,
) -> dict:
    return {
        "metric_id": metric_id,
        "domain": domain,
        "label_sv": label_sv,
        "label_en": label_en,
        "unit": unit,
        "scale_min": scale[0],
        "scale_max": scale[1],
        "higher_is_better": higher_is_better,
        "description": description,
    }


BUSINESS_MOMENTS: tuple[tuple[str, str, str], ...] = (
    ("first_contact", "Första kontakt", "First contact"),
    ("purchase", "Köp", "Purchase"),
    ("delivery", "Leverans", "Delivery"),
    ("getting_started", "Komma igång", "Getting started"),
    ("getting_more", "Få ut mer", "Getting more out of it"),
    ("questions", "Frågor", "Questions"),
    ("complaint", "Reklamation", "Complaint"),
    ("change", "Förändring", "Change"),
    ("farewell", "Avslut", "Farewell"),
)
"""ServiceScore's nine business moments (affärsögonblick), in the customer's order."""

SERVICE_DIMENSIONS: tuple[tuple[str, str, str], ...] = (
    ("treatment", "Bemötande", "Treatment"),
    ("accessibility", "Tillgänglighet", "Accessibility"),
    ("competence", "Kompetens", "Competence"),
    ("proactivity", "Proaktivitet", "Proactivity"),
)

_INDEX = (0.0, 100.0)

DEFAULT_METRICS: tuple[dict, ...] = (
    _metric(
        "servicescore",
        "service",
        "ServiceScore",
        "ServiceScore",
        "index",
        _INDEX,
        True,
        "Perceived service, 0–100: everything beyond what you paid for. Rating rescaled as "
        "(rating − 1)/(scale points − 1)·100 and averaged over respondents.",
    ),
    *(
        _metric(
            f"moment_{key}",
            "service",
            sv,
            en,
            "index",
            _INDEX,
            True,
            f"Service in the business moment '{en.lower()}', 0–100.",
        )
        for key, sv, en in BUSINESS_MOMENTS
    ),
    *(
        _metric(
            f"dim_{key}",
            "service",
            sv,
            en,
            "index",
            _INDEX,
            True,
            f"Service dimension '{en.lower()}', 0–100.",
        )
        for key, sv, en in SERVICE_DIMENSIONS
    ),
    _metric(
        "revenue_growth_pct",
        "commercial",
        "Omsättningstillväxt",
        "Revenue growth",
        "pct",
        (None, None),
        True,
        "Change in revenue from the previous fiscal year, % (consecutive years only).",
    ),
    _metric(
        "ebit_margin_pct",
        "commercial",
        "Rörelsemarginal",
        "EBIT margin",
        "pct",
        (None, None),
        True,
        "Operating profit as % of revenue.",
    ),
    _metric(
        "roa_pct",
        "commercial",
        "Avkastning på tillgångar",
        "Return on assets",
        "pct",
        (None, None),
        True,
        "Operating profit as % of total assets.",
    ),
    _metric(
        "revenue_msek",
        "commercial",
        "Omsättning",
        "Revenue",
        "msek",
        (0, None),
        True,
        "Net revenue, million SEK.",
    ),
    _metric(
        "enps",
        "employer",
        "eNPS",
        "eNPS",
        "net_score",
        (-100, 100),
        True,
        "Employee Net Promoter Score: % 9–10 minus % 0–6 on 'would you recommend your "
        "workplace', −100..+100; +10..+30 counts as good.",
    ),
    _metric(
        "employer_rank",
        "employer",
        "Arbetsgivarranking",
        "Employer rank",
        "rank",
        (1, None),
        False,
        "Position in an employer-attractiveness ranking; 1 is best.",
    ),
    _metric(
        "employer_attractiveness",
        "employer",
        "Arbetsgivarattraktivitet",
        "Employer attractiveness",
        "index",
        _INDEX,
        True,
        "Employer attractiveness index among the general public or students, 0–100.",
    ),
    _metric(
        "staff_turnover_pct",
        "employer",
        "Personalomsättning",
        "Staff turnover",
        "pct",
        (0, 100),
        False,
        "Share of staff leaving during the year, %.",
    ),
    _metric(
        "glassdoor_rating",
        "employer",
        "Glassdoor-betyg",
        "Glassdoor rating",
        "stars",
        (1, 5),
        True,
        "Average employee review rating, 1–5 stars.",
    ),
    _metric(
        "karriarforetag",
        "employer",
        "Karriärföretag",
        "Karriärföretag",
        "count",
        (0, 1),
        True,
        "1 if named a Karriärföretag (career company) that year, else 0.",
    ),
)
"""The default metrics catalogue; a dataset's own `metrics` table adds or overrides rows."""

COMMERCIAL_DERIVED = ("revenue_growth_pct", "ebit_margin_pct", "roa_pct")
"""Commercial metrics computed from the `commercial` table, never read from it."""


@dataclass(frozen=True)
class Headline:
    """The metrics the key findings, the Overview and the board pack lead with. Every analytics
    function takes metric ids as parameters; this is only the default choice of the catalogue."""

    service: str = "servicescore"
    margin: str = "ebit_margin_pct"
    growth: str = "revenue_growth_pct"
    employer: tuple[str, ...] = ("enps", "staff_turnover_pct")
    after_change: tuple[str, ...] = ("ebit_margin_pct", "revenue_growth_pct", "enps")
    """Outcomes of the within-company question: does it rise the year after service rises?"""


HEADLINE = Headline()


def default_metrics() -> pl.DataFrame:
    """The default metrics catalogue as a frame typed like the `metrics` table."""
    return pl.DataFrame(list(DEFAULT_METRICS), schema=TABLES["metrics"].dtypes())

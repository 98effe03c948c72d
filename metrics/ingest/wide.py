"""The one-file *wide* form: one row per company and year, e.g. `företag; bransch; år; servicescore;
antal svar; omsättning; rörelseresultat; enps`. Split here into the data model's tables (ids are slugs
of the names); every split row keeps the wide file's row number, so problems point at the right row.
"""

from __future__ import annotations

import polars as pl

from metrics.ingest.parse import header_lookup
from metrics.ingest.read import RawTable
from metrics.schema import DEFAULT_METRICS, TABLES
from metrics.text.names import fold, normalise_header, slug

COMPANY = ("company", "företag", "företagsnamn", "name", "namn", "company_name", "bolag")
INDUSTRY = ("industry", "bransch", "industry_id", "sektor_bransch")
YEAR = ("year", "år", "undersökningsår", "wave")
N = ("n", "antal_svar", "antal", "svar", "bas")
SD = ("sd", "standardavvikelse", "std")
ROW_COL = "__row__"


def _keys(words: tuple[str, ...]) -> set[str]:
    return {fold(normalise_header(w)) for w in words}


def _metric_lookup(domain: str) -> dict[str, str]:
    lookup = {}
    for m in DEFAULT_METRICS:
        if m["domain"] == domain:
            for spelling in (m["metric_id"], m["label_sv"], m["label_en"]):
                lookup[fold(normalise_header(spelling))] = m["metric_id"]
    return lookup


def classify(headers: list[str]) -> dict[str, tuple[str, str]]:
    """Each header -> (role, canonical name): company, industry, year, n, sd, service, commercial,
    employer or company attribute. Headers with no role are left out of the result."""
    service, employer = _metric_lookup("service"), _metric_lookup("employer")
    commercial = {
        k: v for k, v in header_lookup(TABLES["commercial"]).items() if v not in ("company_id",)
    }
    attrs = {
        k: v
        for k, v in header_lookup(TABLES["companies"]).items()
        if v in ("ownership", "is_monopoly", "org_nr")
    }
    roles: dict[str, tuple[str, str]] = {}
    for header in headers:
        key = fold(normalise_header(header))
        if key in _keys(COMPANY):
            roles[header] = ("company", "name")
        elif key in _keys(INDUSTRY):
            roles[header] = ("industry", "industry_id")
        elif key in _keys(YEAR):
            roles[header] = ("year", "year")
        elif key in _keys(N):
            roles[header] = ("n", "n")
        elif key in _keys(SD):
            roles[header] = ("sd", "sd")
        elif key in service:
            roles[header] = ("service", service[key])
        elif key in employer:
            roles[header] = ("employer", employer[key])
        elif key in attrs:
            roles[header] = ("attr", attrs[key])
        elif key in commercial and commercial[key] != "fiscal_year":
            roles[header] = ("commercial", commercial[key])
    return roles


def looks_wide(raw: RawTable) -> bool:
    """True when a single sheet has a company column, a year column and at least one metric."""
    found = {role for role, _ in classify(raw.frame.columns).values()}
    return {"company", "year"} <= found and bool(found & {"service", "commercial", "employer"})


def split_wide(raw: RawTable) -> dict[str, RawTable]:
    """The wide sheet as the data model's tables (text columns, canonical names)."""
    roles = classify(raw.frame.columns)
    by_role: dict[str, list[tuple[str, str]]] = {}
    for header, (role, name) in roles.items():
        by_role.setdefault(role, []).append((header, name))
    frame = raw.frame.with_row_index(ROW_COL, offset=raw.first_row)
    company_h = by_role["company"][0][0]
    year_h = by_role["year"][0][0]
    names = frame[company_h].cast(pl.String).str.strip_chars()
    ids = names.map_elements(slug, return_dtype=pl.String)
    base = frame.select(
        ROW_COL,
        ids.alias("company_id"),
        pl.col(year_h).cast(pl.String).alias("year"),
    )
    out: dict[str, RawTable] = {}

    def table(frame_: pl.DataFrame) -> RawTable:
        return RawTable(frame_, raw.file, raw.sheet, raw.first_row, raw.decimal_comma)

    company_cols = [names.alias("name"), ids.alias("company_id")]
    for role in ("industry", "attr"):
        company_cols += [pl.col(h).cast(pl.String).alias(n) for h, n in by_role.get(role, [])]
    companies = frame.select(ROW_COL, *company_cols).filter(pl.col("name").is_not_null())
    companies = companies.unique(
        subset=[c for c in companies.columns if c != ROW_COL], keep="first"
    )
    out["companies"] = table(companies.sort(ROW_COL))

    extra = {
        r: pl.col(by_role[r][0][0]).cast(pl.String).alias(r) for r in ("n", "sd") if r in by_role
    }
    for role, target in (("service", "service_scores"), ("employer", "employer")):
        parts = [
            frame.select(
                ROW_COL,
                base["company_id"],
                base["year"],
                pl.lit(metric).alias("metric_id"),
                pl.col(h).cast(pl.String).alias("value"),
                *(extra.values() if role == "service" else ()),
            ).filter(pl.col("value").is_not_null())
            for h, metric in by_role.get(role, [])
        ]
        if parts:
            out[target] = table(pl.concat(parts).sort(ROW_COL))
    if "commercial" in by_role:
        cols = [pl.col(h).cast(pl.String).alias(n) for h, n in by_role["commercial"]]
        commercial = frame.select(
            ROW_COL, base["company_id"], base["year"].alias("fiscal_year"), *cols
        ).filter(pl.any_horizontal(pl.col(n).is_not_null() for _, n in by_role["commercial"]))
        out["commercial"] = table(commercial)
    return out

"""The one-file *wide* form: one row per company and year, e.g. `företag; bransch; år; servicescore;
antal svar; omsättning; rörelseresultat; enps` or a published ranking `Company, Industry, Year, Rank,
Change, Score`. Split here into the data model's tables (ids are slugs of the names; two names that
make one slug are told apart and reported); every split row keeps the wide file's row number.

Nothing is guessed silently: the report lists which column became what, which columns were left
out, and a header that could mean two things (`change`: a rank change or the business moment
"Change"?) is never taken as a metric unless a column map says so (`[wide] columns = { … }`).
Columns named by a year and a metric (`2022_score` beside `year`, `score`) give that metric for that
year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import polars as pl

from metrics.ingest.parse import header_lookup
from metrics.ingest.read import RawTable
from metrics.quality.report import Problem
from metrics.schema import TABLES
from metrics.text.i18n import msg
from metrics.text.names import fold, normalise_header, unique_slugs

ROLE_WORDS = {
    "company": (
        "company",
        "företag",
        "företagsnamn",
        "name",
        "namn",
        "company_name",
        "bolag",
        "organisation",
        "organization",
        "firm",
        "brand",
        "varumärke",
    ),
    "industry": ("industry", "bransch", "industry_id", "sektor_bransch", "sector", "category"),
    "year": ("year", "år", "undersökningsår", "wave", "mätår", "survey_year"),
    "n": ("n", "antal_svar", "antal", "svar", "bas", "respondents", "base", "sample_size"),
    "sd": ("sd", "standardavvikelse", "std", "std_dev", "standard_deviation"),
}
AMBIGUOUS = {
    fold(normalise_header(w))
    for w in (
        "change",
        "förändring",
        "rank",
        "ranking",
        "placering",
        "position",
        "score",
        "poäng",
        "index",
        "value",
        "värde",
        "points",
        "trend",
        "delta",
        "previous",
        "föregående",
        "total",
    )
}
"""Headers of published rankings that say too little to be taken as a metric without a map."""
YEAR_IN_HEADER = re.compile(
    r"^(?:(?P<y1>(?:19|20)\d\d)_(?P<m1>.+)|(?P<m2>.+?)_(?P<y2>(?:19|20)\d\d))$"
)
ROW_COL = "__row__"
METRIC_ROLES = ("service", "employer")


@dataclass
class WideMap:
    """A column map's `[wide]` section: source header -> what it is (company, industry, year, n,
    sd, a metric id, a commercial or company column), and headers to leave out."""

    source: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    ignore: list[str] = field(default_factory=list)


@dataclass
class Layout:
    """What each header of a wide sheet is: {header: (role, target)}; per-year metric columns as
    {header: (role, metric, year)}; the headers left out, and those left out because ambiguous."""

    roles: dict[str, tuple[str, str]]
    by_year: dict[str, tuple[str, str, str]]
    unused: list[str]
    ambiguous: list[str]

    def has(self, role: str) -> bool:
        return any(r == role for r, _ in self.roles.values())


def _key(text: str) -> str:
    return fold(normalise_header(text))


def _metrics(catalogue: pl.DataFrame) -> dict[str, tuple[str, str]]:
    """Folded id or label -> (domain, metric id) for the service and employer metrics."""
    lookup: dict[str, tuple[str, str]] = {}
    rows = catalogue.filter(pl.col("domain").is_in(METRIC_ROLES)).iter_rows(named=True)
    for m in rows:
        for spelling in (m["label_en"], m["label_sv"], m["metric_id"]):  # ids win over labels
            if spelling:
                lookup[_key(spelling)] = (m["domain"], m["metric_id"])
    return lookup


def _explicit_role(target: str, metrics: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    if target in ROLE_WORDS:
        return target, {"company": "name", "industry": "industry_id"}.get(target, target)
    if _key(target) in metrics and metrics[_key(target)][1] == target:
        return metrics[_key(target)]
    for role, table in (("commercial", "commercial"), ("attr", "companies")):
        if target in TABLES[table].columns and target not in ("company_id", "name", "fiscal_year"):
            return role, target
    return None


def classify(
    headers: list[str], catalogue: pl.DataFrame, explicit: WideMap | None = None
) -> tuple[Layout, list[str]]:
    """The layout of a wide sheet, and the targets of the map that are nothing of the data model."""
    metrics = _metrics(catalogue)
    commercial = {
        k: v
        for k, v in header_lookup(TABLES["commercial"]).items()
        if v not in ("company_id", "fiscal_year")
    }
    attrs = {
        k: v
        for k, v in header_lookup(TABLES["companies"]).items()
        if v in ("ownership", "is_monopoly", "org_nr")
    }
    words = {role: {_key(w) for w in spellings} for role, spellings in ROLE_WORDS.items()}
    given = {_key(k): v for k, v in (explicit.columns if explicit else {}).items()}
    ignored = {_key(h) for h in (explicit.ignore if explicit else [])}
    roles: dict[str, tuple[str, str]] = {}
    unused, ambiguous, wrong = [], [], []
    for header in headers:
        if header.startswith("__"):
            continue
        key = _key(header)
        if key in given:
            role = _explicit_role(given[key], metrics)
            if role is None:
                wrong.append(given[key])
            else:
                roles[header] = role
            continue
        if key in ignored:
            unused.append(header)
            continue
        found = next((r for r, spellings in words.items() if key in spellings), None)
        if found and found not in {r for r, _ in roles.values()}:
            roles[header] = (
                found,
                {"company": "name", "industry": "industry_id"}.get(found, found),
            )
        elif key in AMBIGUOUS:
            ambiguous.append(header)
        elif key in metrics:
            roles[header] = metrics[key]
        elif key in attrs:
            roles[header] = ("attr", attrs[key])
        elif key in commercial:
            roles[header] = ("commercial", commercial[key])
        else:
            unused.append(header)
    by_year = _per_year_columns(unused + ambiguous, roles)
    unused = [h for h in unused if h not in by_year]
    ambiguous = [h for h in ambiguous if h not in by_year]
    return Layout(roles, by_year, unused, ambiguous), wrong


def _per_year_columns(
    headers: list[str], roles: dict[str, tuple[str, str]]
) -> dict[str, tuple[str, str, str]]:
    """Headers like `2022_score` or `score 2022` whose other part is a metric column of the sheet:
    that metric, in that year."""
    metric_columns = {_key(h): r for h, r in roles.items() if r[0] in METRIC_ROLES}
    found = {}
    for header in headers:
        m = YEAR_IN_HEADER.match(_key(header))
        if m:
            rest, year = (m["m1"], m["y1"]) if m["y1"] else (m["m2"], m["y2"])
            if rest in metric_columns:
                role, metric = metric_columns[rest]
                found[header] = (role, metric, year)
    return found


def looks_wide(raw: RawTable) -> bool:
    """True when a single sheet has a company column and a year column: a row per company and year
    (whether it has metrics the report then says)."""
    words = {role: {_key(w) for w in ROLE_WORDS[role]} for role in ("company", "year")}
    keys = {_key(h) for h in raw.frame.columns}
    return all(keys & spellings for spellings in words.values())


def _mapping_note(layout: Layout, raw: RawTable) -> Problem:
    parts = [f"{h} → {target}" for h, (_, target) in layout.roles.items()]
    parts += [f"{h} → {metric} ({year})" for h, (_, metric, year) in layout.by_year.items()]
    what = msg("problem.wide_form_mapping")
    return Problem(
        "note", what, file=raw.file, sheet=raw.sheet, value="; ".join(parts), check="mapping"
    )


def split_wide(
    raw: RawTable, catalogue: pl.DataFrame, explicit: WideMap | None = None
) -> tuple[dict[str, RawTable], list[Problem]]:
    """The wide sheet as the data model's tables (text columns, canonical names), and what the
    report should say about how it was read."""
    layout, wrong = classify(raw.frame.columns, catalogue, explicit)
    where = {"file": raw.file, "sheet": raw.sheet}
    problems = [_mapping_note(layout, raw)]
    for target in wrong:
        what = msg("problem.wide_unknown_target", target=target)
        problems.append(
            Problem("error", what, wanted=msg("expected.wide_target"), check="column_map", **where)
        )
    for header in layout.ambiguous:
        what = msg("problem.wide_ambiguous", column=header)
        problems.append(
            Problem(
                "warning",
                what,
                column=header,
                wanted=msg("expected.wide_map"),
                check="ambiguous_column",
                **where,
            )
        )
    if layout.unused:
        problems.append(
            Problem(
                "note",
                msg("problem.wide_unused"),
                value=", ".join(layout.unused),
                check="unused_columns",
                **where,
            )
        )
    if not layout.has("service") and not layout.by_year:
        problem = Problem(
            "error",
            msg("problem.wide_no_metric"),
            value=", ".join(layout.ambiguous + layout.unused) or None,
            wanted=msg("expected.wide_map"),
            check="wide_form",
            **where,
        )
        problems.append(problem)
    tables, notes = _split(raw, layout)
    return tables, problems + notes


def _split(raw: RawTable, layout: Layout) -> tuple[dict[str, RawTable], list[Problem]]:
    by_role: dict[str, list[tuple[str, str]]] = {}
    for header, (role, name) in layout.roles.items():
        by_role.setdefault(role, []).append((header, name))
    frame = raw.frame.with_row_index(ROW_COL, offset=raw.first_row)
    company_h = by_role["company"][0][0]
    year_h = by_role["year"][0][0]
    names = frame[company_h].cast(pl.String).str.strip_chars()
    ids_by_name, shared = unique_slugs(names.drop_nulls().to_list())
    ids = names.replace_strict(ids_by_name, default=None, return_dtype=pl.String)
    notes = [
        Problem(
            "note",
            msg("problem.ids_shared", id=base, names=group),
            file=raw.file,
            sheet=raw.sheet,
            value=", ".join(ids_by_name[n] for n in group),
            check="ids",
        )
        for base, group in shared
    ]
    base = frame.select(
        ROW_COL, ids.alias("company_id"), pl.col(year_h).cast(pl.String).alias("year")
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
    columns = {role: [(h, m, None) for h, m in by_role.get(role, [])] for role in METRIC_ROLES}
    for header, (role, metric, year) in layout.by_year.items():
        columns[role].append((header, metric, year))
    for role, target in (("service", "service_scores"), ("employer", "employer")):
        parts = [
            frame.select(
                ROW_COL,
                base["company_id"],
                pl.lit(year).alias("year") if year else base["year"],
                pl.lit(metric).alias("metric_id"),
                pl.col(h).cast(pl.String).alias("value"),
                *(extra.values() if role == "service" and not year else ()),
            ).filter(pl.col("value").is_not_null())
            for h, metric, year in columns[role]
        ]
        if parts:
            rows = pl.concat(parts, how="diagonal")
            # a year's column repeated on every row of a later year says the same thing each time
            rows = rows.unique([c for c in rows.columns if c != ROW_COL], keep="first")
            out[target] = table(rows.sort(ROW_COL))
    if "commercial" in by_role:
        cols = [pl.col(h).cast(pl.String).alias(n) for h, n in by_role["commercial"]]
        commercial = frame.select(
            ROW_COL, base["company_id"], base["year"].alias("fiscal_year"), *cols
        ).filter(pl.any_horizontal(pl.col(n).is_not_null() for _, n in by_role["commercial"]))
        out["commercial"] = table(commercial)
    return out, notes

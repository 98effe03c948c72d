"""The dataset as a whole, once its tables are read: defaults filled in, industries or companies
derived where the dataset lacks them, the metrics catalogue completed, references and waves checked,
scores computed from the responses, and what was left out said in the report."""

from __future__ import annotations

import polars as pl

from metrics.aggregate import COUNT_KEY, RATING_COUNTS, SCORE_KEY, aggregate_responses, valid_rating
from metrics.ingest.dataset import Dataset
from metrics.ingest.parse import map_headers, missing_columns, type_table
from metrics.ingest.read import RawTable
from metrics.ingest.responses import Responses
from metrics.quality.references import (
    check_metrics,
    check_waves,
    companies_without_industry,
    resolve_references,
)
from metrics.quality.report import Problem, ValidationReport
from metrics.quality.validate import Origin, validate_table
from metrics.schema import DEFAULTS, ROW, TABLES, default_metrics
from metrics.text.i18n import msg
from metrics.text.names import match_key, slug, unique_slugs


def with_defaults(frame: pl.DataFrame, table: str) -> pl.DataFrame:
    """Absent optional columns added as nulls (so every table has the schema's columns), and the
    data model's defaults filled in."""
    dtypes = TABLES[table].dtypes()
    frame = frame.with_columns(
        pl.lit(None, dtype).alias(c) for c, dtype in dtypes.items() if c not in frame.columns
    )
    fills = [
        pl.col(c).fill_null(pl.lit(v, dtypes[c])) for (t, c), v in DEFAULTS.items() if t == table
    ]
    if table == "responses":
        if frame["respondent_id"].null_count():  # numbering 100M rows as text only when needed
            fills.append(pl.col("respondent_id").fill_null(pl.col(ROW).cast(pl.String)))
        fills.append(valid_rating())
    return frame.with_columns(fills).select(ROW, *dtypes)


def load_table(
    name: str,
    raw: RawTable,
    date_formats: dict[str, str],
    explicit: dict[str, str] | None,
    report: ValidationReport,
) -> tuple[pl.DataFrame | None, int]:
    spec = TABLES[name]
    frame, problems = map_headers(raw, spec, explicit)
    report.extend(problems)
    missing = missing_columns(spec, frame.columns, raw.frame.columns, raw.file, raw.sheet)
    if missing:
        report.extend(missing)
        return None, raw.frame.height
    typed, problems = type_table(frame, raw, spec, date_formats)
    report.extend(problems)
    typed = with_defaults(typed, name)
    valid, problems = validate_table(typed, spec, Origin(raw.file, raw.sheet))
    report.extend(problems)
    return valid, raw.frame.height


def derive_industries(
    companies: pl.DataFrame, origin: Origin | None = None
) -> tuple[pl.DataFrame, pl.DataFrame, list[Problem]]:
    """Industries from the companies' industry names when no industries table is given (two names
    that make one id are kept apart, and the report says so)."""
    names = companies["industry_id"].drop_nulls().unique(maintain_order=True).to_list()
    ids, shared = unique_slugs(names)
    industries = pl.DataFrame(
        {
            "industry_id": list(ids.values()),
            "name_sv": [n if n != slug(n) else n.capitalize() for n in ids],
            "name_en": [None] * len(ids),
            "sector": [None] * len(ids),
        },
        schema=TABLES["industries"].dtypes(),
    )
    companies = companies.with_columns(pl.col("industry_id").replace(ids))
    file = origin.file if origin else None
    notes = [
        Problem(
            "note",
            msg("problem.ids_shared", id=base, names=group),
            table="industries",
            file=file,
            value=", ".join(ids[n] for n in group),
            check="ids",
        )
        for base, group in shared
    ]
    return industries, companies, notes


def companies_from_ids(
    tables: dict[str, pl.DataFrame], industry_level: bool = False
) -> pl.DataFrame:
    """Companies named by the ids the other tables use; where respondents name only industries,
    each industry is the one "company" of its industry."""
    ids = (
        pl.concat([t.select("company_id") for n, t in tables.items() if "company_id" in t.columns])[
            "company_id"
        ]
        .drop_nulls()
        .unique()
        .sort()
    )
    frame = pl.DataFrame({"company_id": ids, "name": ids}).with_row_index(ROW, offset=1)
    if industry_level:
        frame = frame.with_columns(pl.col("company_id").alias("industry_id"))
    return with_defaults(frame.with_columns(pl.col(ROW).cast(pl.Int64)), "companies")


def match_names(dataset: Dataset, report: ValidationReport) -> None:
    """Tables whose company_id holds names (a column map's `match = "name"`), matched to the
    companies by name: case, accents, punctuation and legal suffixes aside. Rows of names that
    match no company are left out, and the report lists those names (a list of financials usually
    covers many more companies than the benchmark)."""
    companies = dataset.tables.get("companies")
    if companies is None:
        return
    lookup: dict[str, str] = {}
    for cid, name in companies.select("company_id", "name").iter_rows():
        lookup.setdefault(match_key(cid), cid)
        lookup.setdefault(match_key(name), cid)
    for table in sorted(dataset.match_by_name & set(dataset.tables)):
        frame = dataset.tables[table]
        names = frame["company_id"].drop_nulls().unique().to_list()
        mapping = {n: lookup[match_key(n)] for n in names if match_key(n) in lookup}
        unmatched = sorted(n for n in names if n not in mapping)
        if unmatched:
            rows = frame.filter(pl.col("company_id").is_in(unmatched)).height
            dataset.unmatched_rows[table] = rows
            shown = unmatched[:10] + (["…"] if len(unmatched) > 10 else [])
            what = msg(
                "problem.names_unmatched", names=len(unmatched), rows=rows, matched=len(mapping)
            )
            origin = dataset.origins.get(table)
            report.add(
                Problem(
                    "warning",
                    what,
                    table=table,
                    file=origin.file if origin else None,
                    column="company_id",
                    value=", ".join(shown),
                    wanted=msg("expected.matching_name"),
                    check="name_match",
                )
            )
        dataset.tables[table] = frame.filter(
            pl.col("company_id").is_in(list(mapping))
        ).with_columns(pl.col("company_id").replace_strict(mapping, default=None))


def complete_catalogue(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """The default metrics catalogue, overridden and extended by the dataset's own rows."""
    default = default_metrics()
    own = tables.get("metrics")
    if own is None:
        return default
    own = own.drop(ROW)
    kept = default.filter(~pl.col("metric_id").is_in(own["metric_id"].implode()))
    # a dataset that names its own headline metric of a domain replaces the default one
    own_headlines = own.filter(pl.col("headline").fill_null(False))["domain"].implode()
    kept = kept.with_columns(
        pl.when(pl.col("domain").is_in(own_headlines))
        .then(False)
        .otherwise(pl.col("headline"))
        .alias("headline")
    )
    return pl.concat([kept, own])


def complete_waves(
    tables: dict[str, pl.DataFrame], responses: Responses | None, report: ValidationReport
) -> pl.DataFrame:
    """The waves table, completed with any survey year the scores use but the table lacks."""
    dtypes = TABLES["waves"].dtypes()
    used = [tables["service_scores"].select("year")] if "service_scores" in tables else []
    if responses is not None:
        used.append(responses.counts.select("year"))
    years = pl.concat(used or [pl.DataFrame(schema={"year": pl.Int64})])["year"].unique().sort()
    waves = tables.get("waves")
    if waves is None:
        waves = pl.DataFrame(schema={ROW: pl.Int64, **dtypes})
    extra = years.filter(~years.is_in(waves["year"].implode()))
    if len(extra) and tables.get("waves") is not None:
        report.add(
            Problem(
                "warning",
                msg("problem.waves_missing"),
                table="waves",
                value=", ".join(str(y) for y in extra.to_list()),
                wanted=msg("expected.wave_row"),
                check="wave_missing",
            )
        )
    added = pl.DataFrame({"year": extra, "status": ["published"] * len(extra)})
    return pl.concat([waves, added], how="diagonal_relaxed").select(list(dtypes)).sort("year")


def finish(dataset: Dataset, report: ValidationReport) -> None:
    tables = dataset.tables
    if "companies" in tables and tables["companies"].height:
        if "industries" not in tables:
            origin = dataset.origins.get("companies")
            industries, companies, notes = derive_industries(tables["companies"], origin)
            tables["industries"], tables["companies"] = industries, companies
            report.extend(notes)
        if dataset.derived_companies and dataset.about.level == "industry":
            pass  # each industry is its own unit: it has its industry
        elif dataset.derived_companies:
            report.add(
                Problem(
                    "warning",
                    msg("problem.derived_no_industry"),
                    table="companies",
                    count=tables["companies"].height,
                    check="no_industry",
                )
            )
        else:
            report.extend(
                companies_without_industry(tables["companies"], dataset.origins["companies"])
            )
    match_names(dataset, report)
    catalogue = complete_catalogue(tables)
    refs = {**tables, "metrics": catalogue}
    report.extend(resolve_references(refs, dataset.origins))
    tables.update({k: v for k, v in refs.items() if k != "metrics"})
    responses = dataset.responses
    if responses is not None:
        report.extend(responses.check_references(refs))
    waves = complete_waves(tables, responses, report)
    report.extend(check_waves(tables, waves, dataset.origins))
    if responses is not None:
        report.extend(responses.check_waves_and_domains(waves, catalogue))
        report.extend(responses.check_repeats())
    report.extend(check_metrics(tables, catalogue, dataset.origins))
    tables["metrics"] = catalogue
    tables["waves"] = waves
    if responses is not None:
        counts = responses.resolved()
        tables[RATING_COUNTS] = counts.sort(COUNT_KEY, nulls_last=True)
        dataset.responses_used = responses.used
        if dataset.keep_rows:
            dataset.response_rows = valid_rows(responses)
        dataset.responses = None  # the rows (or their scan) are not kept
        aggregated = aggregate_responses(counts).collect()
        given = tables.get("service_scores")
        if dataset.keep_rows and given is not None:
            dataset.given_scores = given.drop(ROW)
        if given is None or given.height == 0:
            tables["service_scores"] = aggregated
        else:
            new = aggregated.join(given.select(SCORE_KEY), on=SCORE_KEY, how="anti")
            tables["service_scores"] = pl.concat([given.drop(ROW), new])
        report.add(
            Problem(
                "note",
                msg("problem.scores_computed", n=aggregated.height),
                table="service_scores",
                check="aggregated",
            )
        )
    for name, frame in list(tables.items()):
        if ROW in frame.columns:
            tables[name] = frame.drop(ROW)
    for name, read in dataset.rows_read.items():
        kept = tables[name].height if name in tables else 0
        if name not in tables and not (name == "responses" and RATING_COUNTS in tables):
            report.left_out.append(msg("left_out.table", table=name))
        elif name == "responses" and (lost := read - dataset.responses_used):
            report.left_out.append(msg("left_out.rows", table=name, lost=lost, read=read))
        elif kept < read and name != "responses":
            unmatched = dataset.unmatched_rows.get(name, 0)
            if read - kept - unmatched:
                lost = read - kept - unmatched
                report.left_out.append(msg("left_out.rows", table=name, lost=lost, read=read))
            if unmatched:
                what = msg("left_out.unmatched", table=name, lost=unmatched, read=read)
                report.left_out.append(what)
    if not dataset.usable:
        report.add(Problem("error", msg("problem.unusable"), check="unusable"))


def valid_rows(responses: Responses) -> pl.LazyFrame:
    """The rows that passed every check, as the data model has them (ids for names, respondent ids
    numbered by row where missing)."""
    dtypes = TABLES["responses"].dtypes()
    return responses.rows.with_columns(
        [pl.col(c).replace(m) for c, m in responses.renamed.items() if m]
        + [pl.col("respondent_id").fill_null(pl.col(ROW).cast(pl.String))]
    ).select([pl.col(c).cast(t) for c, t in dtypes.items()])

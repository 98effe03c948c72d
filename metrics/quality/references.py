"""The rules between tables: every reference to another table (a value that is the name of an id is
taken for the id), no scores in a cancelled wave, each metric of its table's domain and within its
scale, and companies without an industry. Offending rows are reported and left out, in place.
"""

from __future__ import annotations

import polars as pl

from metrics.quality.report import Problem, row_problems
from metrics.quality.validate import Origin
from metrics.schema import ROW
from metrics.text.i18n import Msg, msg
from metrics.text.names import slug


def _row_problems(
    rows: pl.DataFrame,
    table: str,
    origin: Origin,
    column: str,
    severity: str,
    what: Msg,
    wanted: Msg,
    check: str,
) -> list[Problem]:
    """A problem per offending row of a cross-table rule, the value taken from `column`."""
    return row_problems(
        rows.select(ROW, column),
        severity=severity,
        what=what,
        wanted=wanted,
        check=check,
        table=table,
        file=origin.file,
        sheet=origin.sheet,
        column=column,
    )


NAME_COLUMNS = {"companies": ("name",), "industries": ("name_sv", "name_en"), "metrics": ()}


UNKNOWN = {
    "companies": "problem.unknown_company",
    "industries": "problem.unknown_industry",
    "metrics": "problem.unknown_metric",
}


def unknown_reference(parent: str, key: str) -> tuple[Msg, Msg]:
    """What is wrong with a reference to `parent` that is not there, and what was expected."""
    return msg(UNKNOWN[parent]), msg("expected.reference", key=key, table=parent)


def resolve_ids(
    values: pl.Series, parent_frame: pl.DataFrame, parent: str, key: str
) -> tuple[dict[str, str], list[str]]:
    """For the distinct values of a reference column: those that are not ids but the name of one
    (any case, å/a alike) mapped to the id, and those that are neither."""
    ids = parent_frame[key].drop_nulls().unique()
    distinct = values.drop_nulls().unique()
    unknown = distinct.filter(~distinct.is_in(ids.implode()))
    if unknown.is_empty():
        return {}, []
    lookup = {slug(v): v for v in ids}
    for name_col in NAME_COLUMNS.get(parent, ()):
        if name_col in parent_frame.columns:
            for pid, name in parent_frame.select(key, name_col).drop_nulls().iter_rows():
                lookup.setdefault(slug(name), pid)
    mapping = {v: lookup[slug(v)] for v in unknown if slug(v) in lookup}
    return mapping, [v for v in unknown if v not in mapping]


def resolve_references(
    tables: dict[str, pl.DataFrame], origins: dict[str, Origin]
) -> list[Problem]:
    """Check every reference between tables (see `schema.REFERENCES`), in place.

    A value that is not a known id but is the name of one (any case, å/a alike) is replaced by that
    id, so a scores sheet may say 'Telia-like AB' instead of its id. Rows whose reference is still
    unknown are reported and removed.
    """
    from metrics.schema import REFERENCES

    problems: list[Problem] = []
    for child, column, parent, key in REFERENCES:
        if child not in tables or parent not in tables or column not in tables[child].columns:
            continue
        frame = tables[child]
        mapping, still_unknown = resolve_ids(frame[column], tables[parent], parent, key)
        if mapping:
            frame = frame.with_columns(pl.col(column).replace(mapping))
        # only the distinct unknown values are looked for row by row (a clean table is not rescanned)
        if still_unknown:
            missing = frame.filter(pl.col(column).is_in(still_unknown))
            problems.extend(
                _row_problems(
                    missing,
                    child,
                    origins.get(child, Origin(None)),
                    column,
                    "error",
                    *unknown_reference(parent, key),
                    "reference",
                )
            )
            frame = frame.filter(~pl.col(ROW).is_in(missing[ROW].implode()))
        tables[child] = frame
    return problems


def cancelled_words() -> tuple[Msg, Msg]:
    return msg("problem.cancelled_wave"), msg("expected.published_wave")


def domain_words(domain: str) -> tuple[Msg, Msg]:
    """The problem and the expectation when a metric of another domain is used."""
    return msg("problem.wrong_domain", domain=domain), msg("expected.domain_metric", domain=domain)


def check_metrics(
    tables: dict[str, pl.DataFrame], catalogue: pl.DataFrame, origins: dict[str, Origin]
) -> list[Problem]:
    """Each value's metric must be of the table's domain, and the value within the metric's scale."""
    problems: list[Problem] = []
    for table, domain, value_col in (
        ("service_scores", "service", "value"),
        ("employer", "employer", "value"),
        ("responses", "service", None),
    ):
        if table not in tables:
            continue
        origin = origins.get(table, Origin(None))
        # the domain check looks at the few distinct metric ids, not at every row (responses can be
        # 100M rows); unknown ids are reported by the reference check
        domains = dict(catalogue.select("metric_id", "domain").iter_rows())
        present = tables[table]["metric_id"].unique().to_list()
        wrong_ids = [m for m in present if m in domains and domains[m] != domain]
        wrong = tables[table].filter(pl.col("metric_id").is_in(wrong_ids))
        problems.extend(
            _row_problems(
                wrong,
                table,
                origin,
                "metric_id",
                "error",
                *domain_words(domain),
                "metric_domain",
            )
        )
        bad = wrong[ROW]
        if value_col:
            frame = tables[table].join(
                catalogue.select("metric_id", "domain", "scale_min", "scale_max"),
                on="metric_id",
                how="left",
            )
            v, lo, hi = pl.col(value_col), pl.col("scale_min"), pl.col("scale_max")
            out = frame.filter((pl.col("domain") == domain) & ((v < lo) | (v > hi)))
            for (lo_v, hi_v), group in out.group_by("scale_min", "scale_max"):
                low = f"{lo_v:g}" if lo_v is not None else None
                high = f"{hi_v:g}" if hi_v is not None else None
                if low is not None and high is not None:
                    scale = msg("expected.scale_between", low=low, high=high)
                elif low is not None:
                    scale = msg("expected.scale_at_least", low=low)
                else:
                    scale = msg("expected.scale_at_most", high=high)
                problems.extend(
                    _row_problems(
                        group.sort(ROW),
                        table,
                        origin,
                        value_col,
                        "error",
                        msg("problem.outside_scale"),
                        scale,
                        "metric_scale",
                    )
                )
            bad = pl.concat([bad, out[ROW]])
        if bad.len():
            tables[table] = tables[table].filter(~pl.col(ROW).is_in(bad.implode()))
    return problems


def check_waves(
    tables: dict[str, pl.DataFrame], waves: pl.DataFrame, origins: dict[str, Origin]
) -> list[Problem]:
    """No scores or responses in a cancelled wave."""
    cancelled = waves.filter(pl.col("status") == "cancelled")["year"]
    problems: list[Problem] = []
    for table in ("service_scores", "responses"):
        if table not in tables or cancelled.is_empty():
            continue
        frame = tables[table]
        hit = frame.filter(pl.col("year").is_in(cancelled.implode()))
        if hit.height:
            problems.extend(
                _row_problems(
                    hit,
                    table,
                    origins.get(table, Origin(None)),
                    "year",
                    "error",
                    *cancelled_words(),
                    "cancelled_wave",
                )
            )
            tables[table] = frame.filter(~pl.col("year").is_in(cancelled.implode()))
    return problems


def companies_without_industry(companies: pl.DataFrame, origin: Origin) -> list[Problem]:
    lonely = companies.filter(pl.col("industry_id").is_null())
    return _row_problems(
        lonely,
        "companies",
        origin,
        "industry_id",
        "warning",
        msg("problem.no_industry"),
        msg("expected.industry_id"),
        "no_industry",
    )

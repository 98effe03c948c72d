"""Respondent-level ratings at any size: streamed from the file, validated and counted in one pass.

A responses file can hold 100M rows. Nothing downstream needs them one by one: every analysis of
respondent data (company scores, rating distributions, hidden dissatisfaction) is a function of the
*rating counts*: how many respondents, with what total weight, gave each rating to each company, year,
metric and scale. So the loader never keeps the rows. It scans a CSV or Parquet file lazily with the
data model's row checks as Polars expressions (built from the pandera model, which stays the single
source of truth), and one streaming `group_by` returns the counts together with a bitmask of the checks
each group of rows breaks. Only when a check fails does it read the file again, to fetch the first
offending rows (numbered as in a spreadsheet) for the report.

The checks between tables (companies that exist, metrics of the service domain, published waves) then
run on the few thousand distinct values of the counts, not on the rows.

What the streaming path cannot judge exactly as the full path does (cells that are not plain numbers,
another encoding than UTF-8, a ragged CSV) raises `NotStreamable`, and `metrics.ingest.load` reads that file
the full way, into memory, reporting every cell.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import polars as pl

from metrics.aggregate import COUNT_KEY, COUNTS_SCHEMA, count_ratings, valid_rating
from metrics.ingest.parse import NULL_TOKENS, header_renames, missing_columns
from metrics.ingest.read import (
    PARQUET_SUFFIXES,
    TEXT_SUFFIXES,
    SourceFile,
    looks_binary,
    sniff_separator,
)
from metrics.ingest.repeats import repeated_ratings
from metrics.ingest.row_checks import FAIL, SPEC, NotStreamable, RowCheck, check_bits, row_checks
from metrics.quality.references import (
    cancelled_words,
    domain_words,
    resolve_ids,
    unknown_reference,
)
from metrics.quality.report import MAX_DETAILED, Problem, row_problems
from metrics.quality.validate import Origin, describe_check, failure_value
from metrics.schema import DEFAULTS, ROW
from metrics.text.i18n import Msg, msg


@dataclass
class Responses:
    """A dataset's responses once read and checked row by row.

    `counts`: the rating counts of the rows that passed (with the ids as the source gives them);
    `rows`: the same rows, lazily and numbered as in the source, only to point at the offending rows
    when a check between tables fails; `renamed`: names given instead of ids, mapped to the id.
    """

    counts: pl.DataFrame
    rows: pl.LazyFrame
    rows_read: int
    origin: Origin
    renamed: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def used(self) -> int:
        return int(self.counts["respondents"].sum())

    def resolved(self) -> pl.DataFrame:
        """The counts with names replaced by ids, merged where a name and its id both occur."""
        counts = self.counts.with_columns(
            pl.col(column).replace(mapping) for column, mapping in self.renamed.items() if mapping
        )
        if not any(self.renamed.values()):
            return counts
        return (
            counts.group_by(COUNT_KEY)
            .agg(pl.col("respondents").sum(), pl.col("weight").sum())
            .select(list(COUNTS_SCHEMA))
        )

    def drop(self, bad: pl.Expr, column: str, what: Msg, wanted: Msg, check: str) -> list[Problem]:
        """Report and leave out the rows whose `column` value makes `bad` true (judged on the distinct
        values of the counts; the rows are looked at only to list the first of them)."""
        hit = self.counts.filter(bad)
        if hit.is_empty():
            return []
        values = hit.select(column).unique()
        first = self.first_rows(column, values)
        self.counts = self.counts.filter(~bad)
        self.rows = self.rows.join(values.lazy(), on=column, how="anti")
        return row_problems(
            first,
            severity="error",
            what=what,
            wanted=wanted,
            check=check,
            table="responses",
            file=self.origin.file,
            sheet=self.origin.sheet,
            column=column,
            total=int(hit["respondents"].sum()),
        )

    def first_rows(self, column: str, values: pl.DataFrame) -> pl.DataFrame:
        """The first rows (row number, value) whose `column` is one of `values`."""
        return (
            self.rows.join(values.lazy(), on=column, how="semi")
            .select(ROW, pl.col(column).cast(pl.String))
            .head(MAX_DETAILED)
            .collect()
        )

    def check_references(self, tables: dict[str, pl.DataFrame]) -> list[Problem]:
        """Companies and metrics that exist (a name is accepted for its id), as for other tables."""
        problems: list[Problem] = []
        for column, parent in (("company_id", "companies"), ("metric_id", "metrics")):
            if parent not in tables:
                continue
            mapping, unknown = resolve_ids(self.counts[column], tables[parent], parent, column)
            self.renamed[column] = mapping
            problems += self.drop(
                pl.col(column).is_in(unknown),
                column,
                *unknown_reference(parent, column),
                "reference",
            )
        return problems

    def check_repeats(self) -> list[Problem]:
        """A warning when one respondent rated the same company and item more than once in a wave
        (an export that repeated rows, or ids reused for different people): the ratings are still
        counted, but their margins assume independent respondents."""
        listed, total = self.repeats()
        if not total:
            return []
        return row_problems(
            listed,
            severity="warning",
            what=msg("problem.rated_twice"),
            wanted=msg("expected.one_rating_each"),
            check="rated_twice",
            table="responses",
            file=self.origin.file,
            sheet=self.origin.sheet,
            column="respondent_id",
            total=total,
        )

    def repeats(self) -> tuple[pl.DataFrame, int]:
        """The first repeats (row, value) and how many there are: one streaming pass over the rows."""
        repeated = repeated_ratings(self.rows)
        return repeated.head(MAX_DETAILED), repeated.height

    def check_waves_and_domains(
        self, waves: pl.DataFrame, catalogue: pl.DataFrame
    ) -> list[Problem]:
        """No rating in a cancelled wave; only metrics of the service domain."""
        cancelled = waves.filter(pl.col("status") == "cancelled")["year"].implode()
        problems = self.drop(
            pl.col("year").is_in(cancelled), "year", *cancelled_words(), "cancelled_wave"
        )
        wrong = catalogue.filter(pl.col("domain") != "service")["metric_id"].implode()
        metric = pl.col("metric_id").replace(self.renamed.get("metric_id", {}))
        problems += self.drop(
            metric.is_in(wrong), "metric_id", *domain_words("service"), "metric_domain"
        )
        return problems


def from_frame(frame: pl.DataFrame, rows_read: int, origin: Origin) -> Responses:
    """Responses validated in memory by the full path: counted, the rows kept for pointing."""
    return Responses(count_ratings(frame).collect(), frame.lazy(), rows_read, origin)


# --- the streaming path --------------------------------------------------------------------------


def _typed(column: str, source: pl.DataType, target: pl.DataType) -> tuple[pl.Expr, pl.Expr | None]:
    """A source column as the schema's type, and where a cast is needed, where it failed."""
    c = pl.col(column)
    if source == target:
        return c, None
    if target == pl.String:
        return c.cast(pl.String), None
    as_float = c.cast(pl.Float64, strict=False)
    ok = as_float.is_finite()
    if target == pl.Int64:
        typed = pl.when(ok & (as_float == as_float.round(0))).then(as_float).cast(pl.Int64)
    else:
        typed = pl.when(ok).then(as_float)
    return typed, c.is_not_null() & typed.is_null()


def _scans(
    source: SourceFile,
) -> tuple[list[pl.LazyFrame], dict[str, str], list[Problem], list[pl.Expr]]:
    """Ways to scan the file, to try in turn (a CSV: first plain, then with null tokens such as NA,
    which cost a fifth more), its headers that are columns of the model, the problems with its
    headers, and for a CSV expressions that make the scan parse every column."""
    suffix = source.path.suffix.lower()
    name = source.display_name
    if suffix in PARQUET_SUFFIXES:
        lf = pl.scan_parquet(source.path)
        renames, problems = header_renames(lf.collect_schema().names(), SPEC, name)
        return [lf], renames, problems, []
    if suffix not in TEXT_SUFFIXES:
        raise NotStreamable(f"a {suffix} file")
    with source.path.open("rb") as fh:
        head = fh.read(1 << 18)
    if looks_binary(head[:8192]):
        raise NotStreamable("binary")
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not merely a character cut at the end of the head
            raise NotStreamable("not UTF-8") from exc
        text = head[: exc.start].decode("utf-8-sig")
    separator = sniff_separator(text)
    options = {"separator": separator, "decimal_comma": separator == ";", "infer_schema": False}
    try:
        headers = pl.scan_csv(source.path, **options).collect_schema().names()
    except pl.exceptions.PolarsError as exc:
        raise NotStreamable(str(exc)[:200]) from exc
    renames, problems = header_renames(headers, SPEC, name)
    dtypes = SPEC.dtypes()
    typed = {h: dtypes[c] for h, c in renames.items()}  # a cell that does not parse stops the scan
    nulls = sorted({v for t in NULL_TOKENS for v in (t, t.upper(), t.capitalize())})
    scans = [
        pl.scan_csv(source.path, schema_overrides=typed, **options),
        pl.scan_csv(source.path, schema_overrides=typed, null_values=nulls, **options),
    ]
    # Polars notices a row with more fields than the header only when it parses every column:
    # touch the columns the checks do not read (next to parsing the others this costs nothing)
    touched = [
        pl.col(h).str.len_bytes() < 0
        for h in headers
        if dtypes.get(renames.get(h)) in (None, pl.String)
    ]
    return scans, renames, problems, touched


def _unclean(values: pl.Series) -> bool:
    """A text value the full path would trim or read as missing."""
    values = values.drop_nulls()
    stripped = values.str.strip_chars()
    return bool((stripped != values).any() or stripped.str.to_lowercase().is_in(NULL_TOKENS).any())


def scan_responses(source: SourceFile) -> tuple[Responses | None, list[Problem]]:
    """Stream a CSV or Parquet responses file into checked rating counts.

    Returns (None, problems) when a required column is missing; raises `NotStreamable` when the file
    needs the full path.

    The checks on the columns of the counts' key (all but the weight's) are judged once per distinct
    key, after the `group_by`; only the weight's are judged row by row, as part of the key.
    """
    scans, renames, problems, touched = _scans(source)
    missing = missing_columns(SPEC, list(renames.values()), list(renames), source.display_name)
    if missing:
        return None, problems + missing
    checks = row_checks()
    by_row = [
        i for i, c in enumerate(checks) if not set(c.passes.meta.root_names()) <= set(COUNT_KEY)
    ]
    groups = None
    for lf in scans:
        rows = _typed_rows(lf, renames, touched)
        # one pass that assumes the row checks pass, counting where they do not; a second pass
        # (grouping by which checks fail) only when some row does not
        counting = rows.group_by(COUNT_KEY).agg(
            respondents=pl.len(),
            weight=pl.col("weight").fill_null(1.0).sum(),
            type_failed=pl.col("type_failed").any(),
            by_row_failed=(check_bits(checks, by_row) != 0).any(),
        )
        try:
            groups = counting.collect(engine="streaming")
            break
        except pl.exceptions.PolarsError as exc:  # a cell the typed scan cannot read, a ragged row
            reason = str(exc)[:200]
    if groups is None:
        raise NotStreamable(reason)
    if groups["type_failed"].any():
        raise NotStreamable("cells that are not plain numbers")
    if groups["by_row_failed"].any():
        groups = (
            rows.group_by(*COUNT_KEY, check_bits(checks, by_row).alias(FAIL))
            .agg(respondents=pl.len(), weight=pl.col("weight").fill_null(1.0).sum())
            .collect(engine="streaming")
        )
    else:
        groups = groups.with_columns(pl.lit(0, pl.UInt64).alias(FAIL))
    if _unclean(groups["company_id"]) or _unclean(groups["metric_id"]):
        raise NotStreamable("ids with spaces around them or missing-value words")
    by_key = [i for i in range(len(checks)) if i not in by_row]
    groups = groups.with_columns(pl.col(FAIL) | check_bits(checks, by_key))
    rows = rows.with_columns(check_bits(checks, range(len(checks))).alias(FAIL))
    origin = Origin(source.display_name)
    problems += _row_check_problems(checks, groups, rows, origin)
    counts = groups.filter(pl.col(FAIL) == 0).select(
        [pl.col(c).cast(t) for c, t in COUNTS_SCHEMA.items()]
    )
    kept = rows.filter(pl.col(FAIL) == 0).drop(FAIL, "type_failed")
    return Responses(counts, kept, int(groups["respondents"].sum()), origin), problems


def _typed_rows(lf: pl.LazyFrame, renames: dict[str, str], touched: list[pl.Expr]) -> pl.LazyFrame:
    """The file's rows, numbered as in a spreadsheet, in the schema's columns and types, with the
    defaults filled in and `type_failed` where a cell could not be cast."""
    schema = lf.collect_schema()
    dtypes = SPEC.dtypes()
    columns: list[pl.Expr] = []
    failed: list[pl.Expr] = []
    for header, canonical in renames.items():
        typed, failure = _typed(header, schema[header], dtypes[canonical])
        columns.append(typed.alias(canonical))
        if failure is not None:
            failed.append(failure)
    present = set(renames.values())
    columns += [pl.lit(None, t).alias(c) for c, t in dtypes.items() if c not in present]
    return (
        lf.with_row_index(ROW, offset=2)
        .select(
            pl.col(ROW).cast(pl.Int64),
            *columns,
            type_failed=pl.any_horizontal(pl.lit(False), *failed, *touched),
        )
        .with_columns(
            pl.col("metric_id").fill_null(DEFAULTS[("responses", "metric_id")]),
            rating=valid_rating(),
        )
    )


def _row_check_problems(
    checks: list[RowCheck], groups: pl.DataFrame, rows: pl.LazyFrame, origin: Origin
) -> list[Problem]:
    """The report for the row checks that failed: how many rows, and the first of them (one more
    pass over the file per failed check, stopping early; none for a clean file)."""
    failed = []
    for i, check in enumerate(checks):
        total = int(groups.filter((pl.col(FAIL) & (1 << i)) != 0)["respondents"].sum())
        if total:
            failed.append((i, check, total))
    if not failed:
        return []
    firsts = pl.collect_all(
        [
            rows.filter((pl.col(FAIL) & (1 << i)) != 0).drop(FAIL, "type_failed").head(MAX_DETAILED)
            for i, _, _ in failed
        ]
    )
    problems: list[Problem] = []
    for (_, check, total), first in zip(failed, firsts, strict=True):
        if check.column is None:  # a rule on the whole row: the row's values, as pandera shows them
            values = [
                failure_value(json.dumps({k: v for k, v in row.items() if k != ROW}), None, ())
                for row in first.iter_rows(named=True)
            ]
        else:
            values = first[check.column].cast(pl.String).to_list()
        listed = pl.DataFrame(
            {"row": first[ROW], "value": values}, schema={"row": pl.Int64, "value": pl.String}
        )
        what, wanted = describe_check(check.check)
        problems += row_problems(
            listed,
            severity="error",
            what=what,
            wanted=wanted,
            check=check.check,
            table="responses",
            file=origin.file,
            sheet=origin.sheet,
            column=check.column,
            total=total,
        )
    return problems

"""Loading a benchmark dataset from any of its forms into validated tables and a report.

Forms: a folder of CSV/Parquet files (one per table, named after it, Swedish names too), one Excel
workbook (a sheet per table), one *wide* file (a row per company and year), a zip of a folder, and any
of these with an explicit column map. `load_dataset` never raises on bad input: whatever is wrong
comes back in `Dataset.report`, and the valid rest of the data stays usable where that is safe.
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from metrics.aggregate import COUNT_KEY, RATING_COUNTS, SCORE_KEY, aggregate_responses, valid_rating
from metrics.ingest import archive, colmap, wide
from metrics.ingest.parse import map_headers, match_table, missing_columns, type_table
from metrics.ingest.read import (
    MAX_FILE_BYTES,
    PARQUET_SUFFIXES,
    SUPPORTED_SUFFIXES,
    TEXT_SUFFIXES,
    RawTable,
    SourceFile,
    UnreadableFile,
    read_source,
)
from metrics.ingest.responses import NotStreamable, Responses, from_frame, scan_responses
from metrics.quality.report import Problem, ValidationReport
from metrics.quality.validate import (
    Origin,
    check_metrics,
    check_waves,
    companies_without_industry,
    resolve_references,
    validate_table,
)
from metrics.schema import DEFAULTS, ROW, TABLES, default_metrics
from metrics.text.i18n import Msg, msg
from metrics.text.names import slug


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
    """Respondent rows in use (the rows themselves are not kept: see `rating_counts`)."""

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


def _archive_reason(exc: Exception) -> Msg:
    return exc.reason if isinstance(exc, archive.UnsafeArchive) else msg("reason.not_a_zip")


def unexpected(
    file: str, exc: Exception, table: str | None = None, sheet: str | None = None
) -> Problem:
    """A problem for a failure nobody foresaw: still a line in the report, never a traceback."""
    detail = f"{type(exc).__name__}: {str(exc)[:200]}"
    return Problem(
        "error",
        msg("problem.unexpected", detail=detail),
        table=table,
        file=file,
        sheet=sheet,
        wanted=msg("expected.report_case"),
        check="unexpected",
    )


# --- finding the tables in the files -------------------------------------------------------------


def data_files(folder: Path) -> list[SourceFile]:
    """The data files in a folder and its subfolders (hidden ones skipped), named relative to it."""
    return [
        SourceFile(p, str(p.relative_to(folder)))
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and p.suffix.lower() in (*SUPPORTED_SUFFIXES, ".zip")
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]


def unzip_sources(source: SourceFile, workdir: Path, max_bytes: int) -> list[SourceFile]:
    """A zip's data files, extracted safely into a fresh folder under `workdir`."""
    dest = Path(tempfile.mkdtemp(prefix="zip-", dir=workdir))
    extracted = archive.extract_dataset(source.path, dest, max_total=max_bytes)
    return [SourceFile(p, f"{source.display_name}/{p.name}") for p in extracted]


def _identify(
    raws: list[RawTable],
    cmap: colmap.ColumnMap | None,
    report: ValidationReport,
    streamed: bool = False,
) -> dict[str, tuple[RawTable, dict[str, str], dict[str, str] | None]]:
    """Which raw table is which data-model table: (raw, date formats, explicit column renames).
    `streamed`: the responses were found (and streamed) already."""
    found: dict[str, tuple[RawTable, dict[str, str], dict[str, str] | None]] = {}
    if cmap is not None:
        for name, tmap in cmap.tables.items():
            candidates = [
                r
                for r in raws
                if tmap.source is None or tmap.source in (r.file, r.sheet, Path(r.file).name)
            ]
            if not candidates:
                report.add(
                    Problem(
                        "error",
                        msg("problem.map_source_missing", source=tmap.source),
                        table=name,
                        file=cmap.origin,
                        wanted=msg("expected.file_or_sheet"),
                        check="column_map",
                    )
                )
                continue
            mapped, date_formats = colmap.apply_table_map(candidates[0], tmap)
            found[name] = (mapped, date_formats, {c: c for c in mapped.frame.columns})
        return found
    unknown = []
    for raw in raws:
        name = match_table(raw.stem)
        if name is None:
            unknown.append(raw)
        elif name in found or (name == "responses" and streamed):
            report.add(
                Problem(
                    "warning",
                    msg("problem.second_source", table=name),
                    table=name,
                    file=raw.file,
                    sheet=raw.sheet,
                    value=found[name][0].file if name in found else None,
                    wanted=msg("expected.one_per_table"),
                    check="duplicate_table",
                )
            )
        else:
            found[name] = (raw, {}, None)
    if not found and not streamed and len(unknown) == 1 and wide.looks_wide(unknown[0]):
        report.add(
            Problem(
                "note",
                msg("problem.wide_form"),
                file=unknown[0].file,
                sheet=unknown[0].sheet,
                check="wide_form",
            )
        )
        return {name: (raw, {}, None) for name, raw in wide.split_wide(unknown[0]).items()}
    for raw in unknown:
        report.add(
            Problem(
                "note",
                msg("problem.unknown_table"),
                file=raw.file,
                sheet=raw.sheet,
                wanted=msg("expected.table_name"),
                check="unknown_table",
            )
        )
    return found


# --- typing, defaults and validation per table ---------------------------------------------------


def _with_defaults(frame: pl.DataFrame, table: str) -> pl.DataFrame:
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


def _load_table(
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
    typed = _with_defaults(typed, name)
    valid, problems = validate_table(typed, spec, Origin(raw.file, raw.sheet))
    report.extend(problems)
    return valid, raw.frame.height


# --- the dataset as a whole -----------------------------------------------------------------------


def _derive_industries(companies: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Industries from the companies' industry names when no industries table is given."""
    names = companies["industry_id"].drop_nulls().unique(maintain_order=True)
    ids = {n: slug(n) for n in names}
    industries = pl.DataFrame(
        {
            "industry_id": list(ids.values()),
            "name_sv": [n if n != slug(n) else n.capitalize() for n in ids],
            "name_en": [None] * len(ids),
            "sector": [None] * len(ids),
        },
        schema=TABLES["industries"].dtypes(),
    ).unique("industry_id", keep="first", maintain_order=True)
    companies = companies.with_columns(pl.col("industry_id").replace(ids))
    return industries, companies


def _derive_companies(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    ids = (
        pl.concat([t.select("company_id") for n, t in tables.items() if "company_id" in t.columns])[
            "company_id"
        ]
        .drop_nulls()
        .unique()
        .sort()
    )
    frame = pl.DataFrame({"company_id": ids, "name": ids}).with_row_index(ROW, offset=1)
    return _with_defaults(frame.with_columns(pl.col(ROW).cast(pl.Int64)), "companies")


def _catalogue(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """The default metrics catalogue, overridden and extended by the dataset's own rows."""
    default = default_metrics()
    own = tables.get("metrics")
    if own is None:
        return default
    own = own.drop(ROW)
    return pl.concat([default.filter(~pl.col("metric_id").is_in(own["metric_id"].implode())), own])


def _waves(
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


def _finish(dataset: Dataset, report: ValidationReport) -> None:
    tables = dataset.tables
    if "companies" in tables and tables["companies"].height:
        if "industries" not in tables:
            tables["industries"], tables["companies"] = _derive_industries(tables["companies"])
        if dataset.derived_companies:
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
    catalogue = _catalogue(tables)
    refs = {**tables, "metrics": catalogue}
    report.extend(resolve_references(refs, dataset.origins))
    tables.update({k: v for k, v in refs.items() if k != "metrics"})
    responses = dataset.responses
    if responses is not None:
        report.extend(responses.check_references(refs))
    waves = _waves(tables, responses, report)
    report.extend(check_waves(tables, waves, dataset.origins))
    if responses is not None:
        report.extend(responses.check_waves_and_domains(waves, catalogue))
    report.extend(check_metrics(tables, catalogue, dataset.origins))
    tables["metrics"] = catalogue
    tables["waves"] = waves
    if responses is not None:
        counts = responses.resolved()
        tables[RATING_COUNTS] = counts.sort(COUNT_KEY, nulls_last=True)
        dataset.responses_used = responses.used
        if dataset.keep_rows:
            dataset.response_rows = _valid_rows(responses)
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
            report.left_out.append(msg("left_out.rows", table=name, lost=read - kept, read=read))
    if not dataset.usable:
        report.add(Problem("error", msg("problem.unusable"), check="unusable"))


def _streamable(source: SourceFile, max_bytes: int | None) -> bool:
    """A responses file that can be streamed: CSV or Parquet, within the caller's size limit."""
    suffix = source.path.suffix.lower()
    return (
        suffix in (*TEXT_SUFFIXES, *PARQUET_SUFFIXES)
        and match_table(Path(source.display_name).stem) == "responses"
        and (max_bytes is None or source.path.stat().st_size <= max_bytes)
    )


def load_sources(
    sources: Sequence[SourceFile],
    name: str = "dataset",
    column_map: str | Path | None = None,
    max_bytes: int | None = None,
    stream: bool = True,
    keep_rows: bool = False,
) -> Dataset:
    """Load a dataset from files (as uploaded or found on disk). Never raises on bad input.

    `max_bytes`: the largest file accepted (uploads); by default files read into memory may have up
    to `MAX_FILE_BYTES`, and a streamed responses file any size. `stream=False` reads responses in
    full even where they could be streamed (the reference the streaming path is tested against).
    """
    dataset = Dataset(name=name, keep_rows=keep_rows)
    # extracted zips live until the end: a streamed responses file is read again for the report;
    # the responses are streamed in a thread while the other tables are read and validated
    with (
        tempfile.TemporaryDirectory(prefix="servicemirror-") as tmp,
        ThreadPoolExecutor(1, thread_name_prefix="responses") as pool,
    ):
        return _load_sources(dataset, sources, column_map, max_bytes, stream, Path(tmp), pool)


def _load_sources(
    dataset: Dataset,
    sources: Sequence[SourceFile],
    column_map: str | Path | None,
    max_bytes: int | None,
    stream: bool,
    tmp: Path,
    pool: ThreadPoolExecutor,
) -> Dataset:
    report = dataset.report
    pending: tuple[SourceFile, Future] | None = None
    try:
        cmap = colmap.read_column_map(column_map) if column_map else None
    except colmap.ColumnMapError as exc:
        what = msg("problem.column_map", reason=exc.reason)
        report.add(Problem("error", what, file=Path(column_map).name, check="column_map"))
        return dataset
    raws: list[RawTable] = []
    for source in sources:
        try:
            if source.path.suffix.lower() == ".zip":
                expanded = unzip_sources(source, Path(tmp), max_bytes or MAX_FILE_BYTES)
            else:
                expanded = [source]
            for member in expanded:
                if stream and cmap is None and not pending and _streamable(member, max_bytes):
                    pending = (member, pool.submit(scan_responses, member))
                    continue
                raws.extend(read_source(member, max_bytes or MAX_FILE_BYTES))
        except UnreadableFile as exc:
            report.add(exc.problem)
        except (archive.UnsafeArchive, zipfile.BadZipFile) as exc:
            report.add(
                Problem(
                    "error",
                    msg("problem.archive_refused", reason=_archive_reason(exc)),
                    file=source.display_name,
                    wanted=msg("expected.zip_of_files"),
                    check="archive",
                )
            )
        except Exception as exc:
            report.add(unexpected(source.display_name, exc))
    _notes(raws, report)
    found = _identify([r for r in raws if not r.hidden], cmap, report, pending is not None)
    streamed = None
    if pending is not None:
        member, future = pending

        def responses() -> tuple[Responses | None, list[Problem], int]:
            result, problems = future.result()
            return result, problems, result.rows_read if result else _count_rows(member)

        def fallback() -> RawTable | None:
            try:
                whole = read_source(member, max_bytes or MAX_FILE_BYTES)
            except UnreadableFile as exc:
                report.add(exc.problem)
                return None
            _notes(whole, report)
            return whole[0]

        streamed = Streamed(Origin(member.display_name), responses, fallback)
    derive = cmap.origin if cmap is not None and cmap.derive_companies else None
    return load_tables(dataset, found, streamed, derive, had_sources=bool(raws))


@dataclass
class Streamed:
    """Responses that come as rating counts (streamed from a file, or aggregated by a database)."""

    origin: Origin
    result: Callable[[], tuple[Responses | None, list[Problem], int]]
    """-> (responses, problems, rows read); raises NotStreamable when the source must be read whole"""
    fallback: Callable[[], RawTable | None] | None = None


def load_tables(
    dataset: Dataset,
    found: dict[str, tuple[RawTable, dict[str, str], dict[str, str] | None]],
    streamed: Streamed | None = None,
    derive_companies: str | None = None,
    had_sources: bool = True,
) -> Dataset:
    """Type, validate and finish the tables found (raw tables by data-model name), whatever their
    source. `derive_companies`: where the instruction to derive companies from ids comes from."""
    report = dataset.report
    for table in [t for t in TABLES if t != "responses"] + ["responses"]:  # its scan runs meanwhile
        if table == "responses" and streamed is not None:
            try:
                responses, problems, read = streamed.result()
                dataset.origins["responses"] = streamed.origin
                report.extend(problems)
                dataset.rows_read["responses"] = read
                dataset.responses = responses
                dataset.responses_streamed = True
                continue
            except NotStreamable:  # read in full
                raw = streamed.fallback() if streamed.fallback else None
                if raw is None:
                    continue
                found["responses"] = (raw, {}, None)
            except Exception as exc:
                report.add(unexpected(streamed.origin.file, exc, table="responses"))
                continue
        if table not in found:
            continue
        raw, date_formats, explicit = found[table]
        dataset.origins[table] = Origin(raw.file, raw.sheet)
        try:
            frame, read = _load_table(table, raw, date_formats, explicit, report)
        except Exception as exc:
            report.add(unexpected(raw.file, exc, table=table, sheet=raw.sheet))
            frame, read = None, raw.frame.height
        dataset.rows_read[table] = read
        if frame is not None and table == "responses":
            dataset.responses = from_frame(frame, read, dataset.origins[table])
        elif frame is not None:
            dataset.tables[table] = frame
    if "companies" not in found:
        if derive_companies is not None and dataset.tables:
            sources = dict(dataset.tables)
            if dataset.responses is not None:
                sources["responses"] = dataset.responses.counts
            dataset.tables["companies"] = _derive_companies(sources)
            dataset.derived_companies = True
            dataset.origins["companies"] = Origin(derive_companies)
            report.add(
                Problem(
                    "note",
                    msg("problem.companies_derived"),
                    table="companies",
                    check="derived",
                )
            )
        elif had_sources:
            report.add(
                Problem(
                    "error",
                    msg("problem.no_companies"),
                    table="companies",
                    wanted=msg("expected.companies_file"),
                    check="missing_table",
                )
            )
    if had_sources and "service_scores" not in found and "responses" not in found and not streamed:
        report.add(
            Problem(
                "error",
                msg("problem.no_scores"),
                table="service_scores",
                wanted=msg("expected.scores_file"),
                check="missing_table",
            )
        )
    try:
        _finish(dataset, report)
    except Exception as exc:
        report.add(unexpected(dataset.name, exc))
        dataset.tables.clear()
    return dataset


def _valid_rows(responses: Responses) -> pl.LazyFrame:
    """The rows that passed every check, as the data model has them (ids for names, respondent ids
    numbered by row where missing)."""
    dtypes = TABLES["responses"].dtypes()
    return responses.rows.with_columns(
        [pl.col(c).replace(m) for c, m in responses.renamed.items() if m]
        + [pl.col("respondent_id").fill_null(pl.col(ROW).cast(pl.String))]
    ).select([pl.col(c).cast(t) for c, t in dtypes.items()])


def _notes(raws: list[RawTable], report: ValidationReport) -> None:
    for raw in raws:
        if raw.encoding and raw.encoding != "UTF-8":
            report.add(
                Problem(
                    "note",
                    msg("problem.encoding", encoding=raw.encoding),
                    file=raw.file,
                    check="encoding",
                )
            )
    for raw in (r for r in raws if r.hidden):
        report.add(
            Problem(
                "note",
                msg("problem.hidden_sheet"),
                file=raw.file,
                sheet=raw.sheet,
                check="hidden_sheet",
            )
        )


def _count_rows(source: SourceFile) -> int:
    suffix = source.path.suffix.lower()
    try:
        lf = (
            pl.scan_parquet(source.path)
            if suffix in PARQUET_SUFFIXES
            else pl.scan_csv(source.path, infer_schema=False)
        )
        return int(lf.select(pl.len()).collect().item())
    except pl.exceptions.PolarsError:
        return 0


def load_dataset(
    path: str | Path,
    column_map: str | Path | None = None,
    max_bytes: int | None = None,
    stream: bool = True,
    keep_rows: bool = False,
) -> Dataset:
    """Load a dataset from a folder, a workbook, a wide file or a zip. Never raises on bad input."""
    path = Path(path)
    if not path.exists():
        dataset = Dataset(name=path.name)
        dataset.report.add(
            Problem("error", msg("problem.not_found"), file=str(path), check="not_found")
        )
        return dataset
    if path.is_dir():
        files = data_files(path)
        if not files:
            dataset = Dataset(name=path.name)
            dataset.report.add(
                Problem(
                    "error",
                    msg("problem.empty_folder"),
                    file=path.name,
                    check="empty_folder",
                )
            )
            return dataset
    else:
        files = [SourceFile.of(path)]
    return load_sources(
        files,
        name=path.name,
        column_map=column_map,
        max_bytes=max_bytes,
        stream=stream,
        keep_rows=keep_rows,
    )

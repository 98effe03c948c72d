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
from dataclasses import dataclass
from pathlib import Path

from metrics.ingest import archive, colmap
from metrics.ingest.dataset import Dataset
from metrics.ingest.finish import companies_from_ids, finish, load_table
from metrics.ingest.identify import (
    archive_reason,
    count_rows,
    data_files,
    identify_tables,
    read_notes,
    unzip_sources,
)
from metrics.ingest.parse import match_table
from metrics.ingest.read import (
    MAX_FILE_BYTES,
    PARQUET_SUFFIXES,
    TEXT_SUFFIXES,
    RawTable,
    SourceFile,
    UnreadableFile,
    read_source,
)
from metrics.ingest.responses import NotStreamable, Responses, from_frame, scan_responses
from metrics.quality.report import Problem
from metrics.quality.validate import Origin
from metrics.schema import TABLES
from metrics.text.i18n import msg


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
    members = _expand(sources, tmp, max_bytes, report)
    # a column map beside the data: dataset.toml in a folder, any .toml in a zip or an upload
    found_maps = [
        m
        for m in members
        if Path(m.display_name).name.lower() in colmap.MAP_NAMES or m.path.suffix == ".toml"
    ]
    members = [m for m in members if m not in found_maps]
    if column_map is None and found_maps:
        column_map = found_maps[0].path
        map_name = found_maps[0].display_name
    else:
        map_name = Path(column_map).name if column_map else None
    try:
        cmap = colmap.read_column_map(column_map) if column_map else None
    except colmap.ColumnMapError as exc:
        what = msg("problem.column_map", reason=exc.reason)
        report.add(Problem("error", what, file=map_name, check="column_map"))
        return dataset
    if cmap is not None:
        cmap.origin = map_name or cmap.origin
        dataset.about = cmap.about
        dataset.name = cmap.about.name or dataset.name
        dataset.match_by_name = {t for t, m in cmap.tables.items() if m.match == "name"}
    stream = stream and (cmap is None or "responses" not in cmap.tables)
    raws: list[RawTable] = []
    for member in members:
        try:
            if stream and not pending and _streamable(member, max_bytes):
                pending = (member, pool.submit(scan_responses, member))
                continue
            raws.extend(read_source(member, max_bytes or MAX_FILE_BYTES))
        except UnreadableFile as exc:
            report.add(exc.problem)
        except Exception as exc:
            report.add(unexpected(member.display_name, exc))
    read_notes(raws, report)
    found = identify_tables([r for r in raws if not r.hidden], cmap, report, pending is not None)
    streamed = None
    if pending is not None:
        member, future = pending

        def responses() -> tuple[Responses | None, list[Problem], int]:
            result, problems = future.result()
            return result, problems, result.rows_read if result else count_rows(member)

        def fallback() -> RawTable | None:
            try:
                whole = read_source(member, max_bytes or MAX_FILE_BYTES)
            except UnreadableFile as exc:
                report.add(exc.problem)
                return None
            read_notes(whole, report)
            return whole[0]

        streamed = Streamed(Origin(member.display_name), responses, fallback)
    industry_level = dataset.about.level == "industry"
    derive = cmap.origin if cmap is not None and (cmap.derive_companies or industry_level) else None
    return load_tables(dataset, found, streamed, derive, had_sources=bool(raws))


def _expand(
    sources: Sequence[SourceFile], tmp: Path, max_bytes: int | None, report
) -> list[SourceFile]:
    """The files to read: zips unpacked (safely) into `tmp`, the rest as they are."""
    members: list[SourceFile] = []
    for source in sources:
        if source.path.suffix.lower() != ".zip":
            members.append(source)
            continue
        try:
            members += unzip_sources(source, tmp, max_bytes or MAX_FILE_BYTES, report)
        except (archive.UnsafeArchive, zipfile.BadZipFile) as exc:
            what = msg("problem.archive_refused", reason=archive_reason(exc))
            report.add(
                Problem(
                    "error",
                    what,
                    file=source.display_name,
                    wanted=msg("expected.zip_of_files"),
                    check="archive",
                )
            )
        except Exception as exc:
            report.add(unexpected(source.display_name, exc))
    return members


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
            frame, read = load_table(table, raw, date_formats, explicit, report)
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
            # names to be matched to the companies do not make companies of their own
            sources = {k: v for k, v in dataset.tables.items() if k not in dataset.match_by_name}
            if dataset.responses is not None:
                sources["responses"] = dataset.responses.counts
            industry_level = dataset.about.level == "industry"
            dataset.tables["companies"] = companies_from_ids(sources, industry_level)
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
        finish(dataset, report)
    except Exception as exc:
        report.add(unexpected(dataset.name, exc))
        dataset.tables.clear()
    return dataset


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

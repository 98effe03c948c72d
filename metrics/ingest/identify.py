"""Which file or sheet is which table of the data model: the data files of a folder, zips unpacked
safely, column maps applied, the wide form recognised, and notes on how each file was read."""

from __future__ import annotations

import tempfile
from pathlib import Path

import polars as pl

from metrics.ingest import archive, colmap, wide
from metrics.ingest.parse import match_table
from metrics.ingest.read import (
    PARQUET_SUFFIXES,
    SUPPORTED_SUFFIXES,
    RawTable,
    SourceFile,
)
from metrics.quality.report import Problem, ValidationReport
from metrics.text.i18n import Msg, msg


def archive_reason(exc: Exception) -> Msg:
    return exc.reason if isinstance(exc, archive.UnsafeArchive) else msg("reason.not_a_zip")


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


def identify_tables(
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


def read_notes(raws: list[RawTable], report: ValidationReport) -> None:
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


def count_rows(source: SourceFile) -> int:
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

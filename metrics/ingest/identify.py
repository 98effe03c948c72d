"""Which file or sheet is which table of the data model: the data files of a folder, zips unpacked
safely, column maps applied, the wide form recognised, and notes on how each file was read."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import polars as pl

from metrics.ingest import archive, colmap, wide
from metrics.ingest.mapping import apply_table_map
from metrics.ingest.parse import match_table
from metrics.ingest.read import (
    PARQUET_SUFFIXES,
    SUPPORTED_SUFFIXES,
    RawTable,
    SourceFile,
)
from metrics.quality.report import Problem, ValidationReport
from metrics.schema import default_metrics
from metrics.text.i18n import Msg, msg


def archive_reason(exc: Exception) -> Msg:
    return exc.reason if isinstance(exc, archive.UnsafeArchive) else msg("reason.not_a_zip")


def data_files(folder: Path) -> list[SourceFile]:
    """The data files in a folder and its subfolders (hidden ones skipped), named relative to it."""
    return [
        SourceFile(p, str(p.relative_to(folder)))
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and (
            p.suffix.lower() in (*SUPPORTED_SUFFIXES, ".zip") or p.name.lower() in colmap.MAP_NAMES
        )
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]


def unzip_sources(
    source: SourceFile, workdir: Path, max_bytes: int, report: ValidationReport
) -> list[SourceFile]:
    """A zip's data files, extracted safely into a fresh folder under `workdir`; a zip inside it is
    not opened, and the report says so."""
    dest = Path(tempfile.mkdtemp(prefix="zip-", dir=workdir))
    extracted, nested = archive.extract_dataset(source.path, dest, max_total=max_bytes)
    for name in nested:
        what = msg("problem.nested_zip", name=name)
        problem = Problem(
            "warning", what, file=source.display_name, wanted=msg("expected.unzipped")
        )
        report.add(replace(problem, check="archive"))
    return [SourceFile(p, f"{source.display_name}/{p.name}") for p in extracted]


Found = dict[str, tuple[RawTable, dict[str, str], dict[str, str] | None]]
"""Raw tables by data-model name: (raw, date formats, explicit column renames)."""


def _catalogue(cmap: colmap.ColumnMap | None) -> pl.DataFrame:
    """The metrics a wide file's headers are matched against: the defaults and the map's own."""
    columns = ["metric_id", "domain", "label_sv", "label_en"]
    default = default_metrics().select(columns)
    own = [{c: row.get(c) for c in columns} for row in (cmap.metrics if cmap else [])]
    if not own:
        return default
    own_frame = pl.DataFrame(own, schema=dict.fromkeys(columns, pl.String))
    return pl.concat(
        [default.filter(~pl.col("metric_id").is_in(own_frame["metric_id"].implode())), own_frame]
    )


def _mapped(
    raws: list[RawTable], cmap: colmap.ColumnMap, report: ValidationReport
) -> tuple[Found, list[RawTable]]:
    """The tables a column map names (and its metrics), and the raw tables it used."""
    found: Found = {}
    used: list[RawTable] = []
    for name, tmap in cmap.tables.items():
        candidates = [r for r in raws if tmap.source is None or _is_source(r, tmap.source)]
        if not candidates:
            what = msg("problem.map_source_missing", source=tmap.source)
            report.add(
                Problem(
                    "error",
                    what,
                    table=name,
                    file=cmap.origin,
                    wanted=msg("expected.file_or_sheet"),
                    check="column_map",
                )
            )
            continue
        raw = candidates[0]
        mapped, date_formats = apply_table_map(raw, tmap)
        found[name] = (mapped, date_formats, {c: c for c in mapped.frame.columns})
        used.append(raw)
        pairs = [f"{src} → {target}" for src, target in tmap.columns.items()]
        pairs += [f"{src} → metric_id {metric}, rating" for src, metric in tmap.ratings.items()]
        report.add(
            Problem(
                "note",
                msg("problem.columns_mapping"),
                table=name,
                file=raw.file,
                sheet=raw.sheet,
                value="; ".join(pairs),
                check="mapping",
            )
        )
    if cmap.metrics and "metrics" not in found:
        frame = pl.DataFrame(
            cmap.metrics, schema=dict.fromkeys({k for row in cmap.metrics for k in row}, pl.String)
        )
        found["metrics"] = (RawTable(frame, cmap.origin), {}, None)
    return found, used


def _is_source(raw: RawTable, source: str) -> bool:
    return source in (raw.file, raw.sheet, Path(raw.file).name, Path(raw.file).stem)


def identify_tables(
    raws: list[RawTable],
    cmap: colmap.ColumnMap | None,
    report: ValidationReport,
    streamed: bool = False,
) -> Found:
    """Which raw table is which data-model table: those a column map names first, then the rest by
    their file or sheet names, or a single sheet of another name as the wide form.
    `streamed`: the responses were found (and streamed) already."""
    found, used = _mapped(raws, cmap, report) if cmap is not None else ({}, [])
    rest = [r for r in raws if not any(r is u for u in used)]
    if cmap is not None and cmap.wide is not None:
        sheets = [r for r in rest if cmap.wide.source is None or _is_source(r, cmap.wide.source)]
        unnamed = [r for r in sheets if match_table(r.stem) is None]
        if unnamed or sheets:
            raw = (unnamed or sheets)[0]
            rest = [r for r in rest if r is not raw]
            found |= _wide(raw, cmap, report, exclude=found)
    unknown = []
    for raw in rest:
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
        return _wide(unknown[0], cmap, report, exclude={})
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


def _wide(
    raw: RawTable, cmap: colmap.ColumnMap | None, report: ValidationReport, exclude: Found
) -> Found:
    """A wide sheet split into tables (those a column map gave already are kept as given)."""
    report.add(
        Problem("note", msg("problem.wide_form"), file=raw.file, sheet=raw.sheet, check="wide_form")
    )
    tables, problems = wide.split_wide(raw, _catalogue(cmap), cmap.wide if cmap else None)
    report.extend(problems)
    return {name: (t, {}, None) for name, t in tables.items() if name not in exclude}


def read_notes(raws: list[RawTable], report: ValidationReport) -> None:
    """What reading found: problems of the files themselves, encodings, hidden sheets."""
    for raw in raws:
        report.extend(raw.problems)
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

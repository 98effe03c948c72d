"""Excel workbooks: every sheet as text columns, hidden sheets marked, repeated headers named, and an
.xlsx (a zip of XML) checked before a reader expands it."""

from __future__ import annotations

from metrics.ingest.read import RawTable, SourceFile, duplicate_headers, fail
from metrics.quality.report import Problem
from metrics.text.i18n import msg

MAX_WORKBOOK_BYTES = 512 * 1024 * 1024
"""Largest uncompressed size of an .xlsx (a zip of XML): more is refused before it is opened."""


def _check_workbook(source: SourceFile) -> None:
    """An .xlsx is a zip: its members' sizes and compression ratios are checked before a reader
    expands them (a zip bomb named .xlsx)."""
    import zipfile

    from metrics.ingest.archive import MAX_RATIO, MAX_WORKBOOK_CELLS, sheet_sizes

    if not zipfile.is_zipfile(source.path):
        return  # .xls / .ods: the reader says what is wrong
    with zipfile.ZipFile(source.path) as archive:
        infos = archive.infolist()
        total = sum(i.file_size for i in infos)
        bomb = any(
            i.file_size > MAX_RATIO * max(i.compress_size, 1) and i.file_size > 10_000_000
            for i in infos
        )
        if bomb or total > MAX_WORKBOOK_BYTES:
            size = round(total / 1e6)
            fail(source, msg("problem.workbook_bomb", size=size), msg("expected.ordinary_xlsx"))
        # rows and cells counted before the reader holds the whole sheet in memory
        for sheet, rows, cells in sheet_sizes(archive):
            if cells > MAX_WORKBOOK_CELLS:
                what = msg("problem.workbook_too_big", rows=rows, cells=cells)
                fail(source, what, msg("expected.sheet_cells", limit=MAX_WORKBOOK_CELLS), sheet)


def read_excel_tables(source: SourceFile) -> list[RawTable]:
    """Every sheet of a workbook as text columns; hidden ones are marked and left out by the loader."""
    import fastexcel  # imported here: only workbooks need it

    _check_workbook(source)
    try:
        reader = fastexcel.read_excel(str(source.path))
    except Exception:
        fail(source, msg("problem.bad_workbook"), msg("expected.xlsx_per_table"))
    tables = []
    for name in reader.sheet_names:
        try:
            sheet = reader.load_sheet(name, dtypes="string")
            frame = sheet.to_polars()
        except Exception:
            what = msg("problem.bad_sheet", sheet=name)
            fail(source, what, msg("expected.sheet_with_header"), sheet=name)
        hidden = str(getattr(sheet, "visible", "visible")).lower().endswith("hidden")
        problems: list[Problem] = []
        if frame.width > 1:
            head = reader.load_sheet(name, header_row=None, n_rows=1, dtypes="string").to_polars()
            headers = [str(v or "") for v in head.row(0)] if head.height else []
            repeats, problems = duplicate_headers(headers, source, sheet=name)
            frame = frame.drop([frame.columns[i] for i in repeats if i < frame.width])
        table = RawTable(frame, source.display_name, sheet=name, hidden=hidden, problems=problems)
        tables.append(table)
    return tables

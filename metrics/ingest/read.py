"""Reading files into raw frames: CSV (any separator, decimal mark and Swedish encoding), Parquet and
Excel. Nothing here knows the data model; it turns bytes into text frames and says plainly what it could
not read. Source files are only ever opened for reading.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from pathlib import Path

import polars as pl

from metrics.quality.report import Problem
from metrics.text.i18n import Msg, msg

MAX_FILE_BYTES = 1024 * 1024 * 1024
"""Largest file read at all (1 GiB); the app sets a smaller limit for uploads."""

SEPARATORS = (";", ",", "\t", "|")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
PARQUET_SUFFIXES = (".parquet", ".pq")
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + PARQUET_SUFFIXES + EXCEL_SUFFIXES


@dataclass(frozen=True)
class SourceFile:
    """A file to read and the name to show the user (an upload's own name is never used as a path)."""

    path: Path
    display_name: str

    @classmethod
    def of(cls, path: str | Path) -> SourceFile:
        path = Path(path)
        return cls(path, path.name)


@dataclass
class RawTable:
    """One sheet or file as read: all columns as text (or as stored, for Parquet)."""

    frame: pl.DataFrame
    file: str
    sheet: str | None = None
    first_row: int = 2
    """Spreadsheet row of the first data row: 2 when the header is row 1."""
    decimal_comma: bool = False
    """True when numbers in this source use a decimal comma (Swedish Excel CSV)."""
    encoding: str | None = None
    separator: str | None = None
    hidden: bool = False
    """A hidden workbook sheet: never read as a table, only mentioned in the report."""

    @property
    def stem(self) -> str:
        return self.sheet if self.sheet is not None else Path(self.file).stem


class UnreadableFile(Exception):
    """A file that cannot be read at all; carries the problem to report."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def _fail(source: SourceFile, what: Msg, wanted: Msg, sheet: str | None = None):
    problem = Problem("error", what, file=source.display_name, sheet=sheet, wanted=wanted)
    raise UnreadableFile(replace(problem, check="unreadable_file"))


def _csv_reason(exc: csv.Error) -> Msg:
    """Python's csv error in the report's words."""
    text = str(exc)
    if "unexpected end of data" in text or "EOF" in text:
        return msg("reason.unclosed_quote")
    if "field larger than field limit" in text:
        return msg("reason.field_too_long")
    return msg("reason.bad_quoting")


def sniff_kind(data: bytes) -> str | None:
    """What a file's first bytes say it is, whatever its name: parquet, zip (xlsx), xls, or None."""
    if data.startswith(b"PAR1"):
        return "parquet"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    return None


def looks_binary(head: bytes) -> bool:
    """More than 10% control bytes (tab and line ends aside): binary, not text. A stray NUL in an
    otherwise textual CSV is left for the cell-level report."""
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 13)) + head.count(127)
    return len(head) > 0 and control / len(head) > 0.10


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes as UTF-8 (with or without BOM), else cp1252, else latin-1; line by line so
    that a file with mixed encodings still reads. Returns the text and the encoding(s) used."""
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    used: set[str] = set()
    lines = []
    for raw in data.splitlines(keepends=True):
        if raw.isascii():  # the same in every one of these encodings: no evidence either way
            lines.append(raw.decode("ascii"))
            continue
        for encoding in ("utf-8", "cp1252", "latin-1"):
            try:
                lines.append(raw.decode(encoding))
                used.add(encoding)
                break
            except UnicodeDecodeError:
                continue
    text = "".join(lines).lstrip("\ufeff")
    names = {"utf-8": "UTF-8", "cp1252": "Windows-1252", "latin-1": "Latin-1"}
    return text, " + ".join(names[e] for e in ("utf-8", "cp1252", "latin-1") if e in used)


def sniff_separator(text: str) -> str:
    """The separator under which most rows have as many fields as the header, the header having
    more than one; ties go to the one giving more fields. Quoted fields are respected."""
    # split on '\n' only: str.splitlines() also breaks at \x85, \u2028 … which CSV does not
    sample = "\n".join(text[: 1 << 18].split("\n")[:200])  # the head only: files can be gigabytes
    best, best_score = ",", (0.0, 0)
    for sep in SEPARATORS:
        try:
            rows = list(csv.reader(io.StringIO(sample, newline=""), delimiter=sep))[:100]
        except csv.Error:
            continue
        rows = [r for r in rows if r]
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        body = rows[1:-1] or rows[1:]  # the sample's last row may be cut short
        agree = sum(len(r) == width for r in body) / len(body) if body else 1.0
        if (agree, width) > best_score:
            best, best_score = sep, (agree, width)
    return best


def _read_csv_text(
    text: str | None, separator: str, source: SourceFile, utf8: bytes | None = None
) -> pl.DataFrame:
    """`utf8`: the file's own bytes when they are UTF-8 already (no second copy of a big file);
    `text` may then be None (it is decoded only if Polars cannot read the file)."""
    try:
        return pl.read_csv(
            utf8 if utf8 is not None else (text or "").encode("utf-8"),
            separator=separator,
            infer_schema=False,
            raise_if_empty=True,
        )
    except pl.exceptions.NoDataError:
        _fail(source, msg("problem.file_empty"), msg("expected.header_and_rows"))
    except pl.exceptions.PolarsError:
        pass
    # Polars refuses ragged or oddly quoted files; Python's csv module reads anything, so use it to
    # keep the rows that fit the header (the rest are reported by the caller as ragged rows).
    if text is None:
        text = (utf8 or b"").decode("utf-8")
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    except csv.Error as exc:
        _fail(
            source, msg("problem.bad_csv", reason=_csv_reason(exc)), msg("expected.closed_quotes")
        )
    if not rows:
        _fail(source, msg("problem.file_empty"), msg("expected.header_and_rows"))
    header, body = rows[0], rows[1:]
    width = len(header)
    cols = {name or f"column_{i + 1}": i for i, name in enumerate(header)}
    fitted = [row + [""] * (width - len(row)) if len(row) < width else row[:width] for row in body]
    frame = pl.DataFrame(
        {name: [row[i] or None for row in fitted] for name, i in cols.items()},
        schema=dict.fromkeys(cols, pl.String),
    )
    ragged = [i for i, row in enumerate(body) if len(row) > width]
    return frame.with_columns(
        pl.Series("__ragged__", [i in set(ragged) for i in range(len(body))], dtype=pl.Boolean)
    )


def read_text_table(source: SourceFile, data: bytes) -> RawTable:
    """A CSV/TSV file as text columns, with its separator, decimal mark and encoding detected."""
    if data.isascii():
        # most machine-written files: no decoding of the whole file, only of its head
        if not data or data.isspace():
            _fail(source, msg("problem.no_text"), msg("expected.header_and_rows"))
        text, encoding, utf8 = None, "UTF-8", data
        separator = sniff_separator(data[: 1 << 18].decode("ascii"))
    else:
        text, encoding = decode_text(data)
        if not text or text.isspace():
            _fail(source, msg("problem.no_text"), msg("expected.header_and_rows"))
        separator = sniff_separator(text)
        bom = data.startswith(b"\xef\xbb\xbf")
        utf8 = (data[3:] if bom else data) if encoding == "UTF-8" else None
    frame = _read_csv_text(text, separator, source, utf8)
    if frame.height == 0:
        _fail(source, msg("problem.header_only"), msg("expected.rows_under_header"))
    return RawTable(
        frame=frame,
        file=source.display_name,
        decimal_comma=separator == ";",
        encoding=encoding,
        separator=separator,
    )


def read_parquet_table(source: SourceFile) -> RawTable:
    try:
        frame = pl.read_parquet(source.path)
    except Exception:
        _fail(source, msg("problem.bad_parquet"), msg("expected.complete_parquet"))
    return RawTable(frame=frame, file=source.display_name)


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
            _fail(source, msg("problem.workbook_bomb", size=size), msg("expected.ordinary_xlsx"))
        # rows and cells counted before the reader holds the whole sheet in memory
        for sheet, rows, cells in sheet_sizes(archive):
            if cells > MAX_WORKBOOK_CELLS:
                what = msg("problem.workbook_too_big", rows=rows, cells=cells)
                _fail(source, what, msg("expected.sheet_cells", limit=MAX_WORKBOOK_CELLS), sheet)


def read_excel_tables(source: SourceFile) -> list[RawTable]:
    """Every sheet of a workbook as text columns; hidden ones are marked and left out by the loader."""
    import fastexcel  # imported here: only workbooks need it

    _check_workbook(source)
    try:
        reader = fastexcel.read_excel(str(source.path))
    except Exception:
        _fail(source, msg("problem.bad_workbook"), msg("expected.xlsx_per_table"))
    tables = []
    for name in reader.sheet_names:
        try:
            sheet = reader.load_sheet(name, dtypes="string")
            frame = sheet.to_polars()
        except Exception:
            what = msg("problem.bad_sheet", sheet=name)
            _fail(source, what, msg("expected.sheet_with_header"), sheet=name)
        hidden = str(getattr(sheet, "visible", "visible")).lower().endswith("hidden")
        tables.append(RawTable(frame=frame, file=source.display_name, sheet=name, hidden=hidden))
    return tables


def read_source(source: SourceFile, max_bytes: int = MAX_FILE_BYTES) -> list[RawTable]:
    """Read one file into raw tables (a workbook gives one per sheet). Raises `UnreadableFile`."""
    try:
        size = source.path.stat().st_size
    except OSError:
        _fail(source, msg("problem.cannot_open"), msg("expected.readable_file"))
    if size == 0:
        _fail(source, msg("problem.file_empty_bytes"), msg("expected.header_and_rows"))
    if size > max_bytes:
        what = msg("problem.too_large", size=size / 1e6, limit=max_bytes / 1e6)
        _fail(source, what, msg("expected.smaller_file"))
    suffix = source.path.suffix.lower() or Path(source.display_name).suffix.lower()
    with source.path.open("rb") as fh:
        head = fh.read(8)
    kind = sniff_kind(head)
    if suffix in PARQUET_SUFFIXES or kind == "parquet":
        return [read_parquet_table(source)]
    if suffix in EXCEL_SUFFIXES or kind in ("zip", "xls"):
        if suffix in TEXT_SUFFIXES:
            _fail(source, msg("problem.csv_is_workbook"), msg("expected.csv_text"))
        return read_excel_tables(source)
    if suffix in TEXT_SUFFIXES or suffix == "":
        data = source.path.read_bytes()
        if looks_binary(data[:8192]):
            _fail(source, msg("problem.binary"), msg("expected.csv_text"))
        return [read_text_table(source, data)]
    what = msg("problem.unsupported", suffix=suffix)
    _fail(source, what, msg("expected.supported_files", suffixes=list(SUPPORTED_SUFFIXES)))
    raise AssertionError("unreachable")

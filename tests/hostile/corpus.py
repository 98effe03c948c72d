"""The hostile input corpus: generated, not collected. Each case is a small dataset folder (or a
single file) that is wrong, odd or malicious in one way, and what its report must say.

    python tests/hostile/corpus.py OUT_FOLDER     # write the corpus to look at it

`tests/unit/test_hostile.py` loads every case and asserts a clear report, no exception, bounded memory
and the source files byte-identical afterwards.
"""

from __future__ import annotations

import io
import struct
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

COMPANIES = (
    "company_id,name,industry_id\na,Alfa Bank,bank\nb,Beta Bank,bank\nc,Gamma Telekom,telekom\n"
)
SCORES = (
    "company_id,year,value,n,sd\na,2019,72.5,250,20\nb,2019,68,180,19.5\nc,2019,61.2,300,21\n"
    "a,2022,74,260,20\nb,2022,67.5,90,18\nc,2022,60,310,22\n"
)

HOSTILE_NAME = (
    '=HYPERLINK("http://evil.example/x","click") <a href="http://evil.example/">link</a> '
    "![x](http://evil.example/beacon.png) :red[red] **bold** $x^2$ %{y} \x01\x1f\u202eevil"
)
"""A name that is a formula, HTML, a Markdown image, a Streamlit directive, LaTeX, a Plotly
template, C0 control characters and a direction override at once: every surface must show it as
text (tests/unit/test_surfaces.py, tests/app/test_injection.py)."""


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], Path]
    """Writes the case under the folder given; returns what to load (a folder or a file)."""
    expect: tuple[str, ...]
    """Each must appear in the report's text (message, value, expected, check), case-insensitive."""
    usable: bool | None = None
    """Whether the rest of the dataset must still be usable (None: either)."""
    upload_limit: int | None = None
    """Load it as an upload with this size limit (bytes)."""


def _folder(root: Path, **files: bytes | str) -> Path:
    """A dataset folder: the valid tiny companies and scores, with `files` added or replacing."""
    root.mkdir(parents=True, exist_ok=True)
    base = {"companies.csv": COMPANIES, "service_scores.csv": SCORES}
    for name, data in {**base, **files}.items():
        if data is None:
            continue
        path = root / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return root


def _csv_row(*values: str) -> str:
    """One CSV line, every value quoted."""
    return ",".join('"' + v.replace('"', '""') + '"' for v in values) + "\n"


def _xlsx(root: Path, build: Callable) -> Path:
    import openpyxl

    root.mkdir(parents=True, exist_ok=True)
    book = openpyxl.Workbook()
    build(book)
    path = root / "dataset.xlsx"
    book.save(path)
    return path


def _formula_merged_hidden(book) -> None:
    sheet = book.active
    sheet.title = "companies"
    for row in (
        ["company_id", "name", "industry_id"],
        ["a", "Alfa Bank", "bank"],
        ["b", "Beta Bank", "bank"],
        ["c", "Gamma Telekom", "telekom"],
    ):
        sheet.append(row)
    sheet["B5"] = '=HYPERLINK("http://evil.example/","click")'
    sheet["A5"] = "d"
    sheet["C5"] = "bank"
    scores = book.create_sheet("service_scores")
    scores.append(["company_id", "year", "value", "n"])
    scores.append(["a", 2019, "=1+1", 100])
    scores.append(["b", 2019, 70, 100])
    scores.append(["c", 2019, 65, 100])
    scores.merge_cells("A3:A4")
    secret = book.create_sheet("employer")
    secret.append(["company_id", "year", "metric_id", "value"])
    secret.append(["a", 2019, "enps", 10])
    secret.sheet_state = "hidden"


def _zip_bomb_xlsx(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    path = root / "dataset.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * 1024 * 1024))
    return path


def _huge_sheet(root: Path) -> Path:
    """An .xlsx whose sheet declares Excel's full 1,048,576 rows × 8 columns (only its dimension:
    the refusal must come before anything is read)."""
    import openpyxl

    root.mkdir(parents=True, exist_ok=True)
    book = openpyxl.Workbook()
    book.active.title = "companies"
    book.active.append(["company_id", "name", "industry_id"])
    book.active["H1048576"] = "x"
    path = root / "dataset.xlsx"
    book.save(path)
    return path


def _zip_slip(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    path = root / "dataset.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("companies.csv", COMPANIES)
        archive.writestr("../../../tmp/evil.csv", "owned")
    return path


def _truncated_parquet(root: Path) -> Path:
    buffer = io.BytesIO()
    pl.DataFrame(
        {"company_id": ["a", "b"], "year": [2019, 2019], "value": [70.0, 60.0]}
    ).write_parquet(buffer)
    return _folder(
        root, **{"service_scores.parquet": buffer.getvalue()[:-40], "service_scores.csv": None}
    )


def _wide_columns(n: int) -> str:
    header = ["company_id", "name", "industry_id"] + [f"extra_{i}" for i in range(n - 3)]
    row = ["a", "Alfa Bank", "bank"] + ["x"] * (n - 3)
    return ",".join(header) + "\n" + ",".join(row) + "\n"


def _mixed_encodings() -> bytes:
    lines = [
        b"company_id,name,industry_id\n",
        "a,Åhléns Bank,bank\n".encode(),
        "b,Önnestad Försäkring,bank\n".encode("cp1252"),
        b"c,Gamma Telekom,telekom\n",
    ]
    return b"".join(lines)


CASES: list[Case] = [
    Case("empty file", lambda r: _folder(r, **{"service_scores.csv": b""}), ("the file is empty",)),
    Case(
        "only a header",
        lambda r: _folder(r, **{"service_scores.csv": "company_id,year,value\n"}),
        ("only a header row",),
    ),
    Case(
        "binary junk named .csv",
        lambda r: _folder(r, **{"service_scores.csv": bytes(range(256)) * 64}),
        ("binary, not text",),
    ),
    Case("truncated Parquet", _truncated_parquet, ("truncated or damaged",)),
    Case(
        "Excel: formula cell, merged cells, hidden sheet",
        lambda r: _xlsx(r, _formula_merged_hidden),
        ("hidden sheet; not read",),
    ),
    Case("zip bomb disguised as .xlsx", _zip_bomb_xlsx, ("zip bomb",), usable=False),
    Case("zip with ../ paths", _zip_slip, ("unsafe path",), usable=False),
    Case(
        "a workbook sheet of 1,048,576 rows × 8 columns",
        _huge_sheet,
        ("1,048,576 rows and 8,388,608 cells", "save a bigger one as CSV"),
        usable=False,
    ),
    Case(
        "wrong encodings mixed in one file",
        lambda r: _folder(r, **{"companies.csv": _mixed_encodings()}),
        ("read as UTF-8 + Windows-1252 text",),
        usable=True,
    ),
    Case(
        "1,000 columns",
        lambda r: _folder(r, **{"companies.csv": _wide_columns(1000)}),
        ("column not in the data model",),
    ),
    Case(
        "a file over the upload limit",
        lambda r: _folder(r),
        ("over the upload limit",),
        upload_limit=100,
    ),
    Case(
        "numbers as text with thousands separators",
        lambda r: _folder(
            r,
            **{
                "commercial.csv": "company_id,fiscal_year,revenue_msek\n"
                'a,2019,"1,234,567"\nb,2019,1 234 567\nc,2019,12.345.678\n'
            },
        ),
        (),
        usable=True,
    ),
    Case(
        "NaN and inf",
        lambda r: _folder(
            r, **{"service_scores.csv": SCORES + "a,2020,NaN,100,1\nb,2020,inf,100,1\n"}
        ),
        ("cannot be read as this column's type",),
        usable=True,
    ),
    Case(
        "negative n",
        lambda r: _folder(r, **{"service_scores.csv": SCORES + "c,2020,55,-40,2\n"}),
        ("value too low",),
        usable=True,
    ),
    Case(
        "dates in three formats",
        lambda r: _folder(
            r,
            **{
                "waves.csv": "year,status,fieldwork_start\n2019,published,2019-03-01\n"
                "2020,published,01/03/2020\n2022,published,01.03.2022\n"
            },
        ),
        (),
        usable=True,
    ),
    Case(
        "duplicate keys",
        lambda r: _folder(r, **{"service_scores.csv": SCORES + "a,2019,10,100,1\n"}),
        ("duplicate key",),
        usable=True,
    ),
    Case(
        "a company in two industries",
        lambda r: _folder(r, **{"companies.csv": COMPANIES + "a,Alfa Bank,telekom\n"}),
        ("duplicate",),
        usable=True,
    ),
    Case(
        "Unicode look-alike names",
        lambda r: _folder(r, **{"service_scores.csv": SCORES + "\u0430,2022,50,100,1\n"}),
        ("unknown company", "\u0430"),
        usable=True,
    ),
    Case(
        "right-to-left marks",
        lambda r: _folder(r, **{"companies.csv": COMPANIES + "d,\u202eknaB evil\u202c,bank\n"}),
        (),
        usable=True,
    ),
    Case(
        "emoji",
        lambda r: _folder(r, **{"companies.csv": COMPANIES + "e,Happy 😀 Bank 🏦,bank\n"}),
        (),
        usable=True,
    ),
    Case(
        "very long strings",
        lambda r: _folder(r, **{"companies.csv": COMPANIES + "f," + "X" * 1_000_000 + ",bank\n"}),
        (),
        usable=True,
    ),
    Case(
        "CSV injection in names",
        lambda r: _folder(
            r, **{"companies.csv": COMPANIES + 'g,"=HYPERLINK(""http://evil"")",bank\n'}
        ),
        (),
        usable=True,
    ),
    Case(
        "HTML and Markdown in names",
        lambda r: _folder(
            r,
            **{
                "companies.csv": COMPANIES
                + "h,<script>alert(1)</script> **bold** [x](javascript:alert(1)),bank\n"
            },
        ),
        (),
        usable=True,
    ),
    Case(
        "C0 control characters and a direction override in names",
        lambda r: _folder(
            r, **{"companies.csv": COMPANIES + "i,Bad\x01\x07\x1b[31mName\u202egnp.exe,bank\n"}
        ),
        (),
        usable=True,
    ),
    Case(
        "formulas, HTML, Markdown, directives, LaTeX and templates in every name",
        lambda r: _folder(
            r,
            **{
                "companies.csv": COMPANIES + _csv_row("j", HOSTILE_NAME, "bank"),
                "industries.csv": "industry_id,name_sv,name_en\n"
                + _csv_row("bank", HOSTILE_NAME, "Banks")
                + "telekom,Telekom,Telecom\n",
            },
        ),
        (),
        usable=True,
    ),
    Case(
        "20,000 identical rows (the report stays a thousand lines a kind)",
        lambda r: _folder(r, **{"service_scores.csv": SCORES + "a,2019,72.5,250,20\n" * 20_000}),
        ("duplicate key",),
        usable=True,
    ),
    Case(
        "a .csv that is really a workbook",
        lambda r: _folder(r, **{"service_scores.csv": b"PK\x03\x04" + b"\0" * 100}),
        ("named .csv but is an Excel workbook",),
    ),
    Case(
        "an unsupported file type",
        lambda r: _folder(r, **{"notes.exe": b"MZ" + b"\0" * 64}),
        (),
        usable=True,
    ),
    Case(
        "a header with no names",
        lambda r: _folder(r, **{"service_scores.csv": ",,,\n1,2,3,4\n"}),
        ("missing column",),
    ),
    Case(
        "NUL bytes in a text file",
        lambda r: _folder(r, **{"companies.csv": COMPANIES.replace("Beta", "Be\0ta")}),
        (),
        usable=True,
    ),
    Case(
        "a BMP image named .parquet",
        lambda r: _folder(
            r,
            **{
                "service_scores.parquet": b"BM" + struct.pack("<I", 70) + b"\0" * 64,
                "service_scores.csv": None,
            },
        ),
        ("not a readable Parquet file",),
    ),
]


def build(root: Path) -> list[tuple[Case, Path]]:
    """Write every case under `root` (a folder per case); returns (case, what to load)."""
    out = []
    for i, case in enumerate(CASES):
        out.append((case, case.make(root / f"{i:02d}")))
    return out


if __name__ == "__main__":
    for case, path in build(Path(sys.argv[1])):
        print(f"{case.name:<50} {path}")

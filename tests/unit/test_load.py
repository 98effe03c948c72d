"""Loading every form of a dataset, and reporting what is wrong with it where the user can find it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import polars as pl
import pytest

from metrics.ingest.load import load_dataset
from tests.conftest import digest, problems, tiny_tables


def write_swedish_csv(frame: pl.DataFrame, path: Path, encoding: str = "cp1252", bom=False) -> None:
    """As Swedish Excel saves CSV: ';' between fields, decimal comma, Windows-1252 by default."""
    text = frame.write_csv(separator=";", decimal_comma=True)
    data = text.encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def test_tiny_folder_loads_clean(tiny_dir: Path):
    dataset = load_dataset(tiny_dir)
    assert dataset.usable
    assert dataset.report.errors == 0
    scores = dataset.tables["service_scores"]
    assert scores.height == 6
    assert scores.schema["value"] == pl.Float64 and scores.schema["n"] == pl.Int64
    assert set(scores["metric_id"]) == {"servicescore"}  # default filled in
    assert dataset.tables["companies"]["ownership"].to_list() == ["private"] * 3
    # the one n = 40 is a low base: a warning with its row, never an error
    low = problems(dataset, "warning").filter(pl.col("column") == "n")
    assert low.select("file", "row", "value").rows() == [("service_scores.csv", 6, "40")]


def test_swedish_headers_separators_decimal_commas_and_cp1252(tmp_path: Path):
    tables = tiny_tables()
    folder = tmp_path / "sv"
    folder.mkdir()
    companies = (
        tables["companies"]
        .rename({"company_id": "Företag_id", "name": "Företagsnamn", "industry_id": "Bransch"})
        .with_columns(pl.col("Företagsnamn").str.replace("Alfa", "Ålfa"))
    )
    write_swedish_csv(companies, folder / "företag.csv", "cp1252")
    scores = tables["service_scores"].rename(
        {"company_id": "Företag", "year": "År", "value": "Värde", "n": "Antal svar"}
    )
    write_swedish_csv(scores, folder / "servicebetyg.csv", "utf-8", bom=True)
    write_swedish_csv(
        tables["industries"].rename({"name_sv": "Bransch"}), folder / "branscher.csv", "latin-1"
    )
    dataset = load_dataset(folder)
    assert dataset.report.errors == 0, dataset.report.to_text()
    assert "Ålfa Bank" in dataset.tables["companies"]["name"].to_list()
    values = dataset.tables["service_scores"].sort("company_id", "year")["value"].to_list()
    assert values[0] == 72.5  # '72,5' read with a decimal comma
    notes = problems(dataset, "note")
    assert "read as Windows-1252 text" in notes["message"].to_list()


def test_parquet_and_excel_workbook(tmp_path: Path):
    tables = tiny_tables()
    pq = tmp_path / "pq"
    pq.mkdir()
    for name, frame in tables.items():
        frame.write_parquet(pq / f"{name}.parquet")
    from_parquet = load_dataset(pq)
    assert from_parquet.report.errors == 0 and from_parquet.tables["service_scores"].height == 6

    book = tmp_path / "benchmark.xlsx"
    import xlsxwriter

    with xlsxwriter.Workbook(book) as wb:
        for name, frame in tables.items():
            frame.write_excel(wb, worksheet="företag" if name == "companies" else name)
    from_excel = load_dataset(book)
    assert from_excel.report.errors == 0, from_excel.report.to_text()
    assert from_excel.tables["companies"].height == 3
    assert from_excel.origins["companies"].sheet == "företag"


def test_excel_errors_name_the_sheet_and_row(tmp_path: Path):
    tables = tiny_tables()
    tables["service_scores"] = tables["service_scores"].with_columns(
        pl.col("value").cast(pl.String).replace({"61.2": "sextio"})
    )
    book = tmp_path / "bad.xlsx"
    import xlsxwriter

    with xlsxwriter.Workbook(book) as wb:
        for name, frame in tables.items():
            frame.write_excel(wb, worksheet=name)
    dataset = load_dataset(book)
    err = problems(dataset).filter(pl.col("column") == "value").row(0, named=True)
    assert (err["file"], err["sheet"], err["row"], err["value"]) == (
        "bad.xlsx",
        "service_scores",
        4,
        "sextio",
    )
    assert "number" in err["expected"]


def test_wide_form_swedish(tmp_path: Path):
    wide = pl.DataFrame(
        {
            "Företag": ["Alfa Bank", "Alfa Bank", "Gamma Telekom", "Gamma Telekom"],
            "Bransch": ["Bank", "Bank", "Telekom", "Telekom"],
            "År": [2019, 2022, 2019, 2022],
            "ServiceScore": [72.5, 74.0, 61.25, 60.0],
            "Antal svar": [250, 260, 300, 310],
            "Omsättning": [1200.5, 1300.0, 5000.0, 5100.0],
            "Rörelseresultat": [300.0, 320.0, 800.0, 790.0],
            "eNPS": [12, 15, -5, None],
        }
    )
    path = tmp_path / "ranking.csv"
    write_swedish_csv(wide, path)
    dataset = load_dataset(path)
    assert dataset.report.errors == 0, dataset.report.to_text()
    companies = dataset.tables["companies"].sort("company_id")
    assert companies["company_id"].to_list() == ["alfa-bank", "gamma-telekom"]
    assert companies["industry_id"].to_list() == ["bank", "telekom"]
    assert dataset.tables["industries"]["name_sv"].sort().to_list() == ["Bank", "Telekom"]
    scores = dataset.tables["service_scores"].sort("company_id", "year")
    assert scores["value"].to_list() == [72.5, 74.0, 61.25, 60.0]
    assert dataset.tables["commercial"]["revenue_msek"].sort().to_list()[0] == 1200.5
    assert dataset.tables["employer"].height == 3  # the empty eNPS is not a row


def test_wide_form_errors_point_at_the_wide_row(tmp_path: Path):
    path = tmp_path / "wide.csv"
    path.write_text(
        "company,industry,year,servicescore,n\nA,Bank,2019,71,200\nB,Bank,2019,171,200\n"
        "C,Bank,twenty,70,200\n",
        encoding="utf-8",
    )
    dataset = load_dataset(path)
    errs = problems(dataset).select("row", "column", "value").rows()
    assert (3, "value", "171.0") in errs or (3, None, None) in errs or any(r[0] == 3 for r in errs)
    assert any(r == (4, "year", "twenty") for r in errs)


def test_broken_copy_reports_each_problem_with_row_column_value(sample_copy: Path):
    scores = sample_copy / "service_scores.csv"
    lines = scores.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    row = lines[1].split(",")
    row[header.index("value")] = "abc"  # text in a number column: spreadsheet row 2
    lines[1] = ",".join(row)
    row = lines[2].split(",")
    row[header.index("company_id")] = "no-such-company"  # unknown company: row 3
    lines[2] = ",".join(row)
    lines.append(lines[5])  # duplicate key: rows 6 and the new last row
    scores.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (sample_copy / "employer.csv").unlink()
    before = digest(sample_copy)

    dataset = load_dataset(sample_copy)

    assert digest(sample_copy) == before, "the loader changed a source file"
    errs = problems(dataset)
    found = {(r["row"], r["column"], r["value"]) for r in errs.iter_rows(named=True)}
    assert (2, "value", "abc") in found
    assert (3, "company_id", "no-such-company") in found
    duplicates = errs.filter(pl.col("check") == "multiple_fields_uniqueness")
    assert sorted(duplicates["row"].to_list()) == [6, len(lines)]
    assert dataset.usable  # the valid rest is still there
    assert any("service_scores" in line for line in dataset.report.left_out_sentences())


def test_missing_required_column_names_what_was_found(tiny_dir: Path):
    (tiny_dir / "service_scores.csv").write_text("company_id,year,n\na,2019,100\n")
    dataset = load_dataset(tiny_dir)
    err = problems(dataset).filter(pl.col("check") == "missing_column").row(0, named=True)
    assert err["column"] == "value" and "found: company_id, year, n" in err["expected"]
    assert not dataset.usable


def test_references_resolve_by_name_and_cancelled_waves_are_refused(tiny_dir: Path):
    scores = tiny_tables()["service_scores"].with_columns(
        pl.when(pl.col("company_id") == "a")
        .then(pl.lit("ALFA BANK"))
        .otherwise("company_id")
        .alias("company_id")
    )
    extra = pl.DataFrame(
        {"company_id": ["b"], "year": [2020], "value": [66.0], "n": [100], "sd": [20.0]}
    )
    pl.concat([scores, extra]).write_csv(tiny_dir / "service_scores.csv")
    dataset = load_dataset(tiny_dir)
    kept = dataset.tables["service_scores"]
    assert kept.filter(pl.col("company_id") == "a").height == 2  # 'ALFA BANK' resolved to 'a'
    err = problems(dataset).filter(pl.col("message") == "a score in a cancelled wave")
    assert err.select("row", "value").rows() == [(8, "2020")]
    assert 2020 not in kept["year"].to_list()


def test_value_outside_metric_scale_and_wrong_domain(tiny_dir: Path):
    employer = pl.DataFrame(
        {
            "company_id": ["a", "b", "c"],
            "year": [2019] * 3,
            "metric_id": ["enps", "enps", "servicescore"],
            "value": [30.0, 130.0, 70.0],
        }
    )
    employer.write_csv(tiny_dir / "employer.csv")
    dataset = load_dataset(tiny_dir)
    errs = problems(dataset).filter(pl.col("table") == "employer")
    assert set(errs.select("row", "message").rows()) == {
        (3, "value outside the metric's scale"),
        (4, "not a metric of the employer domain"),
    }
    assert dataset.tables["employer"].height == 1


def test_zip_of_folder_and_unsafe_zip(tiny_dir: Path, tmp_path: Path):
    good = tmp_path / "good.zip"
    with zipfile.ZipFile(good, "w") as zf:
        for f in tiny_dir.iterdir():
            zf.write(f, f"benchmark/{f.name}")
    dataset = load_dataset(good)
    assert dataset.usable and dataset.report.errors == 0

    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("../../outside.csv", "a,b\n1,2\n")
    dataset = load_dataset(evil)
    assert "unsafe path" in dataset.report.to_text()
    assert not (tmp_path.parent / "outside.csv").exists()

    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("companies.csv", "0" * 50_000_000)
    assert "zip bomb" in load_dataset(bomb).report.to_text()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"company_id,name\n", "only a header"),
        (b"\x00\x01\x02\x03" * 100, "binary"),
        (b"PK\x03\x04" + b"\x00" * 100, "Excel workbook"),
    ],
)
def test_unreadable_files_are_reported(tmp_path: Path, content: bytes, expected: str):
    path = tmp_path / "companies.csv"
    path.write_bytes(content)
    dataset = load_dataset(path)
    assert not dataset.usable
    assert expected in dataset.report.to_text()


def test_truncated_parquet_and_missing_path(tmp_path: Path, tiny_dir: Path):
    path = tmp_path / "companies.parquet"
    tiny_tables()["companies"].write_parquet(path)
    path.write_bytes(path.read_bytes()[:40])
    assert "truncated or damaged" in load_dataset(path).report.to_text()
    assert "no such file" in load_dataset(tmp_path / "nope").report.to_text()


def test_ragged_rows_are_reported_and_skipped(tiny_dir: Path):
    (tiny_dir / "companies.csv").write_text(
        'company_id,name,industry_id\na,Alfa Bank,bank\nb,"Beta, Bank",bank,extra\nc,Gamma Telekom,telekom\n'
    )
    dataset = load_dataset(tiny_dir)
    err = problems(dataset).filter(pl.col("check") == "ragged_row")
    assert err["row"].to_list() == [3]
    assert dataset.tables["companies"]["company_id"].to_list() == ["a", "c"]


def test_responses_aggregate_and_dont_know_codes(tiny_dir: Path):
    (tiny_dir / "service_scores.csv").unlink()
    pl.DataFrame(
        {
            "respondent_id": [1, 2, 3, 4, 5],
            "year": [2019] * 5,
            "company_id": ["a", "a", "a", "b", "b"],
            "rating": [5, 4, 99, 1, 2],
            "scale_points": [5] * 5,
        }
    ).write_csv(tiny_dir / "responses.csv")
    dataset = load_dataset(tiny_dir)
    assert dataset.report.errors == 0, dataset.report.to_text()
    scores = dataset.tables["service_scores"].sort("company_id")
    assert scores["n"].to_list() == [2, 2]  # the 99 is don't know, not a rating
    assert scores["value"].to_list() == pytest.approx([87.5, 12.5])


def test_hidden_sheets_are_not_read_but_mentioned(tmp_path: Path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "companies"
    for row in tiny_tables()["companies"].iter_rows():
        book.active.append(list(row))
    book.active.insert_rows(1)
    for i, name in enumerate(tiny_tables()["companies"].columns, start=1):
        book.active.cell(1, i, name)
    scores = book.create_sheet("service_scores")
    frame = tiny_tables()["service_scores"]
    scores.append(frame.columns)
    for row in frame.iter_rows():
        scores.append(list(row))
    secret = book.create_sheet("employer")
    secret.append(["company_id", "year", "metric_id", "value"])
    secret.append(["a", 2019, "enps", 999])
    secret.sheet_state = "hidden"
    path = tmp_path / "hidden.xlsx"
    book.save(path)
    dataset = load_dataset(path)
    assert dataset.report.errors == 0, dataset.report.to_text()
    assert "employer" not in dataset.tables
    notes = problems(dataset, "note").filter(pl.col("check") == "hidden_sheet")
    assert notes["sheet"].to_list() == ["employer"]


def test_a_workbook_sheet_is_counted_before_it_is_read(tmp_path, monkeypatch):
    """Its cells are counted in the XML (a dimension claiming a small sheet is not believed); a
    sheet over the limit is refused before the reader holds it in memory."""
    import zipfile

    import openpyxl

    import metrics.ingest.archive as archive

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "companies"
    sheet.append(["company_id", "name", "industry_id"])
    for i in range(400):
        sheet.append([f"c{i}", f"Company {i}", "bank"])
    path = tmp_path / "dataset.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    name = next(n for n in parts if n.startswith("xl/worksheets/"))
    parts[name] = parts[name].replace(b'<dimension ref="A1:C401"/>', b'<dimension ref="A1"/>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    with zipfile.ZipFile(path) as z:
        assert archive.sheet_sizes(z) == [("companies", 401, 1203)]
    monkeypatch.setattr(archive, "MAX_WORKBOOK_CELLS", 1000)
    dataset = load_dataset(path)
    text = dataset.report.to_text()
    assert "401 rows and 1,203 cells" in text and "at most 1,000 cells" in text
    monkeypatch.setattr(archive, "MAX_WORKBOOK_CELLS", 2000)
    assert "cells" not in load_dataset(path).report.to_text()

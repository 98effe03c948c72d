"""Benchmarks of other shapes, loaded by a column map or as they are: a published ranking (no n, no
sd, headers that could mean two things, per-year columns, English headers), financials from a second
file matched by company name, respondents who name only an industry, and names that make one id.
Every decision the loader takes is in the report."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from metrics.ingest.load import load_dataset
from metrics.text.names import match_key, unique_slugs

RANKING = """Company,Industry,Year,Rank,Change,Score,2022_score,Revenue,Profit
Alfa Bank AB,Banks,2023,1,+2,78.4,76.1,1200,150
Beta Bank,Banks,2023,2,-1,74.0,75.0,900,80
H&M,Retail,2023,3,0,71.2,70.0,5000,300
H M,Retail,2023,4,1,69.0,,300,10
Gamma Tele,Telecom,2023,5,-2,60.1,61.0,2000,-50
"""
RANKING_MAP = """
[dataset]
name = "Example reputation ranking 2023"
source = "A published ranking (fictional)"
currency = "EUR"

[metrics.reputation]
domain = "service"
label_en = "Reputation"
label_sv = "Anseende"
headline = true

[wide]
columns = { Score = "reputation" }
ignore = ["Rank"]
"""


def notes(dataset, check: str) -> list:
    return [p for p in dataset.report.problems if p.check == check]


@pytest.fixture
def ranking(tmp_path: Path) -> Path:
    path = tmp_path / "ranking.csv"
    path.write_text(RANKING, encoding="utf-8")
    return path


def test_a_ranking_without_a_map_is_not_guessed(ranking: Path):
    dataset = load_dataset(ranking)
    assert not dataset.usable
    ambiguous = {p.column for p in notes(dataset, "ambiguous_column")}
    assert ambiguous == {"Rank", "Change", "Score"}  # never the business moment "Change"
    assert "service_scores" not in dataset.tables
    (error,) = notes(dataset, "wide_form")[1:]  # the first is the note "read as the wide form"
    assert error.severity == "error" and "Score" in error.value
    assert "column map" in error.sentence() and "kolumnkarta" in error.sentence("sv")


def test_a_ranking_with_a_map_reads_its_score_and_says_how(ranking: Path, tmp_path: Path):
    column_map = tmp_path / "map.toml"
    column_map.write_text(RANKING_MAP, encoding="utf-8")
    dataset = load_dataset(ranking, column_map=column_map)
    assert dataset.usable and dataset.name == "Example reputation ranking 2023"
    assert dataset.about.currency == "EUR" and dataset.about.source.startswith("A published")
    scores = dataset.tables["service_scores"]
    assert set(scores["metric_id"]) == {"reputation"}
    assert scores["n"].null_count() == scores.height  # no respondent counts: none invented
    by_year = dict(
        scores.filter(pl.col("company_id") == "alfa-bank-ab").select("year", "value").iter_rows()
    )
    assert by_year == {2022: 76.1, 2023: 78.4}  # 2022_score is the score of 2022
    (mapping,) = notes(dataset, "mapping")
    for pair in (
        "Score → reputation",
        "2022_score → reputation (2022)",
        "Profit → net_income_msek",
    ):
        assert pair in mapping.value
    assert notes(dataset, "ambiguous_column")[0].column == "Change"  # still not taken
    catalogue = dataset.tables["metrics"]
    headlines = catalogue.filter(pl.col("headline"))
    assert headlines.filter(pl.col("domain") == "service")["metric_id"].to_list() == ["reputation"]
    commercial = dataset.tables["commercial"]
    assert commercial["net_income_msek"].sum() == 490 and commercial["ebit_msek"].null_count() == 5


def test_names_that_make_one_id_are_kept_apart_and_reported(ranking: Path, tmp_path: Path):
    column_map = tmp_path / "map.toml"
    column_map.write_text(RANKING_MAP, encoding="utf-8")
    dataset = load_dataset(ranking, column_map=column_map)
    companies = dict(dataset.tables["companies"].select("name", "company_id").iter_rows())
    assert companies["H&M"] == "h-m" and companies["H M"] == "h-m-2"
    (note,) = notes(dataset, "ids")
    assert "H&M" in note.message and "H M" in note.message and note.value == "h-m, h-m-2"
    assert not any(p.severity == "error" for p in dataset.report.problems)


def test_unique_slugs_and_name_matching():
    ids, shared = unique_slugs(["ICA", "Ica", "Åhléns", "Ahlens", "ICA"])
    assert ids == {"ICA": "ica", "Ica": "ica-2", "Åhléns": "ahlens", "Ahlens": "ahlens-2"}
    assert shared == [("ica", ["ICA", "Ica"]), ("ahlens", ["Åhléns", "Ahlens"])]
    assert match_key("Wal-Mart Stores, Inc.") == match_key("WAL MART STORES")
    assert match_key("Telia Company AB (publ)") == match_key("telia")
    assert match_key("Equinor ASA") == match_key("Equinor") == "equinor"
    assert match_key("Nokia Oyj") == "nokia" and match_key("Amazon.com, Inc.") == "amazon"
    assert match_key("AT&T Inc.") == "at and t" != match_key("AT")


def test_financials_from_a_second_file_matched_by_name(tmp_path: Path):
    (tmp_path / "companies.csv").write_text(
        "company_id,name,industry_id\nwal,Walmart,retail\namz,Amazon.com Inc.,retail\n"
        "xyz,Unknown Co,retail\n"
    )
    (tmp_path / "service_scores.csv").write_text(
        "company_id,year,value,n\nwal,2020,70,300\namz,2020,75,300\nxyz,2020,60,100\n"
    )
    (tmp_path / "fortune.csv").write_text(
        'Year,Name,Revenue,Rank\n2021,Walmart,559151,1\n2021,"Amazon.com, Inc.",386064,2\n'
        "2021,Apple,274515,3\n2022,WALMART INC,572754,1\n2022,Amazon,469822,2\n"
    )
    (tmp_path / "dataset.toml").write_text(  # found beside the data: no --map needed
        '[dataset]\ncurrency = "USD"\n\n[tables.commercial]\nsource = "fortune.csv"\n'
        'columns = { Name = "company_id", Year = "fiscal_year", Revenue = "revenue_msek" }\n'
        'match = "name"\noffsets = { fiscal_year = -1 }\n'
    )
    dataset = load_dataset(tmp_path)
    assert dataset.usable and dataset.about.currency == "USD"
    commercial = dataset.tables["commercial"].sort("company_id", "fiscal_year")
    assert commercial.select("company_id", "fiscal_year", "revenue_msek").rows() == [
        ("amz", 2020, 386064.0),
        ("amz", 2021, 469822.0),
        ("wal", 2020, 559151.0),
        ("wal", 2021, 572754.0),
    ]
    (unmatched,) = notes(dataset, "name_match")
    assert unmatched.severity == "warning" and unmatched.value == "Apple"
    assert (
        unmatched.message.startswith("1 of the names (1 rows)")
        and "4 names matched" in unmatched.message
    )
    assert "service_scores" in dataset.tables and not dataset.report.errors


def test_respondents_who_name_only_an_industry(tmp_path: Path):
    rows = []
    for i, (code, satis, ideal) in enumerate(
        [("1", 9, 8), ("1", 10, 98), ("1", 7, 7), ("2", 4, 3), ("2", 5, "#NULL!"), ("2", 99, 2)]
    ):
        rows.append(f"{code},2015,{satis},{ideal},{i}")
    (tmp_path / "survey.csv").write_text("IND,YEAR,SATIS,IDEAL,ID\n" + "\n".join(rows) + "\n")
    (tmp_path / "dataset.toml").write_text(
        '[dataset]\nlevel = "industry"\n\n'
        '[metrics.satisfaction]\ndomain = "service"\nheadline = true\n'
        '[metrics.ideal]\ndomain = "service"\n\n'
        '[tables.responses]\nsource = "survey.csv"\n'
        'columns = { IND = "industry_id", YEAR = "year" }\n'
        'values = { IND = { "1" = "Airlines", "2" = "Banks" } }\n'
        'ratings = { SATIS = "satisfaction", IDEAL = "ideal" }\n'
        "constants = { scale_points = 10 }\n"
    )
    dataset = load_dataset(tmp_path)
    assert dataset.usable and dataset.about.level == "industry"
    assert set(dataset.tables["industries"]["name_sv"]) == {"Airlines", "Banks"}
    scores = dataset.tables["service_scores"].sort("company_id", "metric_id")
    got = {
        (r["company_id"], r["metric_id"]): (r["n"], round(r["value"], 1))
        for r in scores.iter_rows(named=True)
    }
    # ratings 1..10 as 0..100; 98/99 ("don't know") and #NULL! (an SPSS blank) are not answers
    assert got[("Airlines", "satisfaction")] == (3, round((8 + 9 + 6) / 3 / 9 * 100, 1))
    assert got[("Airlines", "ideal")] == (2, round((7 + 6) / 2 / 9 * 100, 1))
    assert got[("Banks", "satisfaction")] == (2, round((3 + 4) / 2 / 9 * 100, 1))
    assert got[("Banks", "ideal")] == (2, round((2 + 1) / 2 / 9 * 100, 1))
    assert not any(p.check == "no_industry" for p in dataset.report.problems)


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("utf16.csv", "company_id,name\na,Alfa\n".encode("utf-16"), "UTF-16"),
        ("cr.csv", b"company_id,name\ra,Alfa\rb,Beta\r", None),
        ("quote.csv", b'company_id,name\na,"Alfa\nb,Beta\n', "opened on row 2 is never closed"),
        ("dup.csv", b"company_id,name,name\na,Alfa,X\n", "columns 2 and 3 have the same header"),
        (
            "blank.csv",
            b"\n\ncompany_id,name\na,Alfa,extra\nb,Beta\n",
            "more fields than the header",
        ),
    ],
)
def test_odd_text_files_get_words_that_fit(tmp_path: Path, name: str, data: bytes, words):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "companies.csv").write_bytes(data)
    (folder / "service_scores.csv").write_text("company_id,year,value,n\na,2020,70,100\n")
    dataset = load_dataset(folder)
    text = dataset.report.to_text()
    assert "binary" not in text and "only a header row" not in text and "please report" not in text
    if words:
        assert words in text
    if name in ("utf16.csv", "cr.csv", "dup.csv"):
        assert dataset.tables["companies"]["name"].to_list()[:1] == ["Alfa"]
    if name == "blank.csv":  # rows counted as the file has them: two blank lines first
        (ragged,) = [p for p in dataset.report.problems if p.check == "ragged_row"]
        assert ragged.row == 4


def test_parquet_columns_a_table_cannot_hold_are_named(tmp_path: Path):
    import datetime as dt

    frame = pl.DataFrame(
        {
            "company": ["A", "B"],
            "year": [2020, 2021],
            "servicescore": [70.0, 71.0],
            "tags": [[1, 2], [3]],
            "wait": [dt.timedelta(1), dt.timedelta(2)],
            "blob": [b"\xff\xfe", b"ok"],
        }
    )
    frame.write_parquet(tmp_path / "wide.parquet")
    dataset = load_dataset(tmp_path / "wide.parquet")
    bad = {p.column: p.message for p in dataset.report.problems if p.check == "cell_type"}
    assert set(bad) == {"tags", "wait", "blob"}
    assert "List" in bad["tags"] and "Duration" in bad["wait"]
    assert dataset.usable  # the rest is read


def test_a_zip_inside_the_zip_is_named(tmp_path: Path):
    import zipfile

    inner = tmp_path / "inner.zip"
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("companies.csv", "company_id,name\na,Alfa\n")
    outer = tmp_path / "outer.zip"
    with zipfile.ZipFile(outer, "w") as z:
        z.write(inner, "inner.zip")
        z.writestr("service_scores.csv", "company_id,year,value,n\na,2020,70,100\n")
    dataset = load_dataset(outer)
    (nested,) = [p for p in dataset.report.problems if "zip inside" in p.message]
    assert "inner.zip" in nested.message and nested.severity == "warning"


@pytest.mark.parametrize(
    "body",
    [
        "[tables]\ncompanies = 3\n",
        '[tables.companies]\ncolumns = "x"\n',
        "[tables.companies]\ncolumns = [1, 2]\n",
        '[tables.commercial]\noffsets = { fiscal_year = "minus one" }\n',
        "[options]\nderive_companies = 1\n",
        '[wide]\nignore = "Rank"\n',
        '[metrics.x]\nlabel_en = "X"\n',
        '[dataset]\nlevel = "planet"\n',
        '[tables.commercial]\nmatch = "fuzzy"\n',
        "[tables.responses]\nratings = { SATIS = 1 }\n",
        "not toml at all = = =\n",
    ],
)
def test_column_maps_of_the_wrong_shape_are_named_not_raised(tmp_path: Path, body: str):
    column_map = tmp_path / "map.toml"
    column_map.write_text(body, encoding="utf-8")
    (tmp_path / "companies.csv").write_text("company_id,name\na,Alfa\n")
    dataset = load_dataset(tmp_path / "companies.csv", column_map=column_map)
    (problem,) = [p for p in dataset.report.problems if p.check == "column_map"]
    assert problem.file == "map.toml" and problem.severity == "error"
    assert "map.toml" in problem.message and problem.what.render("sv") != problem.message

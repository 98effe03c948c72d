"""Reading values the way Swedish and English spreadsheets write them."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from metrics.ingest.parse import match_table, parse_bool, parse_date, parse_number
from metrics.text.names import normalise_header, slug


def numbers(values: list[str], decimal_comma: bool) -> list[float | None]:
    frame = pl.DataFrame({"v": values}, schema={"v": pl.String})
    return frame.select(parse_number(pl.col("v"), decimal_comma))["v"].to_list()


@pytest.mark.parametrize(
    ("text", "decimal_comma", "expected"),
    [
        ("72,5", True, 72.5),
        ("1 234,5", True, 1234.5),
        ("1\u00a0234,5", True, 1234.5),
        ("1.234,5", True, 1234.5),
        ("1,234.5", False, 1234.5),
        ("1,234", False, 1234.0),
        ("1,5", False, 1.5),
        ("−3,2", True, -3.2),
        ("12 %", True, 12.0),
        ("72.5", False, 72.5),
        ("abc", True, None),
        ("7O", False, None),
    ],
)
def test_parse_number(text, decimal_comma, expected):
    assert numbers([text], decimal_comma) == [expected]


def test_parse_bool_and_dates():
    frame = pl.DataFrame({"b": ["ja", "Nej", "TRUE", "0", "kanske"]})
    assert frame.select(parse_bool(pl.col("b").str.to_lowercase()).alias("b"))["b"].to_list() == [
        True,
        False,
        True,
        False,
        None,
    ]
    dates = pl.DataFrame({"d": ["2023-10-01", "1/10/2023", "01.10.2023", "2023/10/01", "x"]})
    parsed = dates.select(parse_date(pl.col("d")))["d"].to_list()
    assert parsed[:4] == [dt.date(2023, 10, 1)] * 4 and parsed[4] is None


def test_headers_and_slugs():
    assert normalise_header("\ufeff Antal  svar ") == "antal_svar"
    assert normalise_header("Rörelse-resultat (MSEK)") == "rörelse_resultat_msek"
    assert slug("Gym och träning") == "gym-och-traning"
    assert slug("Ålands Öl & Café") == "alands-ol-cafe"


@pytest.mark.parametrize(
    ("stem", "table"),
    [
        ("companies", "companies"),
        ("Företag", "companies"),
        ("foretag", "companies"),
        ("SERVICE_SCORES", "service_scores"),
        ("ekonomi", "commercial"),
        ("svar", "responses"),
        ("notes", None),
    ],
)
def test_match_table(stem, table):
    assert match_table(stem) == table

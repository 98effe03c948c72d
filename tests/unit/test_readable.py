"""dashboard.readable: a chart's data in words, rounded, in the language's number format."""

from __future__ import annotations

import polars as pl

from dashboard import readable

RANKING = pl.DataFrame(
    {
        "industry_id": ["apotek", "bank"],
        "year": [2025, 2025],
        "score": [78.44551, 1234.56789],
        "se": [1.1776, 1.2],
        "ci_low": [76.137, 68.0],
        "ci_high": [80.754, 72.3],
        "n_respondents": [1013, 20000],
        "tie_group": [1, 1],
        "change_significant": [True, None],
    }
)


def test_names_for_ids_headers_in_the_language_and_internal_columns_dropped():
    shown = readable.readable(RANKING, "sv", industries={"apotek": "Apotek", "bank": "Bank"})
    assert shown.frame.columns == [
        "Bransch",
        "År",
        "Betyg",
        "Standardfel",
        "95 % intervall från",
        "95 % intervall till",
        "Svarande",
        "Signifikant förändring",
    ]
    assert shown.frame["Bransch"].to_list() == ["Apotek", "Bank"]
    assert shown.frame["Betyg"].to_list() == [78.4, 1234.6]  # rounded, still numbers
    assert shown.digits["År"] is None and shown.digits["Svarande"] == 0
    assert shown.flags == ("Signifikant förändring",)


def test_an_unknown_id_stays_and_a_known_name_column_replaces_the_id():
    table = pl.DataFrame({"company_id": ["a-1", "b-2"], "name": ["Alfa", "Beta"], "x": [1.0, 2.0]})
    shown = readable.readable(table, "en", companies={"a-1": "Other"}, axes={"x": "Service<br>x"})
    assert shown.frame.columns == ["Company", "Service x"]
    assert shown.frame["Company"].to_list() == ["Alfa", "Beta"]
    partly = readable.readable(table.drop("name"), "en", companies={"a-1": "Alfa"})
    assert partly.frame["Company"].to_list() == ["Alfa", "b-2"]


def test_metrics_quadrants_and_the_employer_measure_by_name():
    table = pl.DataFrame(
        {
            "company_id": ["c"],
            "employer": [20.0],
            "employer_metric": ["enps"],
            "quadrant": ["mirror_high"],
        }
    )
    shown = readable.readable(table, "en", metrics={"enps": "eNPS"})
    assert shown.frame.columns == ["Company", "eNPS", "Quadrant"]
    assert shown.frame["Quadrant"].to_list() == ["Good service, attractive employer"]


def test_a_coefficients_interval_keeps_its_decimals():
    table = pl.DataFrame({"outcome": ["m"], "beta": [0.0981], "se": [0.0398], "ci_low": [0.0195]})
    shown = readable.readable(table, "en", metrics={"m": "Margin"})
    assert shown.frame.row(0) == ("Margin", 0.1, 0.04, 0.02)
    assert shown.digits["Standard error"] == 2


def test_styled_writes_swedish_numbers_and_keeps_the_values():
    shown = readable.readable(RANKING, "sv", industries={"apotek": "Apotek"})
    styler = readable.styled(shown, "sv")
    html = styler.to_html()
    assert "1\xa0234,6" in html and "78,4" in html and ">2025<" in html
    assert ">Ja<" in html and "–" in html
    assert styler.data["Betyg"].dtype.kind == "f"  # sorts as a number
    english = readable.styled(readable.readable(RANKING, "en"), "en").to_html()
    assert "1,234.6" in english and ">Yes<" in english

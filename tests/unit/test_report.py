"""The report reads as plain words, counts right, and exports completely."""

from __future__ import annotations

import polars as pl

from metrics.quality.report import Problem, ValidationReport
from metrics.quality.validate import describe_check


def test_summary_counts_rows_behind_summary_lines():
    report = ValidationReport()
    report.add(
        Problem(
            "error",
            "value too high",
            table="t",
            file="f.csv",
            row=3,
            column="v",
            value="120",
            expected="at most 100",
        )
    )
    report.add(
        Problem("warning", "low base", table="t", file="f.csv", row=4, column="n", value="12")
    )
    report.add(Problem("warning", "low base", table="t", file="f.csv", column="n", count=1500))
    assert report.errors == 1 and report.warnings == 1501
    assert report.summary() == "1 error in 1 table, 1,501 warnings: fix the errors below."
    text = report.to_text()
    assert "f.csv, row 3, column 'v': value too high (value '120'); expected at most 100" in text
    assert "low base (1,500 rows)" in text


def test_csv_has_every_problem_and_a_bom():
    report = ValidationReport(
        [Problem("error", "missing value", table="companies", row=2, column="name")]
    )
    data = report.to_csv()
    assert data.startswith(b"\xef\xbb\xbf")
    frame = pl.read_csv(data[3:])
    assert frame.columns[:7] == ["severity", "table", "file", "sheet", "row", "column", "value"]
    assert frame.row(0, named=True)["message"] == "missing value"


def test_check_names_become_words():
    assert describe_check("greater_than_or_equal_to(0)") == ("value too low", "at least 0")
    assert describe_check("less_than_or_equal_to(100)") == ("value too high", "at most 100")
    assert describe_check("isin(['listed', 'private'])") == (
        "value not allowed",
        "one of: listed, private",
    )
    assert describe_check("multiple_fields_uniqueness")[0].startswith("duplicate key")
    assert describe_check("at least 50 respondents")[0].startswith("low base")


def test_values_are_shortened_and_control_characters_shown():
    from metrics.quality.report import shorten

    assert shorten("a\u202eb") == "a\\u202eb"
    assert len(shorten("x" * 500)) == 80

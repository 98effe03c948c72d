"""The report reads as plain words, counts right, and exports completely."""

from __future__ import annotations

import polars as pl
import pytest

from metrics.quality.report import Problem, ValidationReport
from metrics.quality.validate import describe_check
from metrics.text.i18n import msg


def words(check: str) -> tuple[str, str]:
    what, wanted = describe_check(check)
    return what.render("en"), wanted.render("en")


def test_summary_counts_rows_behind_summary_lines():
    report = ValidationReport()
    report.add(
        Problem(
            "error",
            msg("problem.too_high"),
            table="t",
            file="f.csv",
            row=3,
            column="v",
            value="120",
            wanted=msg("expected.at_most", limit="100"),
        )
    )
    report.add(
        Problem(
            "warning",
            msg("problem.low_base"),
            table="t",
            file="f.csv",
            row=4,
            column="n",
            value="12",
        )
    )
    low_base = msg("problem.low_base")
    report.add(Problem("warning", low_base, table="t", file="f.csv", column="n", count=1500))
    assert report.errors == 1 and report.warnings == 1501
    assert report.summary() == "1 error in 1 table, 1,501 warnings: fix the errors below."
    text = report.to_text()
    assert "f.csv, row 3, column 'v': value too high (value '120'); expected at most 100" in text
    assert "low base: few respondents, wide margin (1,500 rows)" in text


def test_csv_has_every_problem_and_a_bom():
    report = ValidationReport(
        [Problem("error", msg("problem.missing_value"), table="companies", row=2, column="name")]
    )
    data = report.to_csv()
    assert data.startswith(b"\xef\xbb\xbf")
    frame = pl.read_csv(data[3:])
    assert frame.columns[:7] == ["severity", "table", "file", "sheet", "row", "column", "value"]
    assert frame.row(0, named=True)["message"] == "missing value"


def test_check_names_become_words():
    assert words("greater_than_or_equal_to(0)") == ("value too low", "at least 0")
    assert words("less_than_or_equal_to(100)") == ("value too high", "at most 100")
    assert words("isin(['listed', 'private'])") == ("value not allowed", "one of: listed, private")
    assert words("multiple_fields_uniqueness")[0].startswith("duplicate key")
    assert words("low_base") == (
        "low base: few respondents, wide margin",
        "at least 50 respondents",
    )
    assert words("no_such_rule") == ("breaks a rule", "the rule no_such_rule")


def test_a_problem_must_say_what_is_wrong_by_key():
    with pytest.raises(TypeError):
        Problem("error", "plain English")  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        msg("problem.no_such_message")


def test_values_are_shortened_and_control_characters_shown():
    from metrics.quality.report import shorten

    assert shorten("a\u202eb") == "a\\u202eb"
    assert len(shorten("x" * 500)) == 80

"""The report reads as plain words, counts right, and exports completely."""

from __future__ import annotations

import polars as pl
import pytest

from metrics.quality.report import MAX_DETAILED, Problem, ValidationReport
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


def _scores(tmp_path, rows: str):
    from metrics.ingest.load import load_dataset
    from tests.hostile.corpus import COMPANIES

    (tmp_path / "companies.csv").write_text(COMPANIES)
    (tmp_path / "service_scores.csv").write_text("company_id,year,value,n,sd\n" + rows)
    return load_dataset(tmp_path)


def test_a_report_of_many_bad_rows_lists_a_thousand_and_keeps_the_rest_compact(
    tmp_path, monkeypatch
):
    import metrics.quality.report as report_module

    calls = []
    original = report_module.shorten
    monkeypatch.setattr(report_module, "shorten", lambda v: calls.append(v) or original(v))
    # 5,000 identical rows: each a duplicate key, and each a value out of range
    dataset = _scores(tmp_path, "a,1900,70,100,1\n" * 5000)
    kinds = {}
    for p in dataset.report.problems:
        kinds.setdefault(p.check, []).append(p)
    duplicates = kinds["multiple_fields_uniqueness"]
    assert len(duplicates) == MAX_DETAILED + 1  # the listed ones and one line for the rest
    last = duplicates[-1]
    assert last.row is None and last.count == 5000 - MAX_DETAILED
    assert len(last.rest) == 5000 - MAX_DETAILED and last.rest.values.len() == 1
    assert dataset.report.errors == 2 * 5000 + 1  # and one: nothing is left to show
    # only the listed values are formatted in Python
    assert len(calls) <= 2 * MAX_DETAILED + 10


def test_the_csv_report_holds_every_problem_in_order(tmp_path):
    rows = "".join(f"a,{2000 + i % 50},{'x' if i % 2 else 70},100,1\n" for i in range(3000))
    dataset = _scores(tmp_path, rows)
    report = dataset.report
    frame = report.to_frame()
    assert frame.height < report.csv_rows
    csv = pl.read_csv(report.to_csv()[3:], infer_schema_length=0)
    assert csv.height == report.csv_rows == report.errors + report.warnings
    assert (csv["count"] == "1").all()
    types = csv.filter(pl.col("check") == "type")
    assert types.height == 1500 and types["value"].unique().to_list() == ["x"]
    assert types["row"].cast(pl.Int64).is_sorted()
    # the summary line is replaced by the rows it stands for, in their place
    dupes = csv.filter(pl.col("check") == "multiple_fields_uniqueness")
    assert dupes.height == 1500 and dupes["row"].cast(pl.Int64).n_unique() == 1500


def test_a_large_report_downloads_as_a_zipped_csv(tmp_path, monkeypatch):
    import io
    import zipfile

    import metrics.quality.report as report_module

    dataset = _scores(tmp_path, "a,1900,x,100,1\n" * 2500)
    data, name, mime = dataset.report.download()
    assert name.endswith(".csv") and mime == "text/csv"
    monkeypatch.setattr(report_module, "ZIP_ROWS", 100)
    data, name, mime = dataset.report.download("sv")
    assert name == "validation_report.zip" and mime == "application/zip"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        csv = archive.read("validation_report.csv")
    assert csv.startswith(b"\xef\xbb\xbf")
    frame = pl.read_csv(csv[3:], infer_schema_length=0)
    assert frame.height == dataset.report.csv_rows and set(frame["severity"]) == {"fel"}


def test_rest_values_are_shortened_like_the_listed_ones():
    from metrics.quality.report import Rest, shorten

    values = ["plain", "a\u202eb", "x" * 500, "tab\there", None, "=1+1"]
    frame = pl.DataFrame({"row": list(range(2, 8)), "value": values}, strict=False)
    rest = Rest.encode(frame)
    (batch,) = list(rest.batches())
    assert batch["value"].to_list() == [shorten(v) for v in values]
    assert batch["row"].to_list() == list(range(2, 8))


def test_warnings_grouped_by_rule_say_how_many_where_and_what_to_do():
    low_base, too_high = msg("problem.low_base"), msg("problem.too_high")
    report = ValidationReport()
    for row in (7, 4, 9, 12):
        report.add(
            Problem(
                "warning",
                low_base,
                table="t",
                file="f.csv",
                row=row,
                column="n",
                value=str(row),
                wanted=msg("expected.at_least_respondents", n=50),
            )
        )
    wanted = msg("expected.at_least_respondents", n=50)
    report.add(
        Problem("warning", low_base, table="t", file="f.csv", column="n", count=996, wanted=wanted)
    )
    report.add(Problem("error", too_high, table="t", file="g.csv", row=2, column="v", value="9"))
    rules = report.by_rule()
    assert [(r.severity, r.where, r.count) for r in rules] == [
        ("error", "g.csv", 1),
        ("warning", "f.csv", 1000),
    ]
    assert rules[1].examples == [
        "row 7, column 'n' (value '7')",
        "row 4, column 'n' (value '4')",
        "row 9, column 'n' (value '9')",
    ]
    assert rules[1].to_do == "at least 50 respondents"
    line = rules[1].sentence()
    assert line == (
        "f.csv: low base: few respondents, wide margin (1,000 rows), for example row 7, column 'n'"
        " (value '7'); row 4, column 'n' (value '4'); row 9, column 'n' (value '9');"
        " expected at least 50 respondents"
    )
    assert line in report.to_text()  # the text report starts with one line per rule
    swedish = report.by_rule("sv")[1].sentence("sv")
    assert "1\u00a0000 rader" in swedish and "till exempel rad 7" in swedish

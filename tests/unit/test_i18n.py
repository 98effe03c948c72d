"""English and Swedish: every key has both texts with the same placeholders, every key the code asks
for exists, numbers and dates follow the language (Babel), and the validation report reads in Swedish
for the problems the loader reports."""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

import polars as pl
import pytest

from metrics.ingest.load import load_dataset
from metrics.text.i18n import TEXT, date, integer, lang_of, msg, num, percent, tr

ROOT = Path(__file__).resolve().parents[2]
KEY_USE = re.compile(r"""(?:\bt|\btr|\bmsg)\(\s*f?["']([a-z_]+\.[a-z_0-9]+)["']""")
MESSAGE_KEY = re.compile(r"""["']((?:problem|expected|reason|colmap|left_out)\.[a-z_0-9]+)["']""")
TEMPLATED = re.compile(r"""(?:\bt|\btr)\(\s*f["']([a-z_]+\.)\{""")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(TEXT))
def test_every_text_has_both_languages_with_the_same_placeholders(key):
    en, sv = TEXT[key]
    assert en.strip() and sv.strip(), f"{key}: a language is empty"
    assert placeholders(en) == placeholders(sv), key


def test_every_key_the_code_uses_exists():
    used, prefixes = set(), set()
    for path in [
        *ROOT.joinpath("dashboard").rglob("*.py"),
        *ROOT.joinpath("metrics").rglob("*.py"),
    ]:
        source = path.read_text(encoding="utf-8")
        used |= {(k, path.name) for k in KEY_USE.findall(source)}
        used |= {(k, path.name) for k in MESSAGE_KEY.findall(source)}
        prefixes |= set(TEMPLATED.findall(source))
    missing = sorted((k, f) for k, f in used if k not in TEXT)
    assert not missing, f"keys without a translation: {missing}"
    assert len(used) > 150
    # keys built at run time ("quadrant.{q}") must have a family in the catalogue
    assert all(any(k.startswith(p) for k in TEXT) for p in prefixes)


def test_an_unknown_key_fails_loudly():
    with pytest.raises(KeyError):
        tr("no.such.key", "sv")


def test_numbers_and_dates_follow_the_language():
    assert num(1234567.891, "sv", 2) == "1\N{NO-BREAK SPACE}234\N{NO-BREAK SPACE}567,89"
    assert num(1234567.891, "en", 2) == "1,234,567.89"
    assert num(0.4, "sv", sign=True) == "+0,4" and num(-0.4, "en", sign=True) == "-0.4"
    assert integer(29620, "sv") == "29\N{NO-BREAK SPACE}620"
    assert percent(0.25, "sv") == "25\N{NO-BREAK SPACE}%" and percent(0.25, "en") == "25%"
    assert date(dt.date(2026, 11, 23), "sv") == "23 november 2026"
    assert date(dt.date(2026, 11, 23), "en") == "23 November 2026"
    assert num(None, "sv") == "–" and num(float("nan"), "en") == "–"
    assert lang_of("sv") == "sv" and lang_of("SV-se") == "sv" and lang_of("de") == "en"


def _bad_inputs(folder: Path) -> list[Path]:
    """Files that make the loader report most kinds of problem."""
    sample = ROOT / "sample_data"
    cases = []

    def case(name: str, files: dict[str, bytes | str]) -> None:
        d = folder / name
        d.mkdir()
        for fname, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            (d / fname).write_bytes(data)
        cases.append(d)

    companies = (sample / "companies.csv").read_text(encoding="utf-8")
    scores = (sample / "service_scores.csv").read_text(encoding="utf-8").splitlines()
    header, rows = scores[0], scores[1:200]
    case("empty", {"companies.csv": "", "service_scores.csv": b"\x00\x01\x02" * 50})
    case(
        "header_only",
        {
            "companies.csv": companies.splitlines()[0] + "\n",
            "service_scores.csv": "\n".join([header, *rows]),
        },
    )
    broken = [header, *rows]
    broken[1] = broken[1].replace(broken[1].split(",")[3], "abc", 1)  # text in a number column
    broken[2] = broken[2].replace(broken[2].split(",")[3], "140", 1)  # over the scale
    broken.append(broken[3])  # a duplicate key
    broken.append(broken[4].replace(broken[4].split(",")[0], "nope-99", 1))  # unknown company
    case(
        "values",
        {
            "companies.csv": companies,
            "service_scores.csv": "\n".join(broken),
            "extra_table.csv": "a,b\n1,2\n",
            "waves.csv": "year\n2013\n",
        },
    )
    case(
        "no_scores",
        {
            "companies.csv": companies.replace("company_id", "cid", 1),
            "responses.parquet": b"PAR1 truncated",
        },
    )
    return cases


SAME_IN_BOTH = {"expected.text"}
"""Keys whose Swedish text is rightly the same as the English one."""


def english_left(problems) -> list[str]:
    """What of the report would stay English in Swedish: a text whose Swedish is its English, or
    one of the catalogue's English sentences carried in as a value."""
    left = set()
    sentences = [en for key, (en, sv) in TEXT.items() if en != sv and len(en.split()) >= 3]
    for p in problems:
        for text in (p.what, p.wanted):
            for key in text.keys() if text else ():
                en, sv = TEXT[key]
                if en == sv and key not in SAME_IN_BOTH and "{" not in en.strip("{}"):
                    left.add(key)
        swedish = p.sentence("sv")
        left |= {en for en in sentences if "{" not in en and en in swedish}
    return sorted(left)


def test_every_report_message_of_the_bad_inputs_reads_in_swedish(tmp_path):
    problems = []
    for folder in _bad_inputs(tmp_path):
        problems += load_dataset(folder).report.problems
    problems += load_dataset(ROOT / "sample_data").report.problems[:50]
    assert len({p.message for p in problems}) >= 10
    assert not english_left(problems)


def test_english_left_finds_english_in_the_swedish_report():
    from metrics.quality.report import Problem
    from metrics.text.i18n import msg

    carried = Problem("error", msg("problem.unexpected", detail="the file is binary, not text"))
    assert english_left([carried]) == ["the file is binary, not text"]


def test_report_renders_in_swedish(tmp_path):
    folder = _bad_inputs(tmp_path)[2]
    report = load_dataset(folder).report
    assert "fel" in report.summary("sv") and "error" in report.summary("en")
    frame = report.to_frame("sv")
    assert set(frame["severity"]) <= {"fel", "varning", "notering"}
    assert "kan inte läsas som kolumnens typ" in set(frame["message"])
    assert any("rad " in s and "väntat" in s for s in report.first_errors(lang="sv"))
    csv = report.to_csv("sv").decode("utf-8-sig")
    assert pl.read_csv(csv.encode()).height == report.to_frame().height
    assert msg("expected.at_least_respondents", n=50).render("sv") == "minst 50 svarande"
    assert msg("problem.too_low").render("en") == "value too low"


def test_cli_validate_reports_in_swedish():
    from typer.testing import CliRunner

    from metrics.cli import app

    result = CliRunner().invoke(
        app, ["validate", str(ROOT / "sample_data"), "--lang", "sv", "--max-per-kind", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "0 fel, 50 varningar: datamängden är giltig." in result.output
    assert "VARNINGAR" in result.output and "rad " in result.output and "väntat" in result.output
    assert "warning" not in result.output and " rows" not in result.output

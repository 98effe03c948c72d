"""The validation report: every problem found in a dataset, in words a person can act on.

Each problem names the file (and sheet), the spreadsheet row as the user sees it (header counted), the
column, the offending value and what was expected. Errors keep rows or tables out of the analysis;
warnings (low base, missing optional data) do not; notes say what the loader decided (encoding,
separator, derived tables).
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from typing import BinaryIO

import polars as pl

from metrics.quality.rest import Rest, compact_rows, shorten
from metrics.text.i18n import Msg, integer, tr

SEVERITIES = ("error", "warning", "note")
SEVERITY_SV = {"error": "fel", "warning": "varning", "note": "notering"}

REPORT_SCHEMA: dict[str, pl.DataType] = {
    "severity": pl.String,
    "table": pl.String,
    "file": pl.String,
    "sheet": pl.String,
    "row": pl.Int64,
    "column": pl.String,
    "value": pl.String,
    "message": pl.String,
    "expected": pl.String,
    "check": pl.String,
    "count": pl.Int64,
}

MAX_DETAILED = 1000
"""Problems of one kind listed one by one; the rest are counted in one line (and kept compact, as
rows and value codes, for the CSV report: see `Rest`)."""
ZIP_ROWS = 100_000
"""A report of more rows than this is downloaded from the app as a zipped CSV."""


@dataclass
class RuleSummary:
    """A rule broken, in one line: how often, where, the first places, what to do."""

    severity: str
    where: str
    what: str
    count: int
    examples: list[str]
    to_do: str

    def sentence(self, lang: str = "en") -> str:
        text = f"{self.where}: {self.what}"
        if self.count > 1:
            text += tr("report.rows", lang, n=integer(self.count, lang))
        if self.examples:
            text += tr("report.for_example", lang, places="; ".join(self.examples))
        if self.to_do:
            text += tr("report.expected", lang, expected=self.to_do)
        return text


@dataclass(frozen=True)
class Problem:
    """One finding: what is wrong, where, and what was expected instead (both by catalogue key)."""

    severity: str
    what: Msg
    table: str | None = None
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    wanted: Msg | None = None
    check: str | None = None
    count: int = 1
    """How many rows this line stands for (more than 1 on a '… more rows like these' line)."""
    rest: Rest | None = field(default=None, compare=False, repr=False)
    """On a '… more rows like these' line: those rows, for the CSV report (None when only their
    number is known, as for a streamed file)."""

    def __post_init__(self) -> None:
        if not isinstance(self.what, Msg) or not isinstance(self.wanted, Msg | None):
            raise TypeError("a problem says what is wrong by message key: Problem(..., msg(key))")

    @property
    def message(self) -> str:
        """What is wrong, in English."""
        return self.what.render("en")

    @property
    def expected(self) -> str | None:
        """What was expected, in English."""
        return self.wanted.render("en") if self.wanted else None

    def where(self, lang: str = "en") -> str:
        parts = [self.file or self.table or tr("report.dataset", lang)]
        if self.sheet:
            parts.append(tr("report.sheet", lang, sheet=self.sheet))
        if self.row is not None:
            parts.append(tr("report.row", lang, row=self.row))
        if self.column:
            parts.append(tr("report.column", lang, column=self.column))
        return ", ".join(parts)

    def sentence(self, lang: str = "en") -> str:
        text = f"{self.where(lang)}: {self.what.render(lang)}"
        if self.count > 1:
            text += tr("report.rows", lang, n=integer(self.count, lang))
        if self.value is not None:
            text += tr("report.value", lang, value=self.value)
        if self.wanted:
            text += tr("report.expected", lang, expected=self.wanted.render(lang))
        return text

    def as_row(self, lang: str = "en") -> dict[str, object]:
        """The problem as a row of the report table, in the language."""
        return {
            "severity": SEVERITY_SV[self.severity] if lang == "sv" else self.severity,
            "table": self.table,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.what.render(lang),
            "expected": self.wanted.render(lang) if self.wanted else None,
            "check": self.check,
            "count": self.count,
        }


def row_problems(
    rows: pl.DataFrame,
    *,
    severity: str,
    what: Msg,
    wanted: Msg | None,
    check: str,
    table: str | None,
    file: str | None,
    sheet: str | None,
    column: str | None,
    total: int | None = None,
    rest: Rest | None = None,
) -> list[Problem]:
    """A problem per row of `rows` (columns: spreadsheet row, offending value), the first
    MAX_DETAILED of them, then one line standing for the rest, which keeps those rows compact for the
    CSV report. `total`: how many rows break the rule when `rows` holds only the first of them (a
    streamed file is not collected whole). `rest`: the rows after the listed ones, already encoded
    (then `rows` need hold only the listed ones and `total` is required)."""
    where = {"table": table, "file": file, "sheet": sheet, "column": column, "check": check}
    total = rows.height if total is None else total
    found = [
        Problem(severity, what, row=row, value=shorten(value), wanted=wanted, **where)
        for row, value in rows.head(MAX_DETAILED).iter_rows()
    ]
    if total > len(found):
        if rest is None and rows.height == total:
            rest = Rest.encode(rows.slice(MAX_DETAILED))
        count = total - len(found)
        found.append(Problem(severity, what, wanted=wanted, count=count, rest=rest, **where))
    return found


def coded_problems(rows: pl.DataFrame, values: pl.Series, **where) -> list[Problem]:
    """`row_problems` for rows given as (row, code) with their distinct values by code: the listed
    rows get their values, the rest stay codes."""
    head = rows.head(MAX_DETAILED)
    listed = pl.DataFrame({"row": head["row"], "value": values.gather(head["code"])})
    rest = None
    if rows.height > MAX_DETAILED:
        rest = Rest(compact_rows(rows.slice(MAX_DETAILED)), values.cast(pl.String))
    return row_problems(listed, total=rows.height, rest=rest, **where)


@dataclass
class ValidationReport:
    """All problems found while loading one dataset, plus what was left out because of them."""

    problems: list[Problem] = field(default_factory=list)
    left_out: list[Msg] = field(default_factory=list)
    """Plain sentences for the banner: what of the dataset is not used, and why."""

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def count(self, severity: str) -> int:
        return sum(p.count for p in self.problems if p.severity == severity)

    @property
    def errors(self) -> int:
        return self.count("error")

    @property
    def warnings(self) -> int:
        return self.count("warning")

    @property
    def ok(self) -> bool:
        return self.errors == 0

    def summary(self, lang: str = "en") -> str:
        """One line: how many errors and warnings, in how many tables."""
        tables = len({p.table or p.file for p in self.problems if p.severity == "error"})

        def count(key: str, n: int) -> str:
            return tr(f"report.{key}_{'one' if n == 1 else 'many'}", lang, n=integer(n, lang))

        errors = count("errors", self.errors)
        if self.errors:
            errors += count("in_tables", tables)
        verdict = tr("report.valid" if self.ok else "report.fix", lang)
        return f"{errors}, {count('warnings', self.warnings)}: {verdict}."

    def left_out_sentences(self, lang: str = "en") -> list[str]:
        return [sentence.render(lang) for sentence in self.left_out]

    def to_frame(self, lang: str = "en") -> pl.DataFrame:
        """The report as a table (one row per problem, the rows beyond the listed ones of a kind as
        one line), errors first; in Swedish on request."""
        return self._frame(lang).drop("_problem")

    def _frame(self, lang: str) -> pl.DataFrame:
        """`to_frame` with `_problem`, the index of each line's problem."""
        rows = [
            p.as_row(lang) | {"severity": p.severity, "_problem": i}
            for i, p in enumerate(self.problems)
        ]
        schema = {**REPORT_SCHEMA, "_problem": pl.Int64}
        frame = pl.DataFrame(rows, schema=schema) if rows else pl.DataFrame(schema=schema)
        order = {s: i for i, s in enumerate(SEVERITIES)}
        frame = frame.sort(
            pl.col("severity").replace_strict(order, default=9, return_dtype=pl.Int8),
            "table",
            "row",
            nulls_last=True,
            maintain_order=True,
        )
        if lang == "sv":
            frame = frame.with_columns(pl.col("severity").replace(SEVERITY_SV))
        return frame

    @property
    def csv_rows(self) -> int:
        """Lines of the CSV report: every problem, each row of a kind on its own line."""
        return sum(len(p.rest) if p.rest is not None else 1 for p in self.problems)

    def write_csv(self, out: BinaryIO, lang: str = "en") -> None:
        """The full report as UTF-8 CSV with a BOM (so Excel opens å, ä and ö correctly): every
        problem on its own line, the rows beyond the listed ones of a kind written out where that
        kind's summary line stands; written in batches, so memory stays that of a batch."""
        from metrics.text.sheets import neutralise  # file names and values come from users' files

        frame = self._frame(lang)
        out.write(b"\xef\xbb\xbf")
        header = [True]

        def write(part: pl.DataFrame) -> None:
            if part.height or header[0]:
                neutralise(part.drop("_problem")).write_csv(out, include_header=header[0])
                header[0] = False

        start = 0
        for at, index in enumerate(frame["_problem"].to_list()):
            rest = self.problems[index].rest
            if rest is None:
                continue
            write(frame.slice(start, at - start))
            line = frame.row(at, named=True)
            for part in rest.batches():
                write(
                    part.select(
                        *(
                            pl.col(c)
                            if c in ("row", "value")
                            else pl.lit(1 if c == "count" else line[c], t).alias(c)
                            for c, t in REPORT_SCHEMA.items()
                        ),
                        pl.lit(index, pl.Int64).alias("_problem"),
                    )
                )
            start = at + 1
        write(frame.slice(start))

    def to_csv(self, lang: str = "en") -> bytes:
        """The full report as CSV bytes (see `write_csv`)."""
        buffer = io.BytesIO()
        self.write_csv(buffer, lang)
        return buffer.getvalue()

    def download(self, lang: str = "en") -> tuple[bytes, str, str]:
        """The full report to download: (bytes, file name, MIME type). A report of more than
        ZIP_ROWS lines comes as a zipped CSV, written into the zip as it is made (millions of
        near-identical lines compress fifty-fold; the plain CSV could be gigabytes)."""
        name, mime = self.download_name()
        if mime == "text/csv":
            return self.to_csv(lang), name, mime
        buffer = io.BytesIO()
        with (
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
            archive.open("validation_report.csv", "w", force_zip64=True) as member,
        ):
            self.write_csv(member, lang)  # type: ignore[arg-type]
        return buffer.getvalue(), name, mime

    def download_name(self) -> tuple[str, str]:
        """The file name and MIME type `download` will give."""
        if self.csv_rows <= ZIP_ROWS:
            return "validation_report.csv", "text/csv"
        return "validation_report.zip", "application/zip"

    def first_errors(self, limit: int = 5, lang: str = "en") -> list[str]:
        """The first few errors as sentences, for a banner."""
        return [p.sentence(lang) for p in self.problems if p.severity == "error"][:limit]

    def grouped(self, lang: str = "en") -> list[tuple[str, str, int]]:
        """(severity, message, count) for each kind of problem, most frequent first."""
        counts: Counter[tuple[str, str, str]] = Counter()
        for p in self.problems:
            severity = SEVERITY_SV[p.severity] if lang == "sv" else p.severity
            message = p.what.render(lang)
            counts[(severity, p.table or p.file or "", message)] += p.count
        return [
            (sev, f"{table}: {msg}" if table else msg, n)
            for (sev, table, msg), n in counts.most_common()
        ]

    def by_rule(self, lang: str = "en", examples: int = 3) -> list[RuleSummary]:
        """One line per rule broken, errors first, then the most frequent: how many rows, where, the
        first `examples` places, and what to do (the expectation)."""
        found: dict[tuple, RuleSummary] = {}
        for p in self.problems:
            what, to_do = p.what.render(lang), p.wanted.render(lang) if p.wanted else ""
            key = (p.severity, p.table or p.file or "", what, to_do)
            line = found.get(key)
            if line is None:
                where = p.file or p.table or tr("report.dataset", lang)
                line = found[key] = RuleSummary(p.severity, where, what, 0, [], to_do)
            line.count += p.count
            if p.count == 1 and len(line.examples) < examples:
                place = Problem(p.severity, p.what, sheet=p.sheet, row=p.row, column=p.column)
                shown = place.where(lang).removeprefix(tr("report.dataset", lang)).lstrip(", ")
                if p.value is not None:
                    shown += tr("report.value", lang, value=p.value)
                if shown:
                    line.examples.append(shown.strip())
        order = {severity: i for i, severity in enumerate(SEVERITIES)}
        return sorted(found.values(), key=lambda r: (order[r.severity], -r.count))

    def to_text(self, max_per_kind: int = 20, lang: str = "en") -> str:
        """The report for a terminal: summary, what was left out, then every problem by kind."""
        lines = [self.summary(lang)]
        rules = self.by_rule(lang)
        if rules:
            lines.append("")
            lines.append(tr("report.by_rule", lang))
            lines.extend(f"  - {rule.sentence(lang)}" for rule in rules)
        if self.left_out:
            lines.append("")
            lines.append(tr("report.left_out", lang))
            lines.extend(f"  - {sentence}" for sentence in self.left_out_sentences(lang))
        for severity in SEVERITIES:
            found = [p for p in self.problems if p.severity == severity]
            if not found:
                continue
            lines.append("")
            lines.append(
                tr(f"report.heading_{severity}", lang, n=integer(sum(p.count for p in found), lang))
            )
            shown: Counter[tuple] = Counter()
            for p in found:
                kind = (p.table, p.column, p.message)
                shown[kind] += 1
                if shown[kind] <= max_per_kind:
                    lines.append(f"  {p.sentence(lang)}")
                elif shown[kind] == max_per_kind + 1:
                    rest = sum(q.count for q in found if (q.table, q.column, q.message) == kind)
                    lines.append(
                        "  " + tr("report.more", lang, n=integer(rest - max_per_kind, lang))
                    )
        return "\n".join(lines)

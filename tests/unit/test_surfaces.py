"""Text from the data written into every surface stays text: one test per surface (PowerPoint with
its chart workbooks, PDF, Plotly figures and their SVG, CSV and Excel, Markdown) with names full of
formulas, markup, Streamlit directives, LaTeX, control characters and direction overrides."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import zipfile

import polars as pl
import pytest
from lxml import etree

from dashboard import text
from dashboard.export import boardpack
from metrics.text import sheets
from tests.hostile.corpus import HOSTILE_NAME

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def hostile_tables(sample) -> dict[str, pl.DataFrame]:
    """The sample with its best company, an industry and the service metric named hostilely."""
    t = dict(sample.tables)
    t["companies"] = t["companies"].with_columns(
        name=pl.when(pl.col("company_id") == "tele-03")
        .then(pl.lit(HOSTILE_NAME))
        .otherwise(pl.col("name"))
    )
    first = t["industries"]["industry_id"][0]
    t["industries"] = t["industries"].with_columns(
        name_en=pl.when(pl.col("industry_id") == first)
        .then(pl.lit("Ind " + HOSTILE_NAME))
        .otherwise(pl.col("name_en"))
    )
    return t


@pytest.fixture(scope="module")
def hostile_pack(hostile_tables) -> boardpack.BoardPack:
    return boardpack.build(
        hostile_tables,
        "Data " + HOSTILE_NAME,
        company="tele-03",
        lang="en",
        today=dt.date(2026, 11, 23),
        reps=100,
    )


def test_each_surface_function_neutralises_its_own_dangers():
    assert text.safe("![x](http://h/b.png) :red[r] $x$") == (
        r"\!\[x\]\(http\:\/\/h/b\.png\) \:red\[r\] \$x\$".replace(r"\/", "/")
    )
    assert text.chart('<a href="http://h">x</a> $x$ %{y} &amp;') == (
        '&lt;a href="http://h"&gt;x&lt;/a&gt; &#36;x&#36; &#37;{y} &amp;amp;'
    )
    assert text.slide("a\x01b\x1fc\u202ed\ne\x00") == "abcd e"
    assert text.pdf("\u202eevil\x07") == "evil"
    assert text.slide("Åkes Bank ≥ 😀") == "Åkes Bank ≥ 😀"


def test_pptx_holds_the_names_as_text_and_its_chart_workbooks_no_formulas(hostile_pack):
    data = boardpack.to_pptx(hostile_pack)
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        parts = {n: deck.read(n) for n in deck.namelist()}
    xml = {n: b for n, b in parts.items() if n.endswith((".xml", ".rels"))}
    for name, part in xml.items():
        etree.fromstring(part)  # every part is well-formed XML
        assert not CONTROL.search(part.decode("utf-8")), name
    workbooks = [b for n, b in parts.items() if n.endswith(".xlsx")]
    assert len(workbooks) >= 4
    found = False
    for book in workbooks:
        with zipfile.ZipFile(io.BytesIO(book)) as inner:
            sheets_xml = [inner.read(n) for n in inner.namelist() if n.endswith((".xml", ".rels"))]
        joined = b"".join(sheets_xml).decode("utf-8")
        assert "<f>" not in joined and "<f " not in joined  # no formula cell
        assert "<hyperlink" not in joined and 'TargetMode="External"' not in joined  # no link
        found = found or "HYPERLINK(" in joined  # the name, as text
    assert found
    charts = b"".join(b for n, b in xml.items() if "/charts/" in n).decode("utf-8")
    assert "=HYPERLINK(&quot;http://evil.example/" in charts or "=HYPERLINK(" in charts


def test_pdf_text_has_no_control_characters(hostile_pack, pdftoppm, tmp_path, chromium):
    path = tmp_path / "pack.pdf"
    path.write_bytes(boardpack.to_pdf(hostile_pack))
    shown = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "HYPERLINK(" in shown
    assert not CONTROL.search(shown.replace("\x0c", ""))  # pdftotext ends pages with a form feed


def test_plotly_figures_draw_names_as_text(hostile_pack):
    seen = []
    for slide in hostile_pack.slides:
        if slide.figure is None:
            continue
        spec = json.loads(slide.figure.to_json())
        for trace in spec["data"]:
            for key in ("name", "x", "y", "text"):
                value = trace.get(key)
                values = [value] if isinstance(value, str) else list(value or [])
                seen += [v for v in values if isinstance(v, str)]
            for row in trace.get("customdata") or []:
                seen += [v for v in list(row)[1:] if isinstance(v, str)]
        layout = spec["layout"]
        seen += [a.get("text", "") for a in layout.get("annotations", [])]
        seen.append(layout.get("title", {}).get("text", ""))
    hostile = [v for v in seen if "HYPERLINK" in v]
    assert hostile, "the hostile name is on a chart"
    for value in seen:
        assert "<a" not in value and "$" not in value and "%{" not in value, value
    assert any("&lt;a href=" in v for v in hostile)


def test_svg_has_no_live_link(hostile_pack, chromium):
    from dashboard.export import images

    figure = next(s.figure for s in hostile_pack.slides if s.key == "ranking")
    svg = images.render(figure, "svg")
    tree = etree.fromstring(svg)
    links = tree.xpath("//*[local-name()='a']")
    assert not links, [etree.tostring(a)[:200] for a in links]
    assert b"evil.example" in svg  # the name is there, as text


def test_csv_and_excel_of_hostile_names_hold_no_formula(hostile_tables):
    frame = hostile_tables["companies"].select("company_id", "name")
    back = pl.read_csv(sheets.to_csv(frame))
    assert back.filter(pl.col("company_id") == "tele-03")["name"][0].startswith("'=")
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(sheets.to_excel(frame, sheet="c")))["c"]
    assert all(not str(c.value).startswith("=") for row in ws.iter_rows() for c in row if c.value)

"""Every chart's Table view, on every page, in English and Swedish, on the sample and on a benchmark
of another shape: headers in words (no column names of the code), names instead of ids, rounded
numbers written as the language writes them."""

from __future__ import annotations

import re

import pytest
from streamlit import config
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from tests.app.test_pages import APP
from tests.shapes import SHAPES, build_all

PAGES = ["overview", "rankings", "commercial", "mirror", "company"]
CODE_HEADER = re.compile(r"_|\bid\b|^se$|^ci\b|^ci_|^[A-Za-z]$|^[a-z]+$")
"""A column name of the code: snake_case, an id, `se`, `ci_…`, a single letter, or one lower-case
word (`score`, `rank`) as the code names it rather than a reader."""
ID_VALUE = re.compile(r"^[a-z0-9]+([-_][a-z0-9]+)+$")
"""An id as a cell: `apot-01`, `ebit_margin_pct`, `mirror_high`, `state_owned`."""
LONG_DECIMAL = re.compile(r"\d[.,]\d{4,}")


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    root = tmp_path_factory.mktemp("shapes")
    paths = build_all(root)
    toml = root / "datasets.toml"
    toml.write_text("".join(f'[datasets.{n}]\npath = "{p}"\n' for n, p in paths.items()))
    return toml


def tables_of(page: str, lang: str, dataset: str | None = None) -> tuple[AppTest, list]:
    """The page with every chart switched to its Table view: (app, [(headers, display values, raw
    values)] of the charts' tables). A chart's table is told from a page's own tables (the Data
    page's raw ones, the rankings' side by side) by its display formats."""
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["lang"] = lang
    at.query_params["company"] = "Havängs Telekom" if dataset is None else ""
    if dataset:
        at.query_params["dataset"] = dataset
    at.run()
    if page != "overview":
        at.switch_page(f"views/{page}.py").run()
    views = [s for s in at.segmented_control if (s.key or "").endswith("_view")]
    if dataset and page == "company" and not views:  # a shape's company: choose its first one
        box = at.selectbox(key="company")
        if box.options:
            box.set_value(box.options[0]).run()
            views = [s for s in at.segmented_control if (s.key or "").endswith("_view")]
    assert views, f"{page}: no chart with a Table view"
    for view in views:
        view.set_value("table")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    out = []
    for frame in at.dataframe:
        shown = frame.value
        arrow = frame.proto.arrow_data
        if arrow.HasField("styler"):
            display = convert_arrow_bytes_to_pandas_df(arrow.styler.display_values)
            out.append((list(shown.columns), display, shown))
    return at, out


def problems(tables: list, lang: str) -> list[str]:
    found = []
    for headers, display, _raw in tables:
        found += [f"code-like header {h!r}" for h in headers if CODE_HEADER.search(str(h))]
        for column in display.columns:
            for cell in display[column].astype(str):
                if ID_VALUE.match(cell):
                    found.append(f"id-like value {cell!r} under {column!r}")
                if LONG_DECIMAL.search(cell) and not re.search(r"\d{4}", cell.split(",")[0]):
                    found.append(f"unrounded {cell!r} under {column!r}")
                if lang == "sv" and re.fullmatch(r"-?\d+\.\d+", cell):
                    found.append(f"English decimal point {cell!r} under {column!r}")
    return sorted(set(found))


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("page", PAGES)
def test_every_table_view_reads_in_words_on_the_sample(page, lang):
    at, tables = tables_of(page, lang)
    charts = [s for s in at.segmented_control if (s.key or "").endswith("_view")]
    assert len(tables) == len(charts)  # every chart's table is drawn, and checked
    assert not problems(tables, lang), problems(tables, lang)


def test_swedish_tables_write_decimal_commas_and_keep_numbers_to_sort():
    _, tables = tables_of("rankings", "sv")
    headers, display, raw = tables[0]
    assert "Betyg" in headers and "Bransch" in headers
    assert display["Betyg"].str.fullmatch(r"\d+,\d").all()  # 78,4: one decimal, a comma
    assert raw["Betyg"].dtype.kind == "f"  # the cell keeps its number: the column sorts by value
    assert raw["Svarande"].dtype.kind == "i"
    assert display["Svarande"].str.contains("\xa0").any()  # 1 013: a space between thousands
    assert "apotek" not in set(raw["Bransch"])  # names, not ids


@pytest.mark.parametrize("shape", ["renamed", "no_industries", "ten_point"])
@pytest.mark.parametrize("page", PAGES)
def test_every_table_view_reads_in_words_on_other_shapes(catalogue, monkeypatch, shape, page):
    assert shape in SHAPES
    monkeypatch.setenv("SERVICEMIRROR_DATASETS", str(catalogue))
    config.set_option("client.showErrorDetails", "full")
    try:
        _, tables = tables_of(page, "sv" if shape == "renamed" else "en", dataset=shape)
    except AssertionError as exc:
        if "no chart with a Table view" in str(exc) and page in ("commercial", "mirror"):
            pytest.skip(f"{shape} has no {page} charts")  # said so on the page (test_shapes)
        raise
    assert not problems(tables, "sv" if shape == "renamed" else "en")

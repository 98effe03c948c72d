"""Every page on benchmarks shaped unlike the sample (tests/shapes.py): renamed metric ids, no n and
no sd, a 1–10 scale, one wave, no commercial or employer tables, no industries, industry-level
respondents. Each page renders without an exception, never prints "± 0" or "None", and never draws an
empty chart: where there is nothing to draw, it says why."""

from __future__ import annotations

import json
import re

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from tests.app.test_pages import APP
from tests.shapes import SHAPES, build_all

PAGES = ["overview", "rankings", "commercial", "mirror", "company", "data", "present"]
ZERO_MARGIN = re.compile(r"±\s*0([.,]0+)?(?!\d)")
NONE_WORD = re.compile(
    r"^None\s+\d|(?<![.:!?]\s)(?<!^)(?<!- )\bNone\b(?! of them)|\bnan\b|\bnull\b"
)
"""A Python None (or NaN, or a null) in a text: "None 2023", "Airline D · None", "None of None" —
not the English word that starts a sentence ("None of them clearly moves")."""


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    root = tmp_path_factory.mktemp("shapes")
    paths = build_all(root)
    toml = root / "datasets.toml"
    toml.write_text("".join(f'[datasets.{n}]\npath = "{p}"\n' for n, p in paths.items()))
    return toml


def texts(at: AppTest) -> list[str]:
    """Every text the page shows: headings, paragraphs, captions, cards, notices, chart titles,
    subtitles and annotations."""
    found = [
        e.value
        for kind in ("title", "header", "subheader", "markdown", "caption")
        for e in at.get(kind)
    ]
    found += [
        str(e.value) for kind in ("info", "warning", "error", "success") for e in at.get(kind)
    ]
    for metric in at.get("metric"):
        found += [metric.label, str(metric.value), metric.proto.help or ""]
    for chart in at.get("plotly_chart"):
        layout = json.loads(chart.proto.spec)["layout"]
        found.append(str((layout.get("title") or {}).get("text", "")))
        found += [str(a.get("text", "")) for a in layout.get("annotations", [])]
    return found


def drawn(chart) -> bool:
    """True when a chart has something to show: a trace with data in it."""
    spec = json.loads(chart.proto.spec)
    for trace in spec.get("data", []):
        for axis in ("x", "y", "z", "values", "lat"):
            value = trace.get(axis)
            if isinstance(value, list) and any(v is not None for v in value):
                return True
            if isinstance(value, dict) and value.get("bdata"):
                return True
    return False


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("page", PAGES)
def test_every_page_on_every_shape(catalogue, monkeypatch, shape, page):
    monkeypatch.setenv("SERVICEMIRROR_DATASETS", str(catalogue))
    config.set_option("client.showErrorDetails", "full")  # a failure shows its traceback here
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["dataset"] = shape
    at.run()
    if page != "overview":
        at.switch_page(f"views/{page}.py").run()
    assert not at.exception, [
        re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(e.stack_trace[-6:])) for e in at.exception
    ]
    shown = texts(at)
    assert not [t for t in shown if ZERO_MARGIN.search(t)], [
        t for t in shown if ZERO_MARGIN.search(t)
    ]
    assert not [t for t in shown if NONE_WORD.search(t)], [t for t in shown if NONE_WORD.search(t)]
    empty = [
        json.loads(c.proto.spec)["layout"].get("title", {}).get("text")
        for c in at.get("plotly_chart")
        if not drawn(c)
    ]
    assert not empty, f"empty charts without a word: {empty}"

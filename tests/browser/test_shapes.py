"""Every page in a real browser on benchmarks shaped unlike the sample (tests/shapes.py): the page
finishes without an exception box, prints no "± 0", "None" or "nan", and every chart it draws has
marks in it (where there is nothing to draw, a page says why in words instead of a chart)."""

from __future__ import annotations

import pytest

from tests.app.test_shapes import NONE_WORD, ZERO_MARGIN
from tests.browser.conftest import serve, wait_idle
from tests.shapes import build_all

SHAPES = ["renamed", "published", "ten_point", "one_wave", "no_industries", "industry_level"]
PAGES = ["", "rankings", "commercial", "mirror", "company", "data", "present"]


@pytest.fixture(scope="module")
def shapes_url(tmp_path_factory, browser_path):
    root = tmp_path_factory.mktemp("shapes")
    paths = build_all(root)
    toml = root / "datasets.toml"
    toml.write_text("".join(f'[datasets.{n}]\npath = "{p}"\n' for n, p in paths.items()))
    with serve({"SERVICEMIRROR_DATASETS": str(toml)}) as url:
        yield url


@pytest.mark.parametrize("shape", SHAPES)
def test_every_page_in_a_browser_on_a_benchmark_of_another_shape(browser, shapes_url, shape):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.set_default_timeout(90_000)
    problems = []
    charts = 0
    try:
        for name in PAGES:
            page.goto(f"{shapes_url}/{name}?dataset={shape}")
            wait_idle(page)
            page.wait_for_timeout(300)  # the last charts' SVG
            if page.locator("[data-testid='stException']").count():
                problems.append(f"{name or 'overview'}: an exception is shown")
            main = page.locator("[data-testid='stMain']").inner_text()
            assert "Page not found" not in main, name
            shown = (
                f"Dataset: {shape}" in page.locator("section[data-testid='stSidebar']").inner_text()
            )
            for line in main.splitlines():
                if ZERO_MARGIN.search(line) or NONE_WORD.search(line):
                    problems.append(f"{name or 'overview'}: {line.strip()[:120]}")
            for plot in page.locator(".js-plotly-plot").all():
                charts += 1
                marks = plot.locator(
                    ".point, .bars path, .scatterlayer path.js-line, .heatmaplayer image"
                )
                if marks.count() == 0:
                    title = " ".join(plot.locator(".gtitle").all_inner_texts())
                    problems.append(f"{name or 'overview'}: an empty chart ({title!r})")
            assert shown or name == "data", (
                f"{name}: the dataset chosen is not named in the sidebar"
            )
    finally:
        context.close()
    assert not problems, problems
    assert charts >= 5  # the pages drew charts: the checks above looked at something

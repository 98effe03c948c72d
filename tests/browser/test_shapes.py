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


def look(page, name: str, shape: str) -> tuple[list[str], int]:
    """What is wrong on the page shown (an exception, '± 0' or None, a chart without marks) and how
    many charts it draws."""
    wait_idle(page)
    # a page may still be adding charts after its first run (the slides rerun): count until the
    # number holds for half a second
    count = -1
    for _ in range(20):
        now = page.locator(".js-plotly-plot").count()
        if now == count:
            break
        count = now
        page.wait_for_timeout(500)
    wait_idle(page)
    problems = []
    if page.locator("[data-testid='stException']").count():
        problems.append(f"{name}: an exception is shown")
    main = page.locator("[data-testid='stMain']").inner_text()
    assert "Page not found" not in main, name
    sidebar = page.locator("section[data-testid='stSidebar']").inner_text()
    assert f"Dataset: {shape}" in sidebar or name == "data", f"{name}: the dataset is not named"
    for line in main.splitlines():
        if ZERO_MARGIN.search(line) or NONE_WORD.search(line):
            problems.append(f"{name}: {line.strip()[:120]}")
    plots = page.locator(".js-plotly-plot").all()
    for plot in plots:
        marks = plot.locator(".point, .bars path, .scatterlayer path.js-line, .heatmaplayer image")
        if marks.count() == 0:
            title = " ".join(t or "" for t in plot.locator(".gtitle").all_text_contents())
            problems.append(f"{name}: an empty chart ({title!r})")
    return problems, len(plots)


@pytest.mark.parametrize("shape", SHAPES)
def test_every_page_in_a_browser_on_a_benchmark_of_another_shape(browser, shapes_url, shape):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.set_default_timeout(90_000)
    problems: list[str] = []
    charts = 0
    try:
        for name in PAGES:
            page.goto(f"{shapes_url}/{name}?dataset={shape}")
            found, drawn = look(page, name or "overview", shape)
            problems += found
            charts += drawn
        # the company profile, and the overview, with a company chosen as a director would
        box = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Our company")
        box.click()
        box.press("ArrowDown")  # the list opens (a search box: it stays shut on a click alone)
        page.get_by_role("option").first.click()
        found, drawn = look(page, "present, our company chosen", shape)
        problems += found
        for name in ("company", ""):
            page.get_by_test_id("stSidebarNav").get_by_role(
                "link", name="Company profile" if name else "Overview"
            ).click()
            found, drawn = look(page, f"{name or 'overview'}, our company chosen", shape)
            problems += found
            charts += drawn
    finally:
        context.close()
    assert not problems, problems
    assert charts >= 7  # the pages drew charts: the checks above looked at something

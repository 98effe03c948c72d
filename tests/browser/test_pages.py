"""Each page in a real browser: charts render, filters change them, permalinks reproduce a view,
and a click in a chart highlights that company everywhere. Screenshots go to tests/output/."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from tests.browser.conftest import wait_idle

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[1] / "output" / "screenshots"
PATHS = {"overview": "", "company": "company?company=Hav%C3%A4ngs%20Telekom"}
"""The default page lives at the root; the profile shows our company (it asks for one without)."""
PAGES = {"overview": 4, "rankings": 3, "commercial": 2, "mirror": 3, "company": 6, "data": 0}


def charts(page) -> int:
    return page.locator("[data-testid='stPlotlyChart']").count()


def titles(page) -> list[str]:
    return [
        t.text_content() or "" for t in page.locator("[data-testid='stPlotlyChart'] .gtitle").all()
    ]


@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_its_charts(page, app_url, name):
    page.set_viewport_size({"width": 1500, "height": 3400})
    page.goto(f"{app_url}/{PATHS.get(name, name)}")
    wait_idle(page)
    assert page.get_by_text("Page not found").count() == 0
    page.wait_for_function(
        f"document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length >= {PAGES[name]}"
    )
    assert charts(page) == PAGES[name]
    assert page.locator("[data-testid='stException']").count() == 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def test_changing_the_wave_redraws_the_ranking(page, app_url):
    page.goto(f"{app_url}/rankings")
    wait_idle(page)
    # the title states the finding; the wave is the subtitle's first word
    assert any(t.startswith("Pharmacies") for t in titles(page))
    subtitles = "[data-testid='stPlotlyChart'] .gtitle-subtitle"
    assert page.locator(subtitles).first.text_content().startswith("2025 · ")
    page.get_by_test_id("stSidebar").get_by_role("combobox", name="Wave").click()
    page.get_by_role("option", name="2019").click()
    wait_idle(page)
    page.wait_for_function(
        "[...document.querySelectorAll('.gtitle-subtitle')].some(t => t.textContent.startsWith('2019 · 22 industries'))"
    )
    assert "wave=2019" in page.url  # the view is in the link


def test_permalink_reproduces_the_view(page, app_url):
    page.goto(f"{app_url}/company?company={quote('Havängs Telekom')}&wave=2019")
    wait_idle(page)
    page.get_by_role("heading", name="Havängs Telekom · Telecom operators").wait_for()
    wave = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Wave")
    assert wave.input_value() == "2019"


def test_bad_link_falls_back_with_a_notice(page, app_url):
    page.goto(f"{app_url}/?company=Nobody%20AB")
    wait_idle(page)
    page.get_by_text("which this dataset does not have").first.wait_for()
    assert charts(page) == 4


def test_lasso_selection_highlights_companies_on_every_page(page, app_url):
    page.set_viewport_size({"width": 1500, "height": 1400})
    page.goto(f"{app_url}/mirror")
    wait_idle(page)
    point = page.locator("[data-testid='stPlotlyChart'] .scatterlayer .trace .points path").nth(5)
    point.wait_for()
    box = point.bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(cx - 25, cy - 25)
    page.mouse.down()
    for dx, dy in [(25, -25), (25, 25), (-25, 25), (-25, -25)]:
        page.mouse.move(cx + dx, cy + dy, steps=8)
    page.mouse.up()
    page.wait_for_function("new URL(location.href).searchParams.has('highlight')", timeout=30_000)
    wait_idle(page)
    chosen = page.url.split("highlight=")[1].split("&")[0]
    # the highlighted companies travel with the link to the next page
    page.get_by_test_id("stSidebarNav").get_by_text("Service & profitability").click()
    wait_idle(page)
    assert "highlight=" in page.url and chosen in page.url

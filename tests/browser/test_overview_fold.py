"""The Overview as the board's one screen in a real browser: at 1440×900 and 1920×1080 (sidebar open)
the KPI cards and the main chart are above the fold; on a 390×844 phone the cards and the main chart
come before the findings' "More findings". Screenshots of each viewport are kept in tests/output/."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import wait_idle

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[1] / "output" / "screenshots"
OURS = "?company=Hav%C3%A4ngs%20Telekom"

MEASURE = """() => {
  const box = (e) => e.getBoundingClientRect();
  const chart = document.querySelector('[data-testid="stPlotlyChart"]');
  const cards = [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stMetric"]')];
  const more = document.querySelector('[data-testid="stMain"] [data-testid="stExpander"]');
  const follows = (a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
  return {
    chartTop: box(chart).top, chartBottom: box(chart).bottom,
    cardsBottom: Math.max(...cards.map((c) => box(c).bottom)), cards: cards.length,
    sidebar: document.querySelector('[data-testid="stSidebar"]').getBoundingClientRect().width,
    chartBeforeMore: more ? follows(chart, more) : null,
    cardsBeforeChart: cards.every((c) => follows(c, chart)),
  };
}"""


def open_overview(page, app_url: str, width: int, height: int, query: str = "") -> dict:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_url}/{query}")
    wait_idle(page)
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length >= 1"
    )
    page.wait_for_timeout(500)  # the chart's final size after Plotly's first layout
    return page.evaluate(MEASURE)


@pytest.mark.parametrize("query", ["", OURS], ids=["no_company", "our_company"])
@pytest.mark.parametrize("width,height", [(1440, 900), (1920, 1080)])
def test_cards_and_main_chart_are_above_the_fold(page, app_url, width, height, query):
    seen = open_overview(page, app_url, width, height, query)
    assert seen["sidebar"] > 200  # the sidebar is open
    assert seen["cards"] == 4 and seen["cardsBottom"] <= height
    assert seen["chartTop"] < height
    assert seen["chartBottom"] <= height, seen  # the whole main chart, its source line too
    if not query:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"overview_{width}x{height}.png"))


def test_a_phone_shows_the_cards_and_the_main_chart_first(page, app_url):
    seen = open_overview(page, app_url, 390, 844)
    assert seen["cards"] == 4 and seen["cardsBeforeChart"]
    assert seen["chartBeforeMore"] is True, seen  # the picture before the long text
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "overview_390x844.png"))

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


PHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)
TITLES = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map((c) => {
  const svg = c.querySelector('.main-svg').getBoundingClientRect();
  const t = [...c.querySelectorAll('.gtitle, .gtitle-subtitle')].map((e) => e.getBoundingClientRect());
  return {right: svg.right, widest: Math.max(...t.map((r) => r.right)), left: svg.left};
})"""


def test_a_phone_gets_sentence_titles_that_fit(browser, app_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, user_agent=PHONE)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(f"{app_url}/{OURS}")
        wait_idle(page)
        page.wait_for_function(
            "document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length >= 4"
        )
        page.wait_for_timeout(500)
        charts = page.evaluate(TITLES)
        assert len(charts) == 4
        # every title and subtitle wrapped within its chart: nothing cut at the right edge
        assert all(c["widest"] <= c["right"] + 1 for c in charts), charts
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "overview_390x844_phone.png"))
    finally:
        context.close()

"""Presentation mode in a room: at 1920 × 1080 every slide fits the screen without scrolling, the
cover is not empty, the audience never sees the speaker notes (only the presenter view shows them),
and with no company chosen no slide shows another company unless the presenter asks for one.
Screenshots: tests/output/screenshots/present_<n>.png."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.conftest import wait_idle

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[1] / "output" / "screenshots"
ROOM = {"width": 1920, "height": 1080}
NOTES = "Speaker notes: sources and definitions"  # the presenter view's heading
NOTES_SV = "Talaranteckningar: källor och definitioner"
PANEL = ".st-key-presenter-notes"

# the scrolling container's height, and the lowest bottom edge of any element of the slide
MEASURE = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const blocks = [...main.querySelectorAll('[data-testid="stElementContainer"]')];
  const bottom = Math.max(...blocks.map(b => b.getBoundingClientRect().bottom + main.scrollTop));
  return {scroll: main.scrollHeight, client: main.clientHeight, bottom: bottom};
}"""


def _open(page, url: str) -> None:
    page.goto(url)
    wait_idle(page)
    page.locator(".st-key-slide_next").wait_for()
    if page.locator("[data-testid='stPlotlyChart']").count():
        page.wait_for_function(
            "document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length >= 1"
        )


def _count(page) -> int:
    """The number of slides, from "Slide n of m"."""
    text = page.get_by_text(re.compile(r"^(Slide|Bild) \d+ (of|av) \d+$")).first.inner_text()
    return int(text.rsplit(" ", 1)[-1])


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_every_slide_fits_1920_by_1080_and_keeps_the_notes_from_the_audience(page, app_url, lang):
    page.set_viewport_size(ROOM)
    base = f"{app_url}/?present=true&company=Hav%C3%A4ngs%20Telekom&lang={lang}"
    _open(page, base)
    count = _count(page)
    assert count == 9
    SHOTS.mkdir(parents=True, exist_ok=True)
    measured = []
    for n in range(1, count + 1):
        _open(page, f"{base}&slide={n}")
        size = page.evaluate(MEASURE)
        measured.append((n, size["scroll"], round(size["bottom"])))
        suffix = "" if lang == "en" else f"_{lang}"
        page.screenshot(path=str(SHOTS / f"present_{n}{suffix}.png"))
        assert size["scroll"] <= ROOM["height"], (n, size)
        assert size["bottom"] <= ROOM["height"], (n, size)
        # the audience's view: no notes (their heading, their panel, their text)
        assert page.get_by_text(NOTES if lang == "en" else NOTES_SV, exact=True).count() == 0, n
        assert page.locator(PANEL).count() == 0, n
        main = page.get_by_test_id("stMain").inner_text()
        assert "Definitions:" not in main and "Definitioner:" not in main, n
        assert page.locator("[data-testid='stException']").count() == 0
    print("slide, scrollHeight, content bottom:", measured)


def test_the_cover_is_not_empty(page, app_url):
    page.set_viewport_size(ROOM)
    _open(page, f"{app_url}/?present=true&company=Hav%C3%A4ngs%20Telekom&slide=1")
    main = page.get_by_test_id("stMain")
    text = main.inner_text()
    for part in ("Service Mirror board pack", "wave 2025", "Havängs Telekom", "In this pack"):
        assert part in text, part
    assert "EBIT margin" in text  # the one-line answer
    # the slide's content reaches down the screen (not 80% empty)
    assert page.evaluate(MEASURE)["bottom"] > 0.6 * ROOM["height"]


def test_only_the_presenter_view_shows_the_notes(page, app_url):
    page.set_viewport_size(ROOM)
    _open(page, f"{app_url}/?present=true&slide=3")
    assert page.get_by_text(NOTES, exact=True).count() == 0 and page.locator(PANEL).count() == 0
    page.get_by_text("Presenter view").click()
    wait_idle(page)
    page.get_by_text(NOTES, exact=True).wait_for()
    assert "notes=true" in page.url
    assert "Benjamini" in page.locator(PANEL).inner_text()  # the ranking's notes: its method


def test_no_example_company_unless_asked(page, app_url):
    page.set_viewport_size(ROOM)
    _open(page, f"{app_url}/?present=true")
    count = _count(page)
    for n in range(1, count + 1):
        _open(page, f"{app_url}/?present=true&slide={n}")
        assert page.get_by_text("as an example").count() == 0, n
    _open(page, f"{app_url}/?present=true&example=true&slide={count}")
    assert _count(page) == count + 1
    page.get_by_text("as an example").first.wait_for()

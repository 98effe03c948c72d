"""Board-ready in a real browser: a chart downloads as a real PNG, the board pack downloads as a
real deck, presentation mode shows slides without the sidebar, and the Swedish switch works."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from tests.browser.conftest import wait_idle

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[1] / "output" / "screenshots"


def test_chart_downloads_as_png_and_excel(page, app_url):
    page.goto(f"{app_url}/rankings")
    wait_idle(page)
    page.locator("[data-testid='stPopover'] button").first.click()
    with page.expect_download(timeout=90_000) as info:
        page.get_by_role("button", name="Image (PNG)").first.click()
    download = info.value
    assert download.suggested_filename.endswith(".png")
    image = Image.open(download.path())
    assert image.format == "PNG" and image.size == (3200, 1800)  # 1600 × 900 at 2× scale
    assert len(image.convert("RGB").getcolors(maxcolors=1_000_000) or []) > 50
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Data (Excel)").first.click()
    assert zipfile.is_zipfile(info.value.path())  # .xlsx is a zip of XML parts
    assert page.locator("[data-testid='stException']").count() == 0


def test_board_pack_downloads_as_a_deck(page, app_url):
    page.goto(f"{app_url}/?company=Hav%C3%A4ngs%20Telekom&anon=true")
    wait_idle(page)
    sidebar = page.get_by_test_id("stSidebar")
    with page.expect_download(timeout=180_000) as info:
        sidebar.get_by_role("button", name="PowerPoint").click()
    download = info.value
    assert download.suggested_filename.endswith("_anon.pptx")
    data = Path(download.path()).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        slides = [n for n in deck.namelist() if n.startswith("ppt/slides/slide")]
        charts = [n for n in deck.namelist() if n.startswith("ppt/charts/chart")]
        text = b"".join(deck.read(n) for n in slides).decode("utf-8")
    assert len(slides) == 9 and len(charts) >= 6
    assert "Havängs Telekom" in text and "Ljusdals Apotek" not in text


def test_presentation_mode_shows_slides_without_the_sidebar(page, app_url):
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(f"{app_url}/?present=true&lang=sv&slide=3")
    wait_idle(page)
    page.get_by_role("heading", name="2025: Apotek först").wait_for()
    assert not page.get_by_test_id("stSidebar").is_visible()
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length >= 1"
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "presentation.png"))
    page.get_by_role("button", name="Nästa").click()
    wait_idle(page)
    page.get_by_role("heading", name="Apotek etta i").wait_for()
    assert "slide=4" in page.url
    assert page.locator("[data-testid='stException']").count() == 0


def test_language_switch_translates_the_app(page, app_url):
    page.goto(f"{app_url}/rankings")
    wait_idle(page)
    page.get_by_role("heading", name="Industry rankings").wait_for()
    page.get_by_test_id("stSidebar").get_by_text("Svenska", exact=True).click()
    wait_idle(page)
    page.get_by_role("heading", name="Branschranking").first.wait_for()
    page.wait_for_function(
        "[...document.querySelectorAll('.gtitle')].some(t => t.textContent.includes('mätningar'))"
    )
    assert "lang=sv" in page.url


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("rankings?present=true", "Service Mirror board pack"),
        ("company?present=true&slide=3", "2025: Pharmacies first"),
        ("overview", "Overview"),
        ("overview?present=true&slide=2", "Key findings"),
    ],
)
def test_every_page_address_opens_without_page_not_found(page, app_url, path, heading):
    page.goto(f"{app_url}/{path}")
    wait_idle(page)
    page.get_by_role("heading", name=heading).first.wait_for()
    assert page.get_by_text("Page not found").count() == 0
    assert page.locator("[data-testid='stException']").count() == 0

"""Our company stands out (issue 17): chosen in the sidebar, its name is drawn beside its mark on
the industry ranking, the commercial scatter and the Satisfaction Mirror, in the accent colour.
Screenshots go to tests/output/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import theme
from tests.browser.conftest import wait_idle

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[1] / "output" / "screenshots"
OURS = "Havängs Telekom"
ACCENT_TEXT = """(name) => [...document.querySelectorAll('[data-testid="stPlotlyChart"] svg text')]
    .filter(t => t.textContent.includes(name))
    .map(t => getComputedStyle(t).fill || t.style.fill)"""


def choose_our_company(page, name: str) -> None:
    """Pick our company in the sidebar's 'Our company' box, as a director would."""
    box = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Our company")
    box.click()
    box.fill(name)
    page.get_by_role("option", name=name).click()
    wait_idle(page)


def accent_labels(page, name: str) -> list[str]:
    """The fill colours of every chart text that holds `name`."""
    page.wait_for_function(
        """(name) => [...document.querySelectorAll('[data-testid="stPlotlyChart"] svg text')]
            .some(t => t.textContent.includes(name))""",
        arg=name,
    )
    return page.evaluate(ACCENT_TEXT, name)


def rgb(hex_colour: str) -> str:
    h = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(h[i : i + 2], 16) for i in (0, 2, 4)))


@pytest.mark.parametrize("path", ["rankings", "commercial", "mirror"])
def test_our_company_is_labelled_in_the_accent(page, app_url, path):
    page.set_viewport_size({"width": 1440, "height": 2400})
    page.goto(f"{app_url}/{path}")
    wait_idle(page)
    page.locator("[data-testid='stPlotlyChart'] .main-svg").first.wait_for()
    before = page.evaluate(ACCENT_TEXT, OURS)
    assert rgb(theme.OURS) not in before  # nothing accented before a company is chosen
    choose_our_company(page, OURS)
    assert "company=" in page.url  # the choice is in the link
    fills = accent_labels(page, OURS)
    assert rgb(theme.OURS) in fills, fills  # drawn beside its mark, in the accent
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"highlight_{path}.png"), full_page=True)

"""Several people at once: three real browser sessions click through pages and change the wave on
one server without an error; one session's upload is never visible to another."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.load import run_load
from tests.browser.conftest import wait_idle
from tests.hostile.corpus import COMPANIES, SCORES

pytestmark = pytest.mark.browser


def test_three_sessions_at_once_without_errors(app_url, browser_path):
    # its own thread: the session's sync Playwright keeps an event loop running in this one
    load = run_load(app_url, sessions=3, seconds=30, chromium=browser_path)
    with ThreadPoolExecutor(max_workers=1) as pool:
        tally = pool.submit(asyncio.run, load).result()
    assert tally.errors == []
    assert len(tally.times) >= 6  # every session opened the app and did something more (a session
    # starts its next action while its 30 s last; on a loaded 2-core machine an open takes ~15 s)


def test_an_upload_is_seen_by_its_own_session_only(browser, app_url, tmp_path: Path):
    (tmp_path / "companies.csv").write_text(COMPANIES.replace("Alfa Bank", "Zeta Secret Bank"))
    (tmp_path / "service_scores.csv").write_text(SCORES)
    mine = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    theirs = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    for page in (mine, theirs):
        page.set_default_timeout(60_000)
        page.goto(f"{app_url}/data")
        wait_idle(page)
    mine.get_by_role("tab", name="Upload your data").click()
    mine.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        [str(tmp_path / "companies.csv"), str(tmp_path / "service_scores.csv")]
    )
    # the upload's rerun has to have happened (the script may not have started when the files land)
    mine.get_by_text("Dataset: your upload").first.wait_for()
    wait_idle(mine)
    # within the session (a reload would start a new one): the sidebar's navigation
    mine.get_by_role("link", name="Company").click()
    mine.wait_for_url("**/company*")
    wait_idle(mine)
    mine.get_by_text("Dataset: your upload").first.wait_for()
    # the profile shows no example company: choose ours (the upload's) in the sidebar
    mine.get_by_test_id("stSidebar").get_by_role("combobox", name="Our company").click()
    mine.get_by_role("option", name="Zeta Secret Bank").click()
    # the choice's rerun may not have started when the click returns: wait for its outcome (a CI
    # run found the page idle before it, and no name yet)
    mine.get_by_text("Zeta Secret Bank").first.wait_for()
    wait_idle(mine)
    assert mine.get_by_text("Zeta Secret Bank").count() >= 1
    theirs.goto(f"{app_url}/company")
    wait_idle(theirs)
    assert theirs.get_by_text("Dataset: the bundled sample").count() >= 1
    assert theirs.get_by_text("your upload").count() == 0
    assert "Zeta Secret Bank" not in theirs.content()

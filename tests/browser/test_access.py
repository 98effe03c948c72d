"""The gate in a real browser, with the app started as `make run` starts it (dashboard/server.py):
a download is only for the signed-in browser that asked for it — the same URL without that
browser's cookie, or after signing out, is refused — and wrong passwords lock the address out."""

from __future__ import annotations

import pytest

from tests.browser.conftest import serve, wait_idle

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def gated_url(browser_path):
    with serve({"SERVICEMIRROR_PASSWORD": PASSWORD}) as url:
        yield url


def sign_in(page, url: str, password: str = PASSWORD) -> None:
    page.goto(url)
    wait_idle(page)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Enter").click()
    wait_idle(page)


def test_a_download_reaches_only_the_signed_in_browser(browser, gated_url):
    mine = browser.new_context(accept_downloads=True)
    page = mine.new_page()
    page.set_default_timeout(90_000)
    sign_in(page, gated_url)
    page.get_by_role("link", name="Data").click()  # within the session (a reload starts anew)
    wait_idle(page)
    page.get_by_role("heading", name="Data").wait_for()
    page.get_by_role("tab", name="Validation report").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the full report (CSV)").click()
    url = info.value.url
    assert "/media/" in url
    assert mine.request.get(url).status == 200  # this browser, signed in
    stranger = browser.new_context()
    refused = stranger.request.get(url)  # the same URL, another browser (no cookie)
    assert refused.status == 403 and "signed-in browser" in refused.text()
    page.get_by_role("button", name="Sign out").click()
    wait_idle(page)
    assert mine.request.get(url).status == 403  # signed out: no longer
    stranger.close()
    mine.close()


def test_wrong_passwords_lock_the_address_out(browser, gated_url):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(gated_url)
    wait_idle(page)
    locked = page.get_by_text("Too many wrong passwords")
    tries = 0
    while not locked.count() and tries < 8:  # a submit can land while the last one still runs
        page.get_by_label("Password", exact=True).fill("guess")
        page.get_by_role("button", name="Enter").click()
        wait_idle(page)
        page.wait_for_timeout(300)
        tries += 1
    assert locked.count() == 1 and tries <= 7, tries
    page.get_by_label("Password", exact=True).fill(
        PASSWORD
    )  # right, but locked out: not even looked at
    page.get_by_role("button", name="Enter").click()
    wait_idle(page)
    assert page.get_by_text("Too many wrong passwords").count() == 1
    assert page.get_by_role("button", name="Sign out").count() == 0
    context.close()

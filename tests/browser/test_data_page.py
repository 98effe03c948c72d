"""What a person does on the data page, in a real browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import wait_idle

pytestmark = pytest.mark.browser


def test_open_app_shows_data_page_without_error(page, app_url, tmp_path: Path):
    page.goto(f"{app_url}/data")
    wait_idle(page)
    page.get_by_role("heading", name="Data").wait_for()
    assert page.get_by_text("0 errors").first.is_visible()
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text("Companies").first.is_visible()
    page.screenshot(path=str(tmp_path / "data_page.png"), full_page=True)


def test_download_validation_report(page, app_url, tmp_path: Path):
    page.goto(f"{app_url}/data")
    wait_idle(page)
    page.get_by_role("tab", name="Validation report").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the full report (CSV)").click()
    target = tmp_path / "report.csv"
    info.value.save_as(target)
    text = target.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("severity,table,file,sheet,row,column,value")
    assert "low base" in text


def test_bad_upload_gives_report_not_traceback(page, app_url, tmp_path: Path):
    bad = tmp_path / "companies.csv"
    bad.write_bytes(b"\x00\x01\x02 binary junk \xff\xfe" * 50)
    page.goto(f"{app_url}/data")
    wait_idle(page)
    page.get_by_role("tab", name="Upload your data").click()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(bad))
    wait_idle(page)
    page.get_by_text("cannot be shown").first.wait_for()
    assert page.locator("[data-testid='stException']").count() == 0
    page.get_by_text("companies.csv: the file is binary, not text").first.wait_for()
    page.get_by_role("tab", name="Validation report").click()
    page.get_by_role("button", name="Download the full report (CSV)").wait_for()

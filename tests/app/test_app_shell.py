"""The app shell with AppTest: the sample by default, a bad upload, and the report download."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import state
from tests.conftest import tiny_tables

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@pytest.fixture(autouse=True)
def fresh_caches():
    st.cache_data.clear()
    yield
    st.cache_data.clear()


def run_app(**session) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in session.items():
        at.session_state[key] = value
    at.run()
    at.switch_page("views/data.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


class FakeUpload:
    """What st.file_uploader hands the app: a name, a size, the bytes and an id."""

    def __init__(self, name: str, data: bytes):
        self.name, self._data, self.size, self.file_id = name, data, len(data), name

    def getvalue(self) -> bytes:
        return self._data


def test_data_page_shows_the_sample():
    at = run_app()
    assert at.title[0].value == "Data"
    assert at.success[0].value.startswith("0 errors")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Companies"] == "195" and metrics["Published waves"] == "11"
    assert "Dataset: the bundled sample" in [c.value for c in at.sidebar.caption]
    assert not at.error


def test_table_preview_switches_table():
    at = run_app()
    at.selectbox(key="preview_table").set_value("companies").run()
    assert not at.exception
    assert "195 rows × 6 columns" in " ".join(c.value for c in at.caption)


def test_bad_upload_shows_report_not_traceback():
    bad = state.load_upload([FakeUpload("companies.csv", b"\x00\x01\x02\x03" * 64)])
    at = run_app(**{state.UPLOAD_KEY: bad})
    assert at.error, "an unusable upload must say so"
    assert "cannot be shown" in at.error[0].value
    assert "companies.csv: the file is binary, not text" in at.text[-1].value
    assert "Dataset: your upload" in [c.value for c in at.sidebar.caption]


def test_partly_bad_upload_names_what_was_left_out(tmp_path: Path):
    tables = tiny_tables()
    files = [
        FakeUpload(f"{name}.csv", frame.write_csv().encode()) for name, frame in tables.items()
    ]
    files[-1] = FakeUpload(
        "service_scores.csv",
        tables["service_scores"].write_csv().replace("72.5", "72,5,extra").encode(),
    )
    dataset = state.load_upload(files)
    at = run_app(**{state.UPLOAD_KEY: dataset})
    assert at.warning and "service_scores: 1 of 6 rows left out" in at.warning[0].value
    assert at.error and "1 error" in at.error[0].value


def test_oversized_upload_is_refused_in_code():
    dataset = state.load_upload([FakeUpload("big.csv", b"a,b\n1,2\n" * 100)], max_bytes=100)
    assert not dataset.usable
    assert "over the upload limit" in dataset.report.to_text()


def test_upload_files_go_to_a_temporary_folder_that_is_removed(monkeypatch, tmp_path: Path):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    upload = FakeUpload("../../etc/passwd.csv", b"company_id,name\na,A\n")
    state.load_upload([upload])
    assert list(tmp_path.iterdir()) == []  # nothing left behind, nothing written elsewhere


def test_report_download_is_built_on_click_only():
    at = run_app()
    buttons = [b for b in at.get("download_button")]
    assert buttons, "the report download is on the page"


def test_an_upload_with_its_column_map_is_read_as_the_map_says():
    from tests.unit.test_bring_your_own import RANKING, RANKING_MAP

    files = [
        FakeUpload("ranking.csv", RANKING.encode()),
        FakeUpload("my-map.toml", RANKING_MAP.encode()),  # any .toml beside the data is its map
    ]
    upload = state.load_upload(files)
    assert upload.usable and upload.name == "Example reputation ranking 2023"
    at = run_app(**{state.UPLOAD_KEY: upload})
    shown = " ".join(t.value for t in at.text)
    assert "Example reputation ranking 2023" in shown and "A published ranking" in shown
    assert "EUR" in shown


def _tiny_upload():
    return state.load_upload(
        [FakeUpload(f"{n}.csv", f.write_csv().encode()) for n, f in tiny_tables().items()]
    )


def test_an_upload_and_its_analytics_stay_in_the_session_and_go_with_it():
    import gc
    import weakref

    from tests.app.test_pages import PAGES

    dataset = _tiny_upload()
    ref = weakref.ref(dataset)
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state[state.UPLOAD_KEY] = dataset
    at.session_state[state.FINGERPRINT_KEY] = ("tiny",)
    at.query_params["anon"] = "true"
    at.run()
    for page in PAGES[1:]:
        at.switch_page(f"views/{page}.py").run()
        assert not at.exception, [e.value for e in at.exception]
    assert not any(state.is_upload_key(k) for k in state._registry())  # nothing process-wide
    memo = at.session_state[state.MEMO_KEY]
    assert state.is_upload_key(memo["_base"]) and len(memo) > 5  # the analytics, in the session
    del dataset, memo, at
    gc.collect()
    assert ref() is None, gc.get_referrers(ref())  # the session gone, the upload is gone


def test_a_new_upload_replaces_the_old_one_and_its_analytics():
    import gc
    import weakref

    at = run_app(**{state.UPLOAD_KEY: _tiny_upload(), state.FINGERPRINT_KEY: ("first",)})
    at.switch_page("views/rankings.py").run()
    first = weakref.ref(at.session_state[state.UPLOAD_KEY])
    first_base = at.session_state[state.MEMO_KEY]["_base"]
    at.session_state[state.UPLOAD_KEY] = _tiny_upload()  # as use_upload does, after use_sample
    at.session_state[state.FINGERPRINT_KEY] = ("second",)
    at.run()
    assert not at.exception
    gc.collect()
    assert first() is None  # the first upload is gone, and its analytics with it
    assert at.session_state[state.MEMO_KEY]["_base"] != first_base

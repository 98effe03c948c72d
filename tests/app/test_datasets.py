"""Named datasets in the app: a PostgreSQL dataset picked by name (or by link) shows what the files
show; a database that is down gives a plain message and the app keeps working; refresh re-reads."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from metrics.ingest.database import write_dataset
from metrics.ingest.load import load_dataset
from metrics.schema import TABLES
from tests.app.test_pages import APP
from tests.conftest import SAMPLE_DIR
from tests.postgres import PASSWORD


@pytest.fixture(scope="module")
def catalogue(postgres, tmp_path_factory):
    uri = postgres.create_database("app")
    write_dataset(load_dataset(SAMPLE_DIR, keep_rows=True), uri)
    toml = tmp_path_factory.mktemp("cat") / "datasets.toml"
    tables = "{ " + ", ".join(f'{t} = "{t}"' for t in TABLES) + " }"
    toml.write_text(
        f'[datasets.warehouse]\nlabel = "CX warehouse"\nuri = "{postgres.uri("app", None)}"\n'
        f'password_env = "SM_TEST_PW"\nttl_seconds = 600\ntables = {tables}\n'
        '[datasets.down]\nlabel = "Old server"\n'
        'uri = "postgresql://servicemirror@127.0.0.1:9/app"\npassword_env = "SM_TEST_PW"\n'
        f"tables = {tables}\n",
        encoding="utf-8",
    )
    return toml


@pytest.fixture
def env(catalogue, monkeypatch):
    monkeypatch.setenv("SERVICEMIRROR_DATASETS", str(catalogue))
    monkeypatch.setenv("SM_TEST_PW", PASSWORD)


def run(dataset: str | None = None, page: str = "overview") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    if dataset:
        at.query_params["dataset"] = dataset
    at.run()
    if page != "overview":
        at.switch_page(f"views/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = (
        [c.value for c in at.caption] + [e.value for e in at.error] + [m.value for m in at.markdown]
    )
    return "\n".join(str(p) for p in parts)


def titles(at: AppTest) -> list[str]:
    return [  # on one line (the chart wraps a title for narrow screens)
        json.loads(c.proto.spec)["layout"]["title"]["text"].replace("<br>", " ")
        for c in at.get("plotly_chart")
    ]


def test_a_database_dataset_shows_what_the_files_show(env):
    sample, warehouse = run(), run("warehouse")
    assert warehouse.selectbox(key="dataset").value == "warehouse"
    assert "Dataset: CX warehouse" in texts(warehouse)
    assert titles(warehouse) == titles(sample)
    for a, b in zip(warehouse.get("plotly_chart"), sample.get("plotly_chart"), strict=True):
        assert json.loads(a.proto.spec)["data"] == json.loads(b.proto.spec)["data"]
    assert PASSWORD not in texts(warehouse)


def test_picking_a_dataset_in_the_sidebar(env):
    at = run(page="rankings")
    at.selectbox(key="dataset").set_value("warehouse").run()
    assert not at.exception
    assert "Dataset: CX warehouse" in texts(at)
    assert "Read at" in texts(at)


def test_a_database_that_is_down_says_so_and_the_app_keeps_working(env):
    at = run("down")
    assert any(
        "Old server cannot be used" in e.value and "cannot be reached" in e.value for e in at.error
    )
    assert len(at.get("plotly_chart")) == 4  # the sample, as said
    other = run("warehouse")
    assert not other.error and "Dataset: CX warehouse" in texts(other)


def test_refresh_reads_the_database_again(env):
    at = run("warehouse")
    before = [c.value for c in at.caption if c.value.startswith("Read at")]
    at.button(key="refresh_dataset").click().run()
    assert not at.exception
    after = [c.value for c in at.caption if c.value.startswith("Read at")]
    assert before and after and "Dataset: CX warehouse" in texts(at)


def test_a_bad_update_keeps_the_last_good_version(tmp_path, monkeypatch):
    """Files that break between two reads: the app keeps showing what it had and says why."""
    import shutil

    from tests.conftest import SAMPLE_DIR

    folder = tmp_path / "live"
    shutil.copytree(SAMPLE_DIR, folder)
    toml = tmp_path / "datasets.toml"
    toml.write_text(f'[datasets.live]\nlabel = "Live files"\npath = "{folder}"\n')
    monkeypatch.setenv("SERVICEMIRROR_DATASETS", str(toml))
    good = run("live")
    assert "Dataset: Live files" in texts(good) and len(good.get("plotly_chart")) == 4
    (folder / "companies.csv").write_text("this is not a companies table\n")
    (folder / "responses.parquet").unlink()
    (folder / "service_scores.csv").write_bytes(b"\x00\x01binary")
    from dashboard import state

    state.refresh("live")
    at = run("live")
    assert len(at.get("plotly_chart")) == 4  # still the good version
    assert any("latest read failed" in w.value for w in at.warning), [w.value for w in at.warning]

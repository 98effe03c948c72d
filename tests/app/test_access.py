"""Access control: off by default; a board-room password gate; sign-in (OIDC) when configured;
per-dataset access lists that hide datasets from whoever may not see them, links included."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from metrics.ingest.datasets import NamedDataset
from tests.app.test_pages import APP
from tests.conftest import SAMPLE_DIR


def app(**secrets) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.secrets.update(secrets)
    return at


def test_open_by_default():
    at = app()
    at.run()
    assert not at.exception and len(at.get("plotly_chart")) == 4
    assert not at.text_input  # no password box


def test_the_password_gate(monkeypatch):
    monkeypatch.setenv("SERVICEMIRROR_PASSWORD", "correct horse")
    at = app()
    at.run()
    assert not at.get("plotly_chart") and at.text_input(key="password_input")
    assert not at.sidebar.selectbox  # no data, no filters before the password
    at.text_input(key="password_input").input("wrong")
    at.button[0].click().run()  # the form's submit button
    assert any("not right" in e.value for e in at.error) and not at.get("plotly_chart")
    at.text_input(key="password_input").input("correct horse")
    at.button[0].click().run()
    assert not at.exception and len(at.get("plotly_chart")) == 4
    at.button(key="logout").click().run()
    assert not at.get("plotly_chart")


AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "x" * 32,
    "client_id": "id",
    "client_secret": "s",
    "server_metadata_url": "https://id.example.com/.well-known/openid-configuration",
}


def test_sign_in_when_configured():
    at = app(auth=AUTH)
    at.user = {"is_logged_in": False}
    at.run()
    assert not at.exception
    assert at.button(key="login").label == "Sign in"
    assert not at.get("plotly_chart") and not at.sidebar.selectbox


def test_signed_in_users_see_their_datasets(restricted):
    at = app(auth=AUTH)
    at.user = {"is_logged_in": True, "email": "alice@example.com", "name": "Alice"}
    at.run()
    assert not at.exception and len(at.get("plotly_chart")) == 4
    options = at.selectbox(key="dataset").options
    assert "Analysts" in options and "Board only" not in options  # allowed by @example.com
    at.button(key="logout").click().run()  # st.logout: the next run is signed out
    assert at.button(key="login").label == "Sign in" and not at.get("plotly_chart")


@pytest.fixture
def restricted(tmp_path, monkeypatch):
    toml = tmp_path / "datasets.toml"
    toml.write_text(
        f'[datasets.board]\nlabel = "Board only"\npath = "{SAMPLE_DIR}"\nallow = ["board"]\n'
        f'[datasets.analysts]\nlabel = "Analysts"\npath = "{SAMPLE_DIR}"\n'
        'allow = ["analysts", "@example.com"]\n'
    )
    monkeypatch.setenv("SERVICEMIRROR_DATASETS", str(toml))


def enter(at: AppTest, password: str) -> AppTest:
    at.run()
    at.text_input(key="password_input").input(password)
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_access_lists_hide_datasets(restricted):
    roles = {"access": {"passwords": {"board": "b-pass", "analysts": "a-pass"}}}
    board = enter(app(**roles), "b-pass")
    assert "Board only" in board.selectbox(key="dataset").options
    assert "Analysts" not in board.selectbox(key="dataset").options
    analyst = app(**roles)
    analyst.query_params["dataset"] = "board"  # a link to what this user may not see
    enter(analyst, "a-pass")
    assert "Board only" not in analyst.selectbox(key="dataset").options
    assert analyst.selectbox(key="dataset").value == "sample"
    assert any("do not have access" in w.value for w in analyst.warning)


def test_access_rules():
    entry = NamedDataset("x", "X", allow=("board", "@example.com", "alice@corp.se"))
    assert (
        entry.allows("board") and entry.allows("Bob@Example.com") and entry.allows("alice@corp.se")
    )
    assert not entry.allows("analysts") and not entry.allows(None) and not entry.allows("x@corp.se")
    assert NamedDataset("y", "Y").allows(None)


def test_wrong_passwords_lock_the_address_out(monkeypatch):
    from dashboard import access

    now = [1000.0]
    monkeypatch.setattr(access, "THROTTLE", access.Throttle(clock=lambda: now[0]))
    monkeypatch.setenv("SERVICEMIRROR_PASSWORD", "correct horse")
    at = app()
    at.run()
    for _ in range(4):
        at.text_input(key="password_input").input("guess")
        at.button[0].click().run()
        assert any("not right" in e.value for e in at.error)
    at.text_input(key="password_input").input("guess")
    at.button[0].click().run()
    assert any("try again in 60 s" in e.value for e in at.error)
    at.text_input(key="password_input").input("correct horse")  # right, but not even looked at
    at.button[0].click().run()
    assert not at.get("plotly_chart") and any("Too many" in e.value for e in at.error)
    now[0] += 61
    at.text_input(key="password_input").input("correct horse")
    at.button[0].click().run()
    assert not at.exception and len(at.get("plotly_chart")) == 4


def test_the_lockout_doubles_and_a_right_password_resets_it():
    from dashboard.access import Throttle

    now = [0.0]
    throttle = Throttle(max_failures=3, lockout=10, longest=25, clock=lambda: now[0])
    for _ in range(3):
        throttle.failed("a")
    assert throttle.wait("a") == 10 and throttle.wait("b") == 0
    now[0] += 11
    for _ in range(3):
        throttle.failed("a")
    assert throttle.wait("a") == 20
    now[0] += 21
    for _ in range(3):
        throttle.failed("a")
    assert throttle.wait("a") == 25  # at most `longest`
    throttle.succeeded("a")
    assert throttle.wait("a") == 0


def test_with_a_gate_and_no_download_guard_no_download_is_offered(monkeypatch):
    from dashboard import guard

    monkeypatch.setattr(guard, "ACTIVE", False)
    monkeypatch.setenv("SERVICEMIRROR_PASSWORD", "pw")
    at = enter(app(), "pw")
    buttons = [b for b in at.get("download_button")]
    assert buttons and all(b.proto.disabled for b in buttons)
    assert "server.py" in buttons[0].proto.help
    monkeypatch.setattr(guard, "ACTIVE", True)
    at.run()
    assert not any(b.proto.disabled for b in at.get("download_button"))

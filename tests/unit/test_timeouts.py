"""A database that accepts the connection and never answers: `servicemirror validate --dataset` and
the app both give the timeout message within the connect timeout, instead of hanging (a Python socket
server stands in for the database)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.test_pages import APP

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_S = 2
"""The URI's connect_timeout (the default is 10 s; the URI may set its own)."""


@pytest.fixture
def silent_server():
    """Accepts every connection, reads what it is sent, and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            held.append(conn)  # kept open, never written to

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(timeout=2)
    for conn in held:
        conn.close()
    server.close()


@pytest.fixture
def catalogue(tmp_path, silent_server, monkeypatch):
    path = tmp_path / "datasets.toml"
    path.write_text(
        "[datasets.silent]\n"
        'label = "Silent warehouse"\n'
        f'uri = "postgresql://analyst@127.0.0.1:{silent_server}/cx?connect_timeout={TIMEOUT_S}"\n'
        'tables = { companies = "cx.companies", service_scores = "cx.scores" }\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("SERVICEMIRROR_DATASETS", str(path))
    monkeypatch.setenv("PGPASSWORD", "unused")  # libpq must not ask for one
    return path


def test_validate_gives_the_timeout_message_in_time(catalogue):
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "metrics.cli", "validate", "--dataset", "silent"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, "SERVICEMIRROR_DATASETS": str(catalogue)},
    )
    elapsed = time.monotonic() - started
    assert done.returncode == 1, done.stdout + done.stderr
    assert "did not answer in time" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert elapsed < TIMEOUT_S + 20  # the start-up of the command, plus the timeout


def test_the_app_gives_the_timeout_message_in_time(catalogue):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["dataset"] = "silent"
    started = time.monotonic()
    at.run()
    elapsed = time.monotonic() - started
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert any("did not answer in time" in e and "Silent warehouse" in e for e in errors), errors
    assert elapsed < TIMEOUT_S + 30
    assert (
        len(at.get("plotly_chart")) == 4
    )  # the sample is shown meanwhile: the overview draws its four charts

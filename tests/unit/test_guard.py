"""The download guard (dashboard/guard.py) as an ASGI middleware: a browser cookie for every
browser, and `/media/` only for a browser bound to a signed-in session while the gate is on."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from dashboard import guard


def call(middleware, path: str, cookie: str | None = None) -> tuple[int, dict[bytes, bytes]]:
    headers = [(b"cookie", f"{guard.COOKIE}={cookie}".encode())] if cookie else []
    scope = {"type": "http", "path": path, "headers": headers, "scheme": "http"}
    sent = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    # in a thread of its own: a browser test's sync Playwright may keep a loop running in this one
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, middleware(scope, receive, send)).result()
    start = next(m for m in sent if m["type"] == "http.response.start")
    return start["status"], dict(start.get("headers", []))


async def app(scope, receive, send):
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"file"})


@pytest.fixture
def middleware(monkeypatch):
    monkeypatch.setattr(guard, "ACTIVE", False)
    monkeypatch.setattr(guard, "_SIGNED_IN", {})
    gate = {"on": True}
    return guard.MediaGuard(app, gate_on=lambda: gate["on"], media_prefix="/media/"), gate


def test_media_only_for_a_signed_in_browser(middleware):
    mw, gate = middleware
    assert guard.ACTIVE
    assert call(mw, "/media/abc.pdf")[0] == 403  # no cookie
    assert call(mw, "/media/abc.pdf", "browser-1")[0] == 403  # a cookie, not signed in
    guard.grant("browser-1", "session-1")
    assert call(mw, "/media/abc.pdf", "browser-1")[0] == 200
    assert call(mw, "/media/abc.pdf", "browser-2")[0] == 403  # another browser
    guard.revoke("browser-1", "session-1")
    assert call(mw, "/media/abc.pdf", "browser-1")[0] == 403
    gate["on"] = False  # no gate: nothing is confidential
    assert call(mw, "/media/abc.pdf")[0] == 200


def test_a_binding_runs_out_and_pages_are_never_refused(middleware):
    mw, _ = middleware
    guard.grant("browser-1", "session-1", now=0.0)
    assert not guard.allowed("browser-1")  # MAX_AGE after time 0 is long past
    assert call(mw, "/rankings")[0] == 200 and call(mw, "/_stcore/health")[0] == 200


def test_every_browser_gets_an_http_only_cookie_once(middleware):
    mw, _ = middleware
    _, headers = call(mw, "/")
    cookie = headers[b"set-cookie"].decode()
    assert cookie.startswith(guard.COOKIE + "=") and "HttpOnly" in cookie and "SameSite" in cookie
    assert len(cookie.split(";")[0].split("=", 1)[1]) >= 40  # 32 random bytes
    _, again = call(mw, "/", "already-has-one")
    assert b"set-cookie" not in again

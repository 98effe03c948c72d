"""Downloads behind the gate: only the browser of a signed-in session can fetch a file.

Streamlit serves every file a download button produces (a board pack, a chart image, the report)
under `/media/<id>` to whoever has that URL: no cookie, no session is asked for. The id is a hash of
the file's content, so it cannot be guessed, but a URL that leaks (history, a proxy log, a shared
screenshot of the address bar) would download the file for as long as Streamlit keeps it.

`MediaGuard` is an ASGI middleware (installed by `dashboard/server.py`, the app as `st.App`). It gives
each browser a random, HttpOnly cookie; the gate (`dashboard.access`) binds that browser to its
session when someone signs in and unbinds it when they sign out; and a `/media/` request is
answered only when it carries the cookie of a browser with a live, signed-in session. With no gate
configured nothing is confidential and every request passes.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time

COOKIE = "servicemirror_browser"
MAX_AGE = 12 * 3600
"""A binding lasts at most this long without a rerun of its session (seconds)."""

ACTIVE = False
"""True once the middleware runs in this process (the app started through dashboard/server.py)."""

_LOCK = threading.Lock()
_SIGNED_IN: dict[str, dict[str, float]] = {}
"""sha256 of a browser's cookie -> {session id: when the binding runs out}."""


def _key(browser: str) -> str:
    return hashlib.sha256(browser.encode()).hexdigest()


def grant(browser: str | None, session: str | None, now: float | None = None) -> None:
    """Bind a browser to its signed-in session (again on every rerun, which keeps it alive)."""
    if not browser or not session:
        return
    with _LOCK:
        _SIGNED_IN.setdefault(_key(browser), {})[session] = (
            time.time() if now is None else now
        ) + MAX_AGE


def revoke(browser: str | None, session: str | None) -> None:
    """The session signed out: its browser may no longer download through it."""
    if not browser:
        return
    with _LOCK:
        sessions = _SIGNED_IN.get(_key(browser), {})
        sessions.pop(session or "", None)
        if not sessions:
            _SIGNED_IN.pop(_key(browser), None)


def _session_alive(session: str) -> bool:
    """True while Streamlit still has the session (without a server running: judged by time)."""
    from streamlit import runtime

    if not runtime.exists():
        return True
    return runtime.get_instance().is_active_session(session)


def allowed(browser: str | None, now: float | None = None) -> bool:
    """True when this browser has a signed-in session that is still there."""
    if not browser:
        return False
    now = time.time() if now is None else now
    with _LOCK:
        sessions = dict(_SIGNED_IN.get(_key(browser), {}))
    live = [s for s, until in sessions.items() if until > now and _session_alive(s)]
    if len(live) < len(sessions):  # ended sessions and stale bindings go
        with _LOCK:
            current = _SIGNED_IN.get(_key(browser), {})
            for s in set(sessions) - set(live):
                current.pop(s, None)
            if not current:
                _SIGNED_IN.pop(_key(browser), None)
    return bool(live)


def _cookies(scope) -> dict[str, str]:
    from http.cookies import SimpleCookie

    header = b"; ".join(v for k, v in scope.get("headers", []) if k == b"cookie")
    jar = SimpleCookie()
    try:
        jar.load(header.decode("latin-1"))
    except Exception:  # a malformed cookie header: no cookies
        return {}
    return {k: m.value for k, m in jar.items()}


class MediaGuard:
    """The ASGI middleware: a browser cookie on every response that lacks one, and `/media/`
    answered only for a signed-in browser when the gate is on."""

    def __init__(self, app, gate_on=None, media_prefix: str | None = None):
        global ACTIVE
        ACTIVE = True
        self.app = app
        self._gate_on = gate_on
        self._prefix = media_prefix

    def gate_on(self) -> bool:
        if self._gate_on is not None:
            return self._gate_on()
        from dashboard import access

        return access.gate_configured()

    def prefix(self) -> str:
        if self._prefix is None:
            from streamlit import config

            base = (config.get_option("server.baseUrlPath") or "").strip("/")
            self._prefix = f"/{base}/media/" if base else "/media/"
        return self._prefix

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cookies = _cookies(scope)
        browser = cookies.get(COOKIE)
        media = scope.get("path", "").startswith(self.prefix())
        if media and self.gate_on() and not allowed(browser):
            await _refuse(send)
            return
        if browser:
            await self.app(scope, receive, send)
            return
        fresh = secrets.token_urlsafe(32)
        secure = "; Secure" if scope.get("scheme") == "https" else ""
        cookie = f"{COOKIE}={fresh}; Path=/; HttpOnly; SameSite=Lax{secure}".encode()

        async def with_cookie(message):
            if message["type"] == "http.response.start":
                message = {
                    **message,
                    "headers": [*message.get("headers", []), (b"set-cookie", cookie)],
                }
            await send(message)

        await self.app(scope, receive, with_cookie)


async def _refuse(send) -> None:
    from metrics.text.i18n import tr

    body = tr("access.download_refused", "en") + "\n" + tr("access.download_refused", "sv")
    data = body.encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": 403,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(data)).encode()),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})

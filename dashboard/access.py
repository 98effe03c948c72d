"""Who may look: an optional gate in front of the whole app, and per-dataset access lists.

Off unless configured (the bundled sample needs no gate). Two modes:

- **Sign-in (OIDC)**: when `.streamlit/secrets.toml` has an `[auth]` section, Streamlit's built-in
  `st.login` signs people in with the configured identity provider; the user is their e-mail address.
- **Board-room passwords**: otherwise, when `SERVICEMIRROR_PASSWORD` is set, or `[access] password`
  / `[access.passwords] role = "…"` in secrets.toml, a password form; the user is the role whose
  password was given ("board" for the single password).

`datasets.toml` may restrict a dataset: `allow = ["board", "alice@example.com", "@example.com"]`
(roles, addresses, or whole domains); a dataset without `allow` is open to everyone let in. Passwords
are compared in constant time and never kept in the session, only the role they unlock.

Wrong passwords are throttled: after `Throttle.max_failures` wrong ones from one address within a few
minutes that address is locked out for a minute (doubling with each lockout, at most 15 minutes),
whatever it types. A signed-in session binds its browser for downloads (`dashboard.guard`); with a
gate configured and the app not started through `dashboard/server.py`, no downloads are offered.
"""

from __future__ import annotations

import hmac
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from dashboard import guard
from metrics.text.i18n import tr

PASSWORD_ENV = "SERVICEMIRROR_PASSWORD"
ROLE_KEY = "_access_role"


@dataclass(frozen=True)
class User:
    name: str | None
    """An e-mail address (sign-in), a role (passwords), or None when the app is open."""


def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets.toml
        return {}


def passwords() -> dict[str, str]:
    """Role -> password, from the environment and secrets.toml (empty: no password gate)."""
    secrets = _secrets().get("access", {}) or {}
    found = {str(k): str(v) for k, v in (secrets.get("passwords") or {}).items()}
    single = os.environ.get(PASSWORD_ENV) or secrets.get("password")
    if single:
        found.setdefault("board", str(single))
    return found


def sign_in_configured() -> bool:
    return bool(_secrets().get("auth"))


def gate_configured() -> bool:
    """True when anyone must sign in (a sign-in provider or a password is set)."""
    return sign_in_configured() or bool(passwords())


def downloads_protected() -> bool:
    """True when a download can only reach a signed-in browser: there is no gate, or the guard
    runs (the app started through dashboard/server.py)."""
    return guard.ACTIVE or not gate_configured()


@dataclass
class Throttle:
    """Wrong passwords per address: `max_failures` within `window` seconds lock the address out for
    `lockout` seconds, doubling with each lockout up to `longest`; a right password resets it."""

    max_failures: int = 5
    window: float = 300.0
    lockout: float = 60.0
    longest: float = 900.0
    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, list[float]] = field(default_factory=dict)
    _locked: dict[str, tuple[float, float]] = field(default_factory=dict)
    """address -> (locked until, the length of its last lockout)"""
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, address: str) -> int:
        """Seconds until this address may try again (0: now)."""
        with self._lock:
            until, _ = self._locked.get(address, (0.0, 0.0))
        return max(0, int(until - self.clock() + 0.999))

    def failed(self, address: str) -> None:
        now = self.clock()
        with self._lock:
            recent = [t for t in self._failures.get(address, []) if now - t < self.window]
            recent.append(now)
            self._failures[address] = recent
            if len(recent) >= self.max_failures:
                _, last = self._locked.get(address, (0.0, 0.0))
                length = min(self.longest, last * 2 if last else self.lockout)
                self._locked[address] = (now + length, length)
                self._failures[address] = []

    def succeeded(self, address: str) -> None:
        with self._lock:
            self._failures.pop(address, None)
            self._locked.pop(address, None)


THROTTLE = Throttle()
"""Shared by every session of the process (the attacker opens as many as they like)."""


def _address() -> str:
    """Where the sign-in comes from (behind a proxy: the proxy, so the lockout is shared)."""
    try:
        address = st.context.ip_address
    except Exception:  # no client context (a bare script run)
        address = None
    return address if isinstance(address, str) and address else "local"


def _browser_and_session() -> tuple[str | None, str | None]:
    """This browser's guard cookie and this session's id (None outside a server)."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        browser = st.context.cookies.get(guard.COOKIE)
        session = ctx.session_id if ctx else None
    except Exception:  # a bare script run: nothing to bind
        return None, None
    ok = isinstance(browser, str) and isinstance(session, str)
    return (browser, session) if ok else (None, None)


def _signed_in() -> None:
    guard.grant(*_browser_and_session())


def _signed_out() -> None:
    guard.revoke(*_browser_and_session())


def gate(lang: str) -> User:
    """Let the user in or stop the script with the sign-in / password form."""
    if sign_in_configured():
        if not st.user.get("is_logged_in", False):
            _signed_out()
            st.title("Service Mirror")
            st.write(tr("access.sign_in_needed", lang))
            st.button(tr("access.sign_in", lang), on_click=st.login, type="primary", key="login")
            st.stop()
        _signed_in()
        with st.sidebar:
            st.button(tr("access.sign_out", lang), on_click=_sign_out_oidc, key="logout")
        return User(str(st.user.get("email") or st.user.get("name") or "") or None)
    roles = passwords()
    if not roles:
        return User(None)
    if st.session_state.get(ROLE_KEY) in roles:
        _signed_in()
        with st.sidebar:
            st.button(tr("access.sign_out", lang), key="logout", on_click=_sign_out_password)
        return User(st.session_state[ROLE_KEY])
    _signed_out()
    st.title("Service Mirror")
    with st.form("password_gate"):
        given = st.text_input(tr("access.password", lang), type="password", key="password_input")
        submitted = st.form_submit_button(tr("access.enter", lang), type="primary")
    if submitted:
        st.session_state.pop("password_input", None)
        address = _address()
        wait = THROTTLE.wait(address)
        if wait:  # locked out: the password is not even looked at
            st.error(tr("access.locked", lang, seconds=wait))
            st.stop()
        role = next(
            (r for r, p in roles.items() if hmac.compare_digest(given.encode(), p.encode())), None
        )
        if role is not None:
            THROTTLE.succeeded(address)
            st.session_state[ROLE_KEY] = role
            st.rerun()
        THROTTLE.failed(address)
        wait = THROTTLE.wait(address)
        st.error(
            tr("access.locked", lang, seconds=wait) if wait else tr("access.wrong_password", lang)
        )
    st.stop()
    raise AssertionError("unreachable")


def _sign_out_password() -> None:
    _signed_out()
    st.session_state.pop(ROLE_KEY, None)


def _sign_out_oidc() -> None:
    _signed_out()
    st.logout()


def current() -> User:
    """The user let in (after `gate`)."""
    if sign_in_configured() and st.user.get("is_logged_in", False):
        return User(str(st.user.get("email") or "") or None)
    return User(st.session_state.get(ROLE_KEY))

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
"""

from __future__ import annotations

import hmac
import os
from dataclasses import dataclass

import streamlit as st

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


def gate(lang: str) -> User:
    """Let the user in or stop the script with the sign-in / password form."""
    if sign_in_configured():
        if not st.user.get("is_logged_in", False):
            st.title("Service Mirror")
            st.write(tr("access.sign_in_needed", lang))
            st.button(tr("access.sign_in", lang), on_click=st.login, type="primary", key="login")
            st.stop()
        with st.sidebar:
            st.button(tr("access.sign_out", lang), on_click=st.logout, key="logout")
        return User(str(st.user.get("email") or st.user.get("name") or "") or None)
    roles = passwords()
    if not roles:
        return User(None)
    if st.session_state.get(ROLE_KEY) in roles:
        with st.sidebar:
            st.button(
                tr("access.sign_out", lang),
                key="logout",
                on_click=lambda: st.session_state.pop(ROLE_KEY, None),
            )
        return User(st.session_state[ROLE_KEY])
    st.title("Service Mirror")
    with st.form("password_gate"):
        given = st.text_input(tr("access.password", lang), type="password", key="password_input")
        submitted = st.form_submit_button(tr("access.enter", lang), type="primary")
    if submitted:
        role = next(
            (r for r, p in roles.items() if hmac.compare_digest(given.encode(), p.encode())), None
        )
        st.session_state.pop("password_input", None)
        if role is not None:
            st.session_state[ROLE_KEY] = role
            st.rerun()
        st.error(tr("access.wrong_password", lang))
    st.stop()
    raise AssertionError("unreachable")


def current() -> User:
    """The user let in (after `gate`)."""
    if sign_in_configured() and st.user.get("is_logged_in", False):
        return User(str(st.user.get("email") or "") or None)
    return User(st.session_state.get(ROLE_KEY))

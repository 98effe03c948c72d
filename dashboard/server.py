"""The app as an ASGI application with the download guard (`dashboard.guard.MediaGuard`):
`streamlit run dashboard/server.py` (what `make run` does). `dashboard/app.py` stays the script;
started on its own it runs without the guard, and with a sign-in gate it then offers no downloads."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from dashboard.guard import MediaGuard

app = st.App(Path(__file__).resolve().parent / "app.py", middleware=[Middleware(MediaGuard)])

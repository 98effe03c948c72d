"""Service Mirror: the Streamlit entry point. Pages live in dashboard/pages/; logic lives in metrics/."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# `streamlit run dashboard/app.py` puts dashboard/ on the path, not the repository root.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard import state  # noqa: E402

st.set_page_config(page_title="Service Mirror", page_icon="🪞", layout="wide")

PAGES = Path(__file__).parent / "pages"
page = st.navigation(
    [st.Page(PAGES / "data.py", title="Data", icon=":material/dataset:", default=True)]
)

with st.sidebar:
    st.markdown("**Service Mirror**")
    st.caption("Does good customer service pay? Benchmarks with their margins of error.")
    state.dataset_badge()

page.run()

"""Service Mirror: the Streamlit entry point. Pages live in dashboard/views/; logic lives in metrics/."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# `streamlit run dashboard/app.py` puts dashboard/ on the path, not the repository root.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard import filters, state  # noqa: E402

st.set_page_config(page_title="Service Mirror", page_icon="🪞", layout="wide")

# not "pages/": Streamlit would auto-load a folder of that name without this shell on deep links
PAGES = Path(__file__).parent / "views"
page = st.navigation(
    [
        st.Page(PAGES / "overview.py", title="Overview", icon=":material/dashboard:", default=True,
                url_path="overview"),
        st.Page(PAGES / "rankings.py", title="Industry rankings", icon=":material/leaderboard:",
                url_path="rankings"),
        st.Page(PAGES / "commercial.py", title="Service & commercial performance",
                icon=":material/trending_up:", url_path="commercial"),
        st.Page(PAGES / "mirror.py", title="The Satisfaction Mirror", icon=":material/flip:",
                url_path="mirror"),
        st.Page(PAGES / "company.py", title="Company profile", icon=":material/apartment:",
                url_path="company"),
        st.Page(PAGES / "data.py", title="Data", icon=":material/dataset:", url_path="data"),
    ]
)  # fmt: skip

with st.sidebar:
    st.markdown("**Service Mirror**")
    st.caption("Does good customer service pay? Benchmarks with their margins of error.")
    state.dataset_badge()
st.session_state["_filters"] = filters.sidebar()

page.run()

"""Service Mirror: the Streamlit entry point. Pages live in dashboard/views/; logic lives in metrics/."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# `streamlit run dashboard/app.py` puts dashboard/ on the path, not the repository root.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard import access, filters, state, ui  # noqa: E402
from metrics.text.i18n import tr  # noqa: E402

st.set_page_config(page_title="Service Mirror", page_icon="🪞", layout="wide")
st.logo(str(Path(__file__).parent / "static" / "logo.png"), size="large")

access.gate(filters.language())
options = filters.view_options()
lang, present = options[0], options[2]

# not "pages/": Streamlit would auto-load a folder of that name without this shell on deep links
PAGES = Path(__file__).parent / "views"
pages = [
    st.Page(
        PAGES / "overview.py",
        title=tr("nav.overview", lang),
        icon=":material/dashboard:",
        default=not present,
        url_path="overview",
    ),
    st.Page(
        PAGES / "rankings.py",
        title=tr("nav.rankings", lang),
        icon=":material/leaderboard:",
        url_path="rankings",
    ),
    st.Page(
        PAGES / "commercial.py",
        title=tr("nav.commercial", lang),
        icon=":material/trending_up:",
        url_path="commercial",
    ),
    st.Page(
        PAGES / "mirror.py", title=tr("nav.mirror", lang), icon=":material/flip:", url_path="mirror"
    ),
    st.Page(
        PAGES / "company.py",
        title=tr("nav.company", lang),
        icon=":material/apartment:",
        url_path="company",
    ),
    st.Page(
        PAGES / "data.py", title=tr("nav.data", lang), icon=":material/dataset:", url_path="data"
    ),
]
slides = st.Page(
    PAGES / "present.py",
    title=tr("nav.present", lang),
    icon=":material/slideshow:",
    url_path="present",
    default=present,
)
# presentation mode: the board pack's views one per screen, whichever page the link named
page = st.navigation(
    [slides] if present else [*pages, slides], position="hidden" if present else "sidebar"
)

with st.sidebar:
    st.caption(tr("app.tagline", lang))
    state.dataset_badge(lang)
st.session_state["_filters"] = filters.sidebar(options)
with st.sidebar:
    ui.board_pack_buttons()

if present:
    ui.projector_style()
page.run()

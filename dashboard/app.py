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
from dashboard.charts import common  # noqa: E402
from metrics.text.i18n import tr  # noqa: E402

st.set_page_config(page_title="Service Mirror", page_icon="🪞", layout="wide")
st.logo(str(Path(__file__).parent / "static" / "logo.png"), size="large")
APP_CSS = Path(__file__).parent / "static" / "app.css"  # the app's own file, no data in it
st.html(APP_CSS)  # labels wrap instead of ending in "…"

common.narrow_screen(common.is_phone(st.context.headers.get("User-Agent")))
access.gate(filters.language())
options = filters.view_options()
lang, present = options[0], options[2]

# not "pages/": Streamlit would auto-load a folder of that name without this shell on deep links
PAGES = Path(__file__).parent / "views"
NAV = [  # (script, title key, icon, URL path)
    ("overview", "nav.overview", ":material/dashboard:", "home"),
    ("rankings", "nav.rankings", ":material/leaderboard:", "rankings"),
    ("commercial", "nav.commercial", ":material/trending_up:", "commercial"),
    ("mirror", "nav.mirror", ":material/flip:", "mirror"),
    ("company", "nav.company", ":material/apartment:", "company"),
    ("data", "nav.data", ":material/dataset:", "data"),
]
# the default page is served at the root ("home" being only its name, never served); /overview and
# /start are kept as hidden pages of their own, so that an old or hand-typed link is not "Page not
# found"
ALIASES = [
    ("overview", "nav.overview", None, "overview"),
    ("overview", "nav.overview", None, "start"),
]


def _page(script: str, title: str, icon: str | None, url: str, **kw) -> st.Page:
    return st.Page(PAGES / f"{script}.py", title=tr(title, lang), icon=icon, url_path=url, **kw)


if present:
    # presentation mode: the board pack's views one per screen, whichever page the link named;
    # every page's address shows the slides (so /rankings?present=true is not "Page not found"),
    # /present too (the slides themselves are served at the root)
    slides = _page("present", "nav.present", ":material/slideshow:", "slides", default=True)
    hidden = [
        _page("present", "nav.present", None, url, visibility="hidden")
        for url in [*(spec[-1] for spec in NAV + ALIASES), "present"]
    ]
    page = st.navigation([slides, *hidden], position="hidden")
else:
    slides = _page("present", "nav.present", ":material/slideshow:", "present")
    pages = [_page(*spec, default=i == 0) for i, spec in enumerate(NAV)]
    aliases = [_page(*spec, visibility="hidden") for spec in ALIASES]
    page = st.navigation([*pages, slides, *aliases], position="sidebar")

with st.sidebar:
    st.caption(tr("app.tagline", lang))
    state.dataset_badge(lang)
st.session_state["_filters"] = filters.sidebar(options)
with st.sidebar:
    ui.board_pack_buttons()

if present:
    ui.projector_style()
page.run()

"""No dataset value is ever rendered as HTML or Markdown: names full of markup reach the screen as
text, escaped wherever Streamlit would read Markdown; no page uses unsafe_allow_html."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.app.test_pages import APP
from tests.hostile.corpus import SCORES

EVIL = "<script>alert(1)</script> **bold** [x](javascript:alert(1)) :red[red]"
ROOT = Path(__file__).resolve().parents[2]


def test_no_page_renders_raw_html():
    code = "\n".join(p.read_text() for p in (ROOT / "dashboard").rglob("*.py"))
    assert "unsafe_allow_html" not in code
    # st.html only for the app's own constants (the projector's CSS), never with data
    assert not re.findall(r"st\.html\((?![A-Z_]+\))", code)


def test_markup_in_names_is_shown_as_text(tmp_path, monkeypatch):
    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / "companies.csv").write_text(
        f'company_id,name,industry_id\na,"{EVIL}",bank\nb,Beta Bank,bank\nc,Gamma Telekom,telekom\n'
    )
    (folder / "service_scores.csv").write_text(SCORES)
    (tmp_path / "datasets.toml").write_text(
        f'[datasets.evil]\nlabel = "Evil **dataset** <b>x</b>"\npath = "{folder}"\n'
    )
    monkeypatch.setenv("SERVICEMIRROR_DATASETS", str(tmp_path / "datasets.toml"))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["dataset"] = "evil"
    at.query_params["company"] = "a"
    at.run()
    at.switch_page("views/company.py").run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [e.value for e in (*at.subheader, *at.caption, *at.markdown, *at.info, *at.title)]
    heading = next(v for v in shown if "script" in v)
    assert r"\<script\>" in heading and r"\*\*bold\*\*" in heading and r"\:red\[" in heading
    for value in shown:  # nothing anywhere unescaped
        assert not re.search(r"(?<!\\)<script", value), value
        assert not re.search(r"(?<!\\)\*\*(bold|dataset)", value), value

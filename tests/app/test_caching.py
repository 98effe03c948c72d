"""No rerun does work a cache could have kept: the dataset is read and validated once per server
process, not on every rerun, page change or filter change."""

from __future__ import annotations

import streamlit as st
from streamlit.testing.v1 import AppTest

import dashboard.state as state
from tests.app.test_pages import APP, PAGES


def test_the_sample_is_loaded_once_for_every_rerun(monkeypatch):
    calls: list[str] = []
    real = state.load_dataset

    def counting(*args, **kwargs):
        calls.append(str(args[0]))
        return real(*args, **kwargs)

    monkeypatch.setattr(state, "load_dataset", counting)
    st.cache_resource.clear()  # a fresh server process, as far as the caches know
    try:
        at = AppTest.from_file(APP, default_timeout=120)
        at.run()
        for page in PAGES[1:]:
            at.switch_page(f"views/{page}.py").run()
        at.selectbox(key="wave").set_value(2019).run()
        at.switch_page("views/overview.py").run()
        assert not at.exception, [e.value for e in at.exception]
        assert len(at.get("plotly_chart")) == 4
        assert len(calls) == 1, calls
    finally:
        st.cache_resource.clear()  # later tests must not see the counting loader's dataset


def test_a_second_session_reuses_the_overviews_charts_and_a_new_company_redraws_them(monkeypatch):
    """`figures.shared`: the Overview's wave-dependent charts are built once for the same inputs
    (a second session on the same link builds none), and built again, with our company's label,
    when the inputs change."""
    import json

    import dashboard.charts.rankings as ranking_charts

    built: list[str] = []
    real = ranking_charts.ranking_bars

    def counting(*args, **kwargs):
        built.append("ranking_bars")
        return real(*args, **kwargs)

    monkeypatch.setattr(ranking_charts, "ranking_bars", counting)
    st.cache_resource.clear()
    try:
        texts = []
        for company in (None, None, "Havängs Telekom"):
            at = AppTest.from_file(APP, default_timeout=120)
            if company:
                at.query_params["company"] = company
            at.run()
            assert not at.exception, [e.value for e in at.exception]
            texts.append(at.get("plotly_chart")[0].proto.spec)
        assert built == ["ranking_bars", "ranking_bars"], built  # the second session built none
        assert texts[0] == texts[1]
        assert "Havängs Telekom" not in texts[0]
        assert "Havängs Telekom" in json.dumps(json.loads(texts[2]), ensure_ascii=False)
    finally:
        st.cache_resource.clear()

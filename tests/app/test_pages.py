"""Every page under AppTest: renders on the sample, reacts to filters, restores a view from its URL,
and falls back (with a notice) when a link asks for something that does not exist."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
PAGES = ["overview", "rankings", "commercial", "mirror", "company", "data"]


def open_page(page: str, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"views/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def chart_titles(at: AppTest) -> list[str]:
    import json

    return [  # on one line (the chart wraps a title for narrow screens)
        json.loads(c.proto.spec)["layout"]["title"]["text"].replace("<br>", " ")
        for c in at.get("plotly_chart")
    ]


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_the_sample(page):
    at = open_page(page)
    # the company profile asks for a company instead of showing another one as an example
    expected = {"overview": 4, "rankings": 3, "commercial": 2, "mirror": 3, "company": 0, "data": 0}
    assert len(at.get("plotly_chart")) == expected[page]
    assert not at.error


def chart_subtitles(at: AppTest) -> list[str]:
    import json

    return [
        json.loads(c.proto.spec)["layout"]["title"]["subtitle"]["text"]
        for c in at.get("plotly_chart")
    ]


def test_company_profile_renders_for_our_company():
    at = open_page("company", company="Havängs Telekom")
    assert len(at.get("plotly_chart")) == 6
    assert not at.error and not at.info


def test_company_profile_without_a_company_asks_for_one():
    at = open_page("company")
    assert any("Our company" in i.value for i in at.info)
    assert not at.get("plotly_chart") and not at.metric


def test_changing_the_wave_changes_the_ranking():
    at = open_page("rankings")
    assert chart_subtitles(at)[0].startswith("2025 · 22 industries")
    assert chart_titles(at)[0].startswith("Pharmacies")  # the finding: who is on top
    at.selectbox(key="wave").set_value(2019).run()
    assert not at.exception
    assert chart_subtitles(at)[0].startswith("2019 · ")


def test_changing_the_commercial_metric_changes_the_scatter():
    at = open_page("commercial")
    assert chart_titles(at)[0].startswith("Better service goes with higher EBIT margin — a ")
    at.selectbox(key="y").set_value("revenue_growth_pct").run()
    assert "revenue growth" in chart_titles(at)[0]


def test_url_restores_company_and_wave():
    at = open_page("company", company="Havängs Telekom", wave="2019")
    assert any("Havängs Telekom" in h.value for h in at.subheader)
    assert at.selectbox(key="wave").value == 2019
    assert at.selectbox(key="company").value == "tele-03"


def test_unknown_company_and_year_fall_back_with_a_notice():
    at = open_page("overview", company="No Such Company AB", wave="1999")
    notices = " ".join(w.value for w in at.warning)
    assert "No Such Company AB" in notices and "1999" in notices
    assert at.selectbox(key="company").value is None
    assert at.selectbox(key="wave").value == 2025


def test_overview_kpis_follow_our_company():
    at = open_page("overview", company="Havängs Telekom")
    labels = [m.label for m in at.metric]
    assert labels[:2] == ["Our score", "Rank in industry"]  # ours lead, named in the caption
    assert "Havängs Telekom" in [c.value for c in at.caption]
    assert any("Havängs Telekom ranks" in m.value for m in at.markdown)


def test_highlighted_companies_reach_every_page():
    at = open_page("mirror", highlight=["Havängs Telekom"])
    assert at.multiselect(key="highlight").value == ["tele-03"]
    at.switch_page("views/commercial.py").run()
    assert at.multiselect(key="highlight").value == ["tele-03"]


def test_page_without_commercial_data_explains_itself(tiny_dir):
    from dashboard import state
    from metrics.ingest.load import load_dataset

    dataset = load_dataset(tiny_dir)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[state.UPLOAD_KEY] = dataset
    at.session_state[state.FINGERPRINT_KEY] = ("tiny",)
    at.run()
    at.switch_page("views/commercial.py").run()
    assert not at.exception
    assert any("commercial table" in i.value for i in at.info)


def test_many_companies_are_narrowed_by_a_search_box(monkeypatch):
    from dashboard import filters

    monkeypatch.setattr(filters, "MAX_OPTIONS", 5)  # the sample's 195 stand for 200,000
    at = open_page("overview", company="Ljusdals Apotek")
    assert "195 companies" in at.text_input(key=filters.SEARCH).help
    options = at.selectbox(key="company").options
    assert len(options) <= 6 and "Ljusdals Apotek" in options  # the link's company is kept
    at.text_input(key=filters.SEARCH).input("Havängs").run()
    assert not at.exception
    options = at.selectbox(key="company").options
    assert "Havängs Telekom" in options and "Ljusdals Apotek" in options
    assert all("Havängs" in o or o == "Ljusdals Apotek" for o in options)
    assert at.selectbox(key="company").value == "apot-01"

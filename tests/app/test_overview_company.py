"""The Overview as the board's one screen and the company profile, under AppTest: at most three
headline findings before "More findings", chart titles that are sentences with a number, and our
company's accent (theme.OURS) on the main chart only when a company is chosen."""

from __future__ import annotations

import html
import json
import re

import pytest

from dashboard import theme
from tests.app.test_pages import open_page

SENTENCE = re.compile(r"^[A-ZÅÄÖ0-9].*\d")
"""A title that is a sentence with its number: starts like one, has a digit in it."""


def charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def title(spec: dict) -> str:
    return html.unescape(spec["layout"]["title"]["text"].replace("<br>", " "))


def colours(spec: dict) -> str:
    """Every colour the figure's traces and annotations use, as one text."""
    found = [json.dumps(t.get("marker", {})) + json.dumps(t.get("line", {})) for t in spec["data"]]
    found += [json.dumps(a.get("font", {})) for a in spec["layout"].get("annotations", [])]
    return " ".join(found).lower()


def headline_cards(at) -> list[str]:
    """The bold headlines shown before the "More findings" expander."""
    inside = {m.value for m in at.expander[0].markdown} if at.expander else set()
    return [
        m.value
        for m in at.main.markdown
        if m.value.startswith("**") and m.value not in inside and m.value.endswith("**")
    ]


@pytest.mark.parametrize("params", [{}, {"company": "Havängs Telekom"}, {"lang": "sv"}])
def test_overview_shows_at_most_three_findings_before_more(params):
    at = open_page("overview", **params)
    cards = headline_cards(at)
    assert 1 <= len(cards) <= 3
    more = at.expander[0]
    assert more.label.startswith("More findings" if not params.get("lang") else "Fler resultat")
    n = int(re.search(r"\((\d+)", more.label).group(1))
    assert n == len(more.markdown) > len(cards)  # the rest, every one, behind "more"
    # the cards lead with their short headline; each is the first of a finding in the expander
    firsts = [m.value.split("**")[1] for m in more.markdown[: len(cards)]]
    assert [c.strip("*") for c in cards] == firsts


@pytest.mark.parametrize("params", [{}, {"company": "Havängs Telekom"}, {"lang": "sv"}])
def test_overview_titles_state_a_finding_with_a_number(params):
    at = open_page("overview", **params)
    titles = [title(s) for s in charts(at)]
    assert len(titles) == 4
    assert all(SENTENCE.match(t) and len(t.split()) >= 5 for t in titles), titles
    if not params:
        # the main chart's title comes from the ranking: the bottom industry and how long
        assert titles[0].startswith("Telecom operators rank last of 22 industries in 2025")
        assert re.search(r"as in \d+ of 11 waves", titles[0])


def test_overview_accents_our_company_only_when_chosen():
    plain = charts(open_page("overview"))[0]
    ours = charts(open_page("overview", company="Havängs Telekom"))[0]
    assert theme.OURS.lower() not in colours(plain)
    assert theme.OURS.lower() in colours(ours)
    labels = [t for trace in ours["data"] if trace.get("mode") == "text" for t in trace["text"]]
    assert "61.1   ◆ Havängs Telekom: 60.0" in labels  # our industry's row names us, with our score
    assert sum("Havängs" in t for t in labels) == 1
    assert title(ours).startswith("Telecom operators rank last of 22 industries in 2025, at 61.1")


def test_overview_kpi_labels_are_short_and_name_what_they_show():
    at = open_page("overview")
    labels = [m.label for m in at.metric]
    assert labels == ["Top industry", "Bottom industry", "Companies measured", "Significant movers"]
    captions = [c.value for c in at.caption]
    assert "Pharmacies" in captions and "Telecom operators" in captions


def test_company_titles_state_findings_and_accent_ours():
    at = open_page("company", company="Havängs Telekom")
    found = charts(at)
    titles = [title(s) for s in found]
    assert len(titles) == 6
    assert all(SENTENCE.match(t) for t in titles), titles
    assert titles[0] == "Havängs Telekom rose 8.9 points since 2024, a significant change"
    assert titles[1].startswith("Havängs Telekom ranks 6th of 9 in its industry in 2025")
    # our company in the accent on every chart but the heatmap (its colour is the gap itself)
    assert [theme.OURS.lower() in colours(s) for s in found] == [
        True,
        True,
        False,
        True,
        True,
        True,
    ]
    history = found[0]
    ends = {a["text"]: a["font"]["color"] for a in history["layout"]["annotations"]}
    assert ends["Havängs Telekom 60.0"] == theme.OURS and ends["Industry 61.1"] == theme.PEER_DARK


def test_company_rank_axis_has_room_for_every_label():
    spec = charts(open_page("company", company="Havängs Telekom"))[1]
    low, high = spec["layout"]["yaxis"]["range"]
    ranks = spec["layout"]["yaxis"]["tickvals"]
    assert ranks == list(range(1, 10))  # 9 companies in the industry
    assert low > max(ranks) and high < 1  # reversed, 1 on top, padding beyond both ends
    assert spec["data"][0]["cliponaxis"] is False


def test_importance_performance_labels_only_where_to_start():
    spec = charts(open_page("company", company="Havängs Telekom"))[3]
    names = [a["text"] for a in spec["layout"]["annotations"] if a.get("showarrow")]
    points = sum(len(t["x"]) for t in spec["data"] if t.get("mode") == "markers")
    assert names[0] == "Delivery" and 1 <= len(names) <= 3 < points
    assert {t["name"] for t in spec["data"]} >= {"Business moments"}  # the colours explained


def test_peer_bars_carry_values_and_say_lower_is_better():
    spec = charts(open_page("company", company="Havängs Telekom"))[4]
    panels = [a["text"] for a in spec["layout"]["annotations"]]
    assert "Staff turnover (lower is better)" in panels and "EBIT margin" in panels
    assert all(t["text"] and t["textposition"] == "outside" for t in spec["data"])
    assert "lower is better for staff turnover" in spec["layout"]["title"]["subtitle"]["text"]


def test_rating_distribution_colours_are_named_and_its_title_counts_the_lowest_two():
    at = open_page("company", company="Havängs Telekom")
    spec = charts(at)[5]
    assert [t["name"] for t in spec["data"]] == [
        "The two lowest ratings",
        "Other ratings",
        "Industry average",
    ]
    share = re.match(r"(\d+)% of Havängs Telekom", title(spec)).group(1)
    caption = next(c.value for c in at.caption if "respondents" in c.value)
    assert f"({share}%" in caption  # the title's share is the one the flag below it reports

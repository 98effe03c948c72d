"""Every page in English and Swedish with no untranslated text, anonymised names on every page,
presentation mode, and the board pack buttons — under AppTest."""

from __future__ import annotations

import json
import re

import pytest

from metrics.text.i18n import TEXT
from tests.app.test_pages import PAGES, open_page

ENGLISH = re.compile(r"\b(the|and|with|of|from|between|which|this|than|companies|industry|score)\b")
# the data dictionary (a generated reference of the file format) is the one English-only text,
# and the Data page says so in Swedish
ENGLISH_ONLY = ("# Sample benchmark: data dictionary",)


def texts(at) -> list[str]:
    """Every piece of text a reader sees: headings, prose, metrics, widget labels and options, and
    the titles, axes and legends of every chart."""
    out: list[str] = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
        "text",
    ):
        out += [e.value for e in getattr(at, kind)]
    out += [m.label for m in at.metric] + [str(m.value) for m in at.metric]
    for kind in ("selectbox", "multiselect", "radio", "toggle", "button", "segmented_control"):
        for widget in at.get(kind):
            out.append(getattr(widget, "label", "") or "")
            if kind in ("radio", "segmented_control") and hasattr(widget, "options"):
                out += [str(o) for o in widget.options]
    for chart in at.get("plotly_chart"):
        layout = json.loads(chart.proto.spec)["layout"]
        out.append(str(layout.get("title", {}).get("text", "")))
        out.append(str(layout.get("title", {}).get("subtitle", {}).get("text", "")))
        for axis in ("xaxis", "yaxis"):
            out.append(str(layout.get(axis, {}).get("title", {}).get("text", "")))
        out += [a.get("text", "") for a in layout.get("annotations", [])]
    return [t for t in out if t and not t.startswith(ENGLISH_ONLY)]


@pytest.mark.parametrize("page", [*PAGES, "present"])
def test_every_page_renders_in_swedish_without_english_left(page):
    at = open_page(page, lang="sv")
    assert at.segmented_control(key="lang").value == "sv"
    seen = texts(at)
    assert len(seen) > 5
    english_texts = {en for en, sv in TEXT.values() if en != sv and len(en.split()) >= 2}
    left = [t for t in seen if t in english_texts]
    assert not left, left
    # "Språk / Language" is the switch's own label, bilingual on purpose
    words = [t for t in seen if ENGLISH.search(t) and "Language" not in t]
    assert not words, words[:5]


@pytest.mark.parametrize("page", [*PAGES, "present"])
def test_every_page_renders_in_english(page):
    at = open_page(page, lang="en")
    assert at.segmented_control(key="lang").value == "en"
    assert len(texts(at)) > 5


def test_switching_language_translates_the_page():
    at = open_page("rankings")
    assert at.title[0].value == "Industry rankings"
    at.segmented_control(key="lang").set_value("sv").run()
    assert not at.exception
    assert at.title[0].value == "Branschranking"
    assert at.query_params["lang"] in ("sv", ["sv"])
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    assert titles[0] == "Apotek och 4 till delar toppen; Telekom sist i 8 av 11 mätningar"


@pytest.mark.parametrize("page", ["overview", "rankings", "commercial", "mirror", "company"])
def test_anonymised_pages_show_no_other_company(page, sample):
    at = open_page(page, anon="true", company="Havängs Telekom")
    assert at.toggle(key="anon").value is True
    assert at.selectbox(key="company").value == "tele-03"
    shown = "\n".join(texts(at)) + "\n".join(c.proto.spec for c in at.get("plotly_chart"))
    shown += "\n".join(str(df.value) for df in at.dataframe)
    others = [n for n in sample.tables["companies"]["name"] if n != "Havängs Telekom"]
    assert not [n for n in others if n in shown]
    if page in ("overview", "company"):
        assert "Havängs Telekom" in shown


def test_picking_an_anonymous_company_as_ours_shows_its_real_name(sample):
    at = open_page("company", anon="true")
    options = at.selectbox(key="company").options
    assert "Telekom A" in options and "Havängs Telekom" not in options
    at.selectbox(key="company").set_value("anon-telekom-c").run()
    assert not at.exception
    assert at.selectbox(key="company").value == "tele-03"
    assert any("Havängs Telekom" in h.value for h in at.subheader)


def plain(markdown: str) -> str:
    """A title or caption as read (the page escapes Markdown in data-made text)."""
    return markdown.replace("\\", "")


def test_presentation_mode_shows_one_slide_with_next_and_previous():
    at = open_page("overview", present="true")
    assert at.title[0].value == "Service Mirror board pack"
    assert len(at.get("plotly_chart")) == 0
    at.button(key="slide_next").click().run()
    assert at.title[0].value == "Key findings"
    at.button(key="slide_next").click().run()
    # the title states the finding; the label is the subtitle
    assert plain(at.title[0].value).startswith("2025: Pharmacies first (78.4)")
    assert plain(at.caption[0].value).startswith("Industry ranking 2025")
    assert len(at.get("plotly_chart")) == 1
    at.button(key="slide_previous").click().run()
    assert at.title[0].value == "Key findings"
    assert at.query_params["slide"] in ("2", ["2"])
    at.button(key="present_exit").click().run()
    assert not at.exception and at.toggle(key="present").value is False


def test_presentation_link_opens_the_slide():
    at = open_page("present", slide="4", lang="sv")
    assert plain(at.title[0].value).startswith("Apotek etta i ")
    assert plain(at.caption[0].value).startswith("Placering över tid")
    assert any("Bild 4 av 8" in m.value for m in at.markdown)  # no company: no company slide


def test_speaker_notes_only_in_the_presenter_view():
    at = open_page("present", slide="3")
    shown = "\n".join(texts(at))
    assert "Speaker notes" not in shown and "Benjamini" not in shown
    assert at.toggle(key="notes").value is False
    at.toggle(key="notes").set_value(True).run()
    assert not at.exception
    assert any("Benjamini" in t.value for t in at.text)  # the ranking's notes: its method


def test_no_example_company_unless_asked():
    at = open_page("present", slide="8")
    assert any("Bild 8 av 8" in m.value or "Slide 8 of 8" in m.value for m in at.markdown)
    assert not [t for t in texts(at) if "example" in t]
    at.toggle(key="example").set_value(True).run()
    assert not at.exception
    assert any("Slide 8 of 9" in m.value for m in at.markdown)
    assert any("as an example" in c.value for c in at.caption)
    chosen = open_page("present", company="Havängs Telekom", slide="8")
    assert not [t for t in chosen.toggle if t.key == "example"]  # ours is chosen: no example
    assert plain(chosen.title[0].value).startswith("Havängs Telekom: ")


def test_board_pack_buttons_are_offered():
    at = open_page("overview")
    labels = [b.proto.label for b in at.get("download_button")]
    assert "PowerPoint" in labels and "PDF" in labels

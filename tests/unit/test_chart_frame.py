"""The frame every chart shares (dashboard.charts.common): texts wrapped to the narrowest figure,
margins that make room for them, and the source line that the screen writes under the chart."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.charts import common

LONG_TITLE = "Telecom operators have ranked last in 11 of 11 waves"
LONG_SUB = "2025 · r = 0.08 (95% CI -0.08 to 0.23), n = 1,954 company-years from 183 companies"
SOURCE = "Source: Sample benchmark (fictional companies). Service Mirror; monopolies excluded."


def test_wrap_keeps_lines_short_and_statistics_whole():
    text = common.wrap(LONG_SUB, 38)
    lines = text.split("<br>")
    assert len(lines) > 1 and all(len(line) <= 38 for line in lines)
    assert " ".join(lines) == LONG_SUB  # nothing lost
    assert any(
        "n = 1,954" in line for line in lines
    )  # never "n =" on one line, "1,954" on the next
    assert common.wrap("short", 10) == "short"
    assert common.wrap("a<br>" + "word " * 10, 12).startswith("a<br>")


def test_decorate_wraps_and_makes_room():
    plain = common.decorate(go.Figure(go.Bar(x=[1], y=[1])), "Short", "", "", 400)
    fig = go.Figure(go.Bar(x=[1], y=[1]))
    fig.update_xaxes(title="Change the year after, per service point (in each metric's units)")
    common.narrow_screen(True)  # a phone's figure: the narrowest the app draws
    try:
        fig = common.decorate(fig, LONG_TITLE, LONG_SUB, SOURCE, 400)
    finally:
        common.narrow_screen(False)
    layout = fig.layout
    assert "<br>" in layout.title.text and "<br>" in layout.title.subtitle.text
    assert all(
        len(line) <= common.NARROW["xaxis"] + 10 for line in layout.xaxis.title.text.split("<br>")
    )
    assert layout.margin.t > (plain.layout.margin.t or 90)  # room for the title's lines
    assert layout.height > plain.layout.height  # the plot keeps its size
    (note,) = layout.annotations
    assert note.yshift < -62  # below the wrapped axis title
    assert layout.margin.b >= -note.yshift + 16 * note.text.count("<br>") + 16


def test_the_source_line_leaves_for_the_screen_and_returns_for_the_download():
    fig = common.decorate(go.Figure(go.Bar(x=[1], y=[1])), "T", "s", SOURCE, 400)
    height = fig.layout.height
    note = common.split_source(fig)
    assert note is not None and not fig.layout.annotations
    assert fig.layout.height < height  # its room given back
    assert common.source_text(note) == SOURCE  # on one line for the caption and the spreadsheet
    back = common.with_source(fig, note)
    assert [a.text for a in back.layout.annotations] == [note["text"]]
    assert not fig.layout.annotations  # the screen's figure untouched
    assert common.split_source(go.Figure()) is None

"""The screen's left and bottom margins, measured in Python with the app's own font (dashboard.charts.margins)
instead of by Plotly's automargin in the browser. The browser tests (test_truncation) check on
every page that no tick label runs outside its figure."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from dashboard.charts import common, margins

NAMES = ["Pharmacies", "▲ Consumer electronics and household appliances", "Telecom operators"]


def ranking() -> go.Figure:
    fig = go.Figure(go.Scatter(x=[80, 70, 60], y=[0, 1, 2], mode="markers"))
    fig.update_yaxes(tickmode="array", tickvals=[0, 1, 2], ticktext=NAMES)
    fig.update_layout(margin={"l": 10})  # what the Overview asks for: the labels decide
    return fig


def test_text_width_measures_the_font_the_app_serves():
    assert margins.text_width("Telecom") < margins.text_width("Telecom operators")
    assert margins.text_width("<b>Telecom</b>") > margins.text_width("Telecom")  # bold is wider
    assert margins.text_width("a<br>Telecom operators") == margins.text_width("Telecom operators")
    assert margins.text_width("A &amp; B") == margins.text_width("A & B")  # drawn as its text
    assert margins.text_width("Telecom", 11) < margins.text_width("Telecom", 15)


def test_fit_makes_room_for_the_longest_label_and_turns_automargin_off():
    fig = margins.fit(ranking())
    widest = margins.text_width(NAMES[1], margins.SIZE)
    assert fig.layout.margin.l >= widest + 5  # the label, its tick and a gap
    assert fig.layout.margin.l <= widest + 40  # and not much more
    assert fig.layout.yaxis.automargin is False
    assert fig.layout.meta[margins.FITTED] == ["yaxis", "xaxis"]  # the scores' axis too
    # a smaller tick font needs less room
    small = ranking()
    small.update_yaxes(tickfont={"size": 11})
    assert margins.fit(small).layout.margin.l < fig.layout.margin.l


def test_fit_counts_the_axis_title_and_keeps_a_wider_margin():
    plain = margins.fit(ranking()).layout.margin.l
    titled = ranking()
    titled.update_yaxes(title="Industry<br>(ranked)")
    assert margins.fit(titled).layout.margin.l >= plain + 2 * 15  # two lines of title
    wide = ranking()
    wide.update_layout(margin={"l": 600})
    assert margins.fit(wide).layout.margin.l == 600


def test_numbers_are_measured_as_plotly_writes_them():
    labels = margins.number_labels(-0.31, 0.42, ".,")
    assert any(label.startswith("−") for label in labels)  # Plotly's minus sign
    assert all("." in label for label in labels if label not in ("0", "−0"))
    swedish = margins.number_labels(0, 12_500, ", ")
    assert "12 500" in swedish or "14 000" in swedish
    fig = go.Figure(go.Scatter(x=[1, 2], y=[-1234.5, 98765.4]))
    fig.update_layout(separators=".,")
    room = margins.left_room(fig, fig.layout.yaxis, "y")
    assert room is not None and room >= margins.text_width("98,765", margins.SIZE)


def test_error_bars_and_bars_widen_the_range():
    fig = go.Figure(go.Scatter(x=[1], y=[5], error_y={"array": [99_995]}))
    assert "100,000" in " ".join(margins._labels(fig, fig.layout.yaxis, "y"))
    bars = go.Figure(go.Bar(x=["a"], y=[-5000]))  # bars start at zero
    assert margins._labels(bars, bars.layout.yaxis, "y")[0] != ""


@pytest.mark.parametrize(
    "change",
    [
        {"yaxis": {"type": "date"}},
        {"yaxis": {"type": "log"}},
        {"yaxis": {"side": "right"}},
    ],
)
def test_axes_it_cannot_measure_keep_automargin(change):
    fig = ranking()
    fig.update_layout(**change)
    fitted = margins.fit(fig)
    assert fitted.layout.yaxis.automargin is not False
    assert fitted.layout.margin.l == 10  # left as asked
    assert "yaxis" not in fitted.layout.meta[margins.FITTED]


def test_grid_columns_keep_automargin_and_rows_are_fitted():
    from plotly.subplots import make_subplots

    rows = make_subplots(rows=2, cols=1)
    rows.add_trace(go.Bar(x=[1], y=["A long category name"], orientation="h"), row=1, col=1)
    rows.add_trace(go.Bar(x=[1], y=["B"], orientation="h"), row=2, col=1)
    fitted = margins.fit(rows)
    assert fitted.layout.meta[margins.FITTED] == ["yaxis", "yaxis2", "xaxis2"]  # x: the lower plot
    assert fitted.layout.margin.l >= margins.text_width("A long category name")
    cols = make_subplots(rows=1, cols=2)
    cols.add_trace(go.Bar(x=[1], y=["A"], orientation="h"), row=1, col=1)
    cols.add_trace(go.Bar(x=[1], y=["B"], orientation="h"), row=1, col=2)
    # the right one is inside; both x axes are on the lower edge
    assert margins.fit(cols).layout.meta[margins.FITTED] == ["yaxis", "xaxis", "xaxis2"]


def test_a_pie_is_left_to_plotly():
    fig = go.Figure(go.Pie(labels=["a"], values=[1]))
    assert margins.fit(fig).layout.meta[margins.FITTED] == []


def test_images_get_plotlys_own_margins_back():
    fig = margins.fit(common.decorate(ranking(), "T", "s", "Source: a test.", 400))
    note = common.split_source(fig)
    image = common.with_source(fig, note)
    assert image.layout.yaxis.automargin is True
    assert fig.layout.yaxis.automargin is False  # the screen's figure untouched
    assert common.with_source(fig, None) is not fig  # always a copy
    assert common.split_source(image) == note  # the copy is whole again: its line can be split


def test_a_second_fit_and_split_change_nothing():
    """A shared figure (dashboard.figures) is finished once; the page's calls only read it."""
    fig = common.decorate(ranking(), "T", "s", "Source: a test.", 400)
    note = common.split_source(fig)
    margins.fit(fig)
    before = fig.to_plotly_json()
    assert common.split_source(fig) == note  # the same line, not None
    margins.fit(fig)
    assert fig.to_plotly_json() == before


def scores(**xaxis) -> go.Figure:
    fig = go.Figure(go.Scatter(x=[55.2, 83.7], y=[1, 2]))
    fig.update_xaxes(**{"title": "Score (0–100) with 95% interval", **xaxis})
    fig.update_layout(margin={"b": 10})
    return fig


def test_bottom_room_is_what_plotly_measures_for_ticks_labels_and_title():
    """Plotly's own room under the plot, measured in Chromium with a margin wide enough not to
    squeeze the title: 28 px for 15 px tick labels, the title's end 59 px below the plot (15 px),
    78.5 px for a title of two lines, 75 px for a 20 px title."""
    for xaxis, plotly_px in [
        ({}, 59),
        ({"title": None}, 28),
        ({"title": "Score<br>line two"}, 78.5),
        ({"ticks": ""}, 59),
        ({"tickfont": {"size": 11}, "title_font": {"size": 20}}, 75),
    ]:
        fig = margins.fit(scores(**xaxis))
        assert fig.layout.xaxis.automargin is False
        assert plotly_px <= fig.layout.margin.b <= plotly_px + 8, xaxis
    roomy = scores()
    roomy.update_layout(margin={"b": 300})
    assert margins.fit(roomy).layout.margin.b == 300  # a wider margin is kept


@pytest.mark.parametrize(
    "xaxis",
    [
        {"type": "date"},
        {"type": "log"},
        {"type": "category"},
        {"side": "top"},
        {"dtick": 1},  # a fixed step: labels may be crowded and turned
        {"tickangle": 45},
        {"range": [0, 5e9]},  # long numbers: Plotly may turn them
        {"title_standoff": 40},
    ],
)
def test_x_axes_whose_labels_plotly_may_turn_keep_automargin(xaxis):
    fitted = margins.fit(scores(**xaxis))
    assert fitted.layout.xaxis.automargin is not False
    assert fitted.layout.margin.b == 10
    assert "xaxis" not in fitted.layout.meta[margins.FITTED]


def test_level_labels_with_a_fixed_step_and_category_names_are_fitted_or_left():
    years = margins.fit(scores(dtick=1, tickangle=0))  # asked to stay level
    assert "xaxis" in years.layout.meta[margins.FITTED]
    names = go.Figure(go.Bar(x=["Pharmacies", "Telecom operators"], y=[1, 2]))
    assert "xaxis" not in margins.fit(names).layout.meta[margins.FITTED]  # turned when crowded

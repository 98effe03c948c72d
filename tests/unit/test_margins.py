"""The screen's left margins, measured in Python with the app's own font (dashboard.charts.margins)
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
    assert fig.layout.meta[margins.FITTED] == ["yaxis"]
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
    assert fitted.layout.meta[margins.FITTED] == []


def test_grid_columns_keep_automargin_and_rows_are_fitted():
    from plotly.subplots import make_subplots

    rows = make_subplots(rows=2, cols=1)
    rows.add_trace(go.Bar(x=[1], y=["A long category name"], orientation="h"), row=1, col=1)
    rows.add_trace(go.Bar(x=[1], y=["B"], orientation="h"), row=2, col=1)
    fitted = margins.fit(rows)
    assert fitted.layout.meta[margins.FITTED] == ["yaxis", "yaxis2"]
    assert fitted.layout.margin.l >= margins.text_width("A long category name")
    cols = make_subplots(rows=1, cols=2)
    cols.add_trace(go.Bar(x=[1], y=["A"], orientation="h"), row=1, col=1)
    cols.add_trace(go.Bar(x=[1], y=["B"], orientation="h"), row=1, col=2)
    assert margins.fit(cols).layout.meta[margins.FITTED] == ["yaxis"]  # the right one is inside


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

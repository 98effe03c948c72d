"""Presentation mode: the board pack's slides one per screen, with previous/next, for the projector.
The slide number is in the URL (?slide=3), so a link opens the meeting where it left off.

Each slide fits a 1920 × 1080 screen without scrolling: the chart is sized to the room left under
the title, and the bullets' type to their length. The audience never sees the speaker notes: they
are shown only in the presenter view (?notes=true, off by default). With no company chosen no slide
shows another company, unless the presenter asks for an example (?example=true)."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from dashboard import filters, state, ui
from dashboard.charts import margins
from dashboard.export import boardpack
from dashboard.export.boardpack import Slide

# the room a slide has at 1920 × 1080 (px): the navigation row, the title and the subtitle
SCREEN_HEIGHT = 1080
CHART_HEIGHT = 720
ROOM_CSS = """
<style>
.block-container { padding-bottom: 0.5rem !important; padding-top: 0.8rem !important; }
[data-testid="stMain"] h1 { font-size: 2.3rem !important; line-height: 1.2 !important;
  padding: 0.2rem 0 0.3rem 0 !important; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] p { font-size: 1.15rem !important; }
[data-testid="stMain"] .st-key-slide-cover h1 { font-size: 4.2rem !important; padding-top: 4rem !important; }
[data-testid="stMain"] .st-key-slide-cover h3 { font-size: 1.8rem !important; font-weight: 400 !important; }
[data-testid="stMain"] .st-key-slide-cover [data-testid="stAlert"] p { font-size: 2rem !important;
  line-height: 1.35 !important; }
[data-testid="stMain"] .st-key-slide-cover li, [data-testid="stMain"] .st-key-slide-cover p {
  font-size: 1.35rem !important; }
</style>
""" + "".join(  # one class per type size, chosen by the slide's container key (static CSS, no data)
    f"<style>.st-key-type-{n} .stMarkdown li, .st-key-type-{n} .stMarkdown p "
    f"{{ font-size: {n}px !important; line-height: 1.4 !important; }}</style>"
    for n in range(14, 27)
)


def _type_size(slide: Slide, with_chart: bool) -> int:
    """Bullet type that fits the room under the title: the largest size (26 px down to 14) at which
    the bullets' estimated lines fit."""
    width, room = (400, 800) if with_chart else (1720, 840)  # px: the text column, the height left
    for size in range(26, 13, -1):
        need = 0.0
        for text, caveat in slide.bullets:
            for chars, scale in ((len(text), 1.0), (len(caveat), 0.8)):
                if chars:
                    per_line = max(1, int(width / (0.5 * size * scale)))
                    need += -(-chars // per_line) * 1.4 * size * scale
            need += 0.9 * size  # the gap between bullets
        if need <= room:
            return size
    return 14


def _room_figure(fig: go.Figure) -> go.Figure:
    """The slide's chart with type for the back of the room, at the height the screen has left."""
    out = ui.projector_figure(fig)
    out.update_layout(height=CHART_HEIGHT, font={"size": 18}, legend={"font": {"size": 14}})
    # the larger ticks and axis title need room: the source line under the plot moves down with them
    moved = False
    for note in out.layout.annotations or ():
        if note.yref == "paper" and note.y == 0 and (note.yshift or 0) < 0:
            note.yshift, moved = note.yshift - 34, True
    if moved:
        out.update_layout(margin={"b": max(out.layout.margin.b or 80, 80) + 40})
    return out


f = filters.current()
dataset = state.current_dataset()
if not dataset.usable or f.year is None:
    st.title(f.t("nav.present"))
    ui.empty(f.t("ui.no_data"))
    st.stop()

try:
    with st.spinner(f.t("present.building")):
        pack = ui.board_pack(f, state.dataset_name(f.lang))
except ValueError as exc:  # a table the slides need is missing: say which
    st.title(f.t("nav.present"))
    ui.empty(str(exc))
    st.stop()

slides = list(pack.slides)
example = False
if f.company is None:  # an example company only when asked for, never by default
    example = st.session_state.get("example", st.query_params.get("example") == "true")
    if example and not any(s.key == "company" for s in slides):
        slides.insert(len(slides) - 1, boardpack.example_slide(pack, state.tables(f.key), f.metric))
count = len(slides)
try:
    number = min(max(int(st.query_params.get("slide", 1)), 1), count)
except ValueError:  # a link with ?slide=abc opens the first slide
    number = 1


def _go(step: int) -> None:
    st.query_params["slide"] = str(min(max(number + step, 1), count))


slide = slides[number - 1]
st.html(ROOM_CSS)
back, where, forward, options, leave = st.columns([1, 1, 1, 3, 1], vertical_alignment="center")
back.button(
    f.t("present.previous"),
    icon=":material/arrow_back:",
    on_click=_go,
    args=(-1,),
    disabled=number <= 1,
    key="slide_previous",
    width="stretch",
)
where.markdown(f.t("present.position", number=number, count=count))
forward.button(
    f.t("present.next"),
    icon=":material/arrow_forward:",
    on_click=_go,
    args=(1,),
    disabled=number >= count,
    key="slide_next",
    width="stretch",
)
with options:
    presenter, asked = st.columns(2)
    notes = presenter.toggle(
        f.t("present.presenter"),
        key="notes",
        bind="query-params",
        help=f.t("present.presenter_help"),
    )
    if f.company is None:
        asked.toggle(
            f.t("present.example"),
            key="example",
            bind="query-params",
            help=f.t("present.example_help"),
        )
if f.present:
    leave.button(
        f.t("present.exit"),
        icon=":material/close:",
        key="present_exit",
        on_click=lambda: st.session_state.update(present=False),
    )
else:
    leave.button(
        f.t("present.full"),
        icon=":material/fullscreen:",
        key="present_enter",
        on_click=lambda: st.session_state.update(present=True),
    )

if slide.key == "title":  # the cover: title, what it covers, the one-line answer, the agenda
    with st.container(key="slide-cover"):
        st.title(ui.safe(slide.title))
        st.markdown(f"### {ui.safe(slide.subtitle)}")
        if slide.bullets:
            st.info(ui.safe(slide.bullets[0][0]), icon=":material/lightbulb:")
        agenda = [s.title for s in slides[1:]]
        st.markdown(
            f"**{f.t('present.agenda')}**\n\n"
            + "\n".join(f"{i}. {ui.safe(t)}" for i, t in enumerate(agenda, start=2))
        )
else:
    st.title(ui.safe(slide.title))
    if slide.subtitle:
        st.caption(ui.safe(slide.subtitle))
    type_key = f"type-{_type_size(slide, slide.figure is not None)}"
    if slide.figure is not None:
        figure = margins.fit(_room_figure(slide.figure))
        config = {"displaylogo": False}
        if slide.bullets:
            left, right = st.columns([3, 1])
            left.plotly_chart(figure, theme=None, key=f"slide_{number}", config=config)
            target = right.container(key=type_key)
        else:
            st.plotly_chart(figure, theme=None, key=f"slide_{number}", config=config)
            target = None
    else:
        target = st.container(key=type_key)
    if slide.bullets and target is not None:
        with target:
            for text, caveat in slide.bullets:
                st.markdown(
                    f"- {ui.safe(text)}"
                    + (f"  \n  :small[:gray[{ui.safe(caveat)}]]" if caveat else "")
                )

if notes:  # the presenter's view only: the audience's screen never shows the notes
    with st.container(border=True, key="presenter-notes"):
        st.caption(f.t("present.notes"))
        st.text(slide.notes)

"""Presentation mode: the board pack's slides one per screen, with previous/next, for the projector.
The slide number is in the URL (?slide=3), so a link opens the meeting where it left off."""

from __future__ import annotations

import streamlit as st

from dashboard import filters, state, ui

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
count = len(pack.slides)
try:
    number = min(max(int(st.query_params.get("slide", 1)), 1), count)
except ValueError:  # a link with ?slide=abc opens the first slide
    number = 1


def _go(step: int) -> None:
    st.query_params["slide"] = str(min(max(number + step, 1), count))


slide = pack.slides[number - 1]
back, where, forward, leave = st.columns([1, 1, 1, 4], vertical_alignment="center")
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
st.title(ui.safe(slide.title))
if slide.subtitle:
    st.caption(ui.safe(slide.subtitle))

if slide.figure is not None:
    figure = ui.projector_figure(slide.figure)
    if slide.bullets:
        left, right = st.columns([3, 1])
        with left:
            st.plotly_chart(
                figure, theme=None, key=f"slide_{number}", config={"displaylogo": False}
            )
        target = right
    else:
        st.plotly_chart(figure, theme=None, key=f"slide_{number}", config={"displaylogo": False})
        target = None
else:
    target = st.container()
if slide.bullets and target is not None:
    with target:
        for text, caveat in slide.bullets:
            st.markdown(
                f"- {ui.safe(text)}" + (f"  \n  :gray[{ui.safe(caveat)}]" if caveat else "")
            )

with st.expander(f.t("present.notes")):
    st.text(slide.notes)

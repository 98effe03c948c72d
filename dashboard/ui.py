"""Small pieces every page uses: a chart with its table and download, selection that highlights
companies across pages, escaped text, and empty states that say what to add."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard.filters import HIGHLIGHT

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~])")


def safe(text: str) -> str:
    """Text from the data, escaped so that it can never act as Markdown or HTML."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def source_line(dataset_name: str, extra: str = "") -> str:
    return f"Source: {dataset_name}. Service Mirror{'; ' + extra if extra else ''}."


def _select_companies(chart_key: str) -> None:
    """Plotly selection callback: the selected points' companies become the highlighted ones."""
    event = st.session_state.get(chart_key)
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    ids = sorted({p["customdata"][0] for p in points if p.get("customdata")})
    if ids:
        st.session_state[HIGHLIGHT] = ids


def chart(
    fig: go.Figure,
    table: pl.DataFrame,
    key: str,
    selectable: bool = False,
    file_name: str | None = None,
) -> None:
    """A chart with a Chart/Table toggle; the table view has a CSV download of the data behind it.
    Selectable charts turn a click, box or lasso selection into highlighted companies."""
    view = st.segmented_control(
        "View", ["Chart", "Table"], default="Chart", key=f"{key}_view", label_visibility="collapsed"
    )
    if view == "Table":
        st.dataframe(table, hide_index=True, key=f"{key}_table")
        st.download_button(
            "Download the data (CSV)", data=lambda: table.write_csv().encode("utf-8-sig"),
            file_name=file_name or f"{key}.csv", mime="text/csv", on_click="ignore",
            icon=":material/download:", key=f"{key}_csv",
        )  # fmt: skip
        return
    if selectable:
        st.plotly_chart(
            fig, theme=None, key=key, on_select=lambda: _select_companies(key),
            selection_mode=("points", "box", "lasso"), config={"displaylogo": False},
        )  # fmt: skip
    else:
        st.plotly_chart(fig, theme=None, key=key, config={"displaylogo": False})


def empty(message: str) -> None:
    st.info(message, icon=":material/info:")


def needs(tables: dict, *names: str) -> bool:
    """True when the dataset has these tables; otherwise say which to add and return False."""
    missing = [n for n in names if n not in tables or tables[n] is None or tables[n].is_empty()]
    if missing:
        empty(
            f"This view needs the {', '.join(missing)} table{'s' if len(missing) > 1 else ''}, which "
            "this dataset does not have. Add it on the Data page (see the data dictionary there); "
            "the service pages work without it."
        )
        return False
    return True

"""Small pieces every page uses: a chart with its table and download, selection that highlights
companies across pages, escaped text, and empty states that say what to add."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import access, cached, readable, state
from dashboard.charts import common, margins
from dashboard.export import boardpack, images
from dashboard.filters import HIGHLIGHT, Filters, current
from dashboard.text import safe as safe  # the pages call it as ui.safe
from metrics.text import sheets as tables
from metrics.text.i18n import tr


def year_span(years) -> str:
    """Years as a reader writes them: "2019–2023", "2019, 2021 and 2023" shortened to first–last."""
    years = [int(y) for y in years]
    if not years:
        return "–"
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def source_line(dataset_name: str, extra: str = "") -> str:
    lang = current().lang
    return (
        tr("source.line_extra", lang, dataset=dataset_name, extra=extra)
        if extra
        else tr("source.line", lang, dataset=dataset_name)
    )


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
    """A chart with a Chart/Table toggle and downloads: the image (PNG, SVG) as the screen shows it,
    and the data behind it (CSV, Excel). Files are built only when a button is clicked. Selectable
    charts turn a click, box or lasso selection into highlighted companies."""
    lang = current().lang
    # the source line under the chart as text, whole at any width (the downloads keep it inside)
    source = common.split_source(fig)
    # one row of natural widths that wraps when it must: the Download button never squeezed to "D…"
    with st.container(
        horizontal=True, horizontal_alignment="distribute", vertical_alignment="center"
    ):
        view = st.segmented_control(
            tr("ui.view", lang),
            ["chart", "table"],
            default="chart",
            key=f"{key}_view",
            format_func=lambda v: tr(f"ui.{v}", lang),
            label_visibility="collapsed",
        )
        downloads(fig, table, key, file_name or key, lang, source)
    if view == "table":
        st.dataframe(words(fig, table, lang), hide_index=True, key=f"{key}_table")
        _caption(source)
        return
    margins.fit(fig)  # after the downloads: their images keep Plotly's own margins (`with_source`)
    if selectable:
        st.plotly_chart(
            fig,
            theme=None,
            key=key,
            on_select=lambda: _select_companies(key),
            selection_mode=("points", "box", "lasso"),
            config={"displaylogo": False},
        )
    else:
        st.plotly_chart(fig, theme=None, key=key, config={"displaylogo": False})
    _caption(source)


def _caption(source: dict | None) -> None:
    if source:
        st.caption(safe(common.source_text(source)))


def words(fig: go.Figure, table: pl.DataFrame, lang: str):
    """The chart's table as a board reads it (`dashboard.readable`): names, headers with units in
    the language, rounded numbers in its format, still sorting by value. The downloads keep the
    raw table."""
    key = current().key
    axes = {axis: _axis_title(getattr(fig.layout, f"{axis}axis", None)) for axis in ("x", "y")}
    shown = readable.readable(
        table,
        lang,
        companies=state.company_names(key),
        industries=dict(state.industry_labels(key).iter_rows()),
        metrics=state.metric_labels(key),
        axes=axes,
    )
    return readable.styled(shown, lang)


def _axis_title(axis) -> str:
    return (axis.title.text or "") if axis is not None and axis.title else ""


def download_lock(lang: str) -> dict:
    """Arguments for every download button: none, or — with a sign-in gate and the app not started
    through dashboard/server.py (no download guard) — disabled, saying why."""
    if access.downloads_protected():
        return {}
    return {"disabled": True, "help": tr("access.downloads_off", lang)}


def downloads(
    fig: go.Figure,
    table: pl.DataFrame,
    key: str,
    stem: str,
    lang: str,
    source: dict | None = None,
) -> None:
    """A Download menu: PNG and SVG rendered by kaleido (with the source line `source`, which the
    screen writes under the chart), the data as CSV and Excel."""
    stem = re.sub(r"[^\w.-]+", "_", stem.removesuffix(".csv"))
    title = _title_of(fig)
    note = common.source_text(source) or _source_of(fig)
    lock = download_lock(lang)  # asked once: it reads the secrets
    with st.popover(tr("ui.download", lang), icon=":material/download:", key=f"{key}_downloads"):
        for fmt in ("png", "svg"):
            st.download_button(
                tr(f"ui.download_{fmt}", lang),
                data=lambda fmt=fmt: images.render(common.with_source(fig, source), fmt),
                file_name=f"{stem}.{fmt}",
                mime=images.FORMATS[fmt],
                on_click="ignore",
                key=f"{key}_{fmt}",
                width="stretch",
                **lock,
            )
        st.download_button(
            tr("ui.download_csv", lang),
            data=lambda: tables.to_csv(table),
            file_name=f"{stem}.csv",
            mime=tables.MIMES["csv"],
            on_click="ignore",
            key=f"{key}_csv",
            width="stretch",
            **lock,
        )
        st.download_button(
            tr("ui.download_xlsx", lang),
            file_name=f"{stem}.xlsx",
            mime=tables.MIMES["xlsx"],
            data=lambda: tables.to_excel(table, sheet=stem, title=title, source=note),
            on_click="ignore",
            key=f"{key}_xlsx",
            width="stretch",
            **lock,
        )


def _title_of(fig: go.Figure) -> str:
    """The chart's title on one line (the figure wraps it for narrow screens)."""
    return (fig.layout.title.text or "").replace("<br>", " ") if fig.layout.title else ""


def _source_of(fig: go.Figure) -> str:
    notes = [a.text for a in fig.layout.annotations or () if a.text and a.yshift]
    return notes[0].replace("<br>", " ") if notes else ""


def score_scale(key: str, metric: str) -> tuple[float, float] | None:
    """The scale the dataset's catalogue declares for `metric` (for axis titles), or None."""
    info = cached.roles(key).metrics.get(metric)
    return info.scale if info else None


def empty(message: str) -> None:
    st.info(message, icon=":material/info:")


def needs(tables: dict, *names: str) -> bool:
    """True when the dataset has these tables; otherwise say which to add and return False."""
    missing = [n for n in names if n not in tables or tables[n] is None or tables[n].is_empty()]
    if missing:
        empty(tr("ui.needs", current().lang, tables=", ".join(missing)))
        return False
    return True


def board_pack(f: Filters, dataset_name: str) -> boardpack.BoardPack:
    """The board pack of a view: its wave, our company, the first chosen industry and the metric."""
    return cached.board_pack(
        f.key, dataset_name, f.year, f.company, f.industries[0] if f.industries else None, f.metric
    )


def _pack(f: Filters, dataset_name: str, fmt: str) -> bytes:
    """Built when the button is clicked, for the view as it was when the button was drawn."""
    pack = board_pack(f, dataset_name)
    return boardpack.to_pptx(pack) if fmt == "pptx" else boardpack.to_pdf(pack)


def board_pack_buttons() -> None:
    """One click, one deck: the board pack of the current view as PowerPoint or PDF."""
    f = current()
    if f.year is None or not state.current_dataset().usable:
        return
    st.markdown(f"**{tr('ui.board_pack', f.lang)}**", help=tr("ui.board_pack_help", f.lang))
    missing = boardpack.missing_tables(state.tables(f.key))
    if missing:
        st.caption(tr("pack.missing", f.lang, tables=", ".join(missing)))
        return
    stem = f"servicemirror_{f.year}_{f.lang}" + ("_anon" if f.anonymised else "")
    name = state.dataset_name(f.lang)
    for fmt, icon in (("pptx", ":material/slideshow:"), ("pdf", ":material/picture_as_pdf:")):
        st.download_button(
            tr(f"ui.pack_{fmt}", f.lang),
            data=lambda fmt=fmt: _pack(f, name, fmt),
            file_name=f"{stem}.{fmt}",
            mime=boardpack.MIMES[fmt],
            on_click="ignore",
            icon=icon,
            key=f"board_pack_{fmt}",
            width="stretch",
            **download_lock(f.lang),
        )


PROJECTOR_CSS = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], header[data-testid="stHeader"] { display: none !important; }
.block-container { padding-top: 1.2rem !important; max-width: 100% !important; }
.stMarkdown p, .stMarkdown li { font-size: 1.6rem !important; line-height: 1.45 !important; }
h1 { font-size: 3rem !important; }
</style>
"""


def projector_style() -> None:
    """Presentation mode: no sidebar, larger type (static CSS; no data in it)."""
    st.html(PROJECTOR_CSS)


def projector_figure(fig: go.Figure) -> go.Figure:
    """A copy with type large enough for the back of the room."""
    out = go.Figure(fig)
    out.update_layout(
        font={"size": 20},
        title={"text": "", "subtitle": {"text": ""}},
        margin={"t": 30},
        height=max(660, fig.layout.height or 0),
        legend={"font": {"size": 16}},
        hoverlabel={"font": {"size": 18}},
    )
    return out

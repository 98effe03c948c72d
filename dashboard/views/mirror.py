"""The Satisfaction Mirror: are companies with good service also attractive employers?"""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import cached, filters, state, ui
from dashboard.charts import relations as charts
from metrics.analytics.findings import in_sentence, relation_words

f = filters.current()
dataset = state.current_dataset()
t = state.tables(f.key)
lang = f.lang
st.title(f.t("nav.mirror"))
if not dataset.usable or not ui.needs(t, "employer"):
    st.stop()

catalogue = t["metrics"]
labels = state.metric_labels(f.key)
present = set(t["employer"]["metric_id"].unique())
options = [m for m in catalogue.filter(pl.col("domain") == "employer")["metric_id"] if m in present]
employer = st.selectbox(
    f.t("mirror.metric"),
    options,
    key="employer",
    format_func=lambda m: labels.get(m, m),
    bind="query-params",
)
better_high = catalogue.filter(pl.col("metric_id") == employer)["higher_is_better"].to_list() or [
    True
]

# the wave's company-years among the chosen industries: the chart, its subtitle and the matrix
rows = cached.quadrants(f.key, employer, f.metric, f.industries).filter(pl.col("year") == f.year)
stats = cached.quadrant_stats(f.key, employer, f.metric, f.year, f.industries)
subtitle = (
    f"{f.year} · {f.t('pack.medians')} · {relation_words(stats, lang)}"
    if stats and stats["pearson_r"] is not None
    else f"{f.year} · {f.t('pack.too_few')} (n = {rows.height})"
)
source = ui.source_line(state.dataset_name(lang))
fig = charts.mirror_scatter(
    rows,
    labels.get(employer, employer),
    reverse_y=not better_high[0],
    title=f.t("mirror.title", metric=in_sentence(labels.get(employer, employer))),
    subtitle=subtitle,
    source=source,
    highlight=f.company_set,
    lang=lang,
)
ui.chart(fig, rows, "mirror_scatter", selectable=True, file_name=f"mirror_{employer}_{f.year}")
st.caption(f.t("mirror.caption") + ("" if better_high[0] else " " + f.t("mirror.reversed")))

left, right = st.columns(2)
with left:
    st.subheader(f.t("mirror.movement"))
    moves = cached.quadrant_transitions(f.key, employer, f.metric, f.industries)
    fig = charts.transition_heatmap(
        moves,
        title=f.t("mirror.movement_title"),
        subtitle=f.t("mirror.movement_sub"),
        source=source,
        lang=lang,
    )
    ui.chart(fig, moves, "transitions")
with right:
    st.subheader(f.t("mirror.together"))
    wanted = (f.metric, *options, *cached.headline(f.key, f.metric).after_change)
    matrix = cached.correlation_matrix(f.key, tuple(dict.fromkeys(wanted)), f.industries, f.year)
    fig = charts.correlation_heatmap(
        matrix,
        labels,
        title=f.t("mirror.matrix_title"),
        subtitle=f.t("mirror.matrix_sub", year=f.year),
        source=source,
        lang=lang,
    )
    ui.chart(fig, matrix, "correlation_matrix")

"""The Satisfaction Mirror: are companies with good service also attractive employers?"""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import cached, filters, state, ui
from dashboard.charts import relations as charts
from metrics.analytics.findings import in_sentence, titles

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
name = in_sentence(labels.get(employer, employer))
subtitle = " · ".join(
    [str(f.year), f.t("pack.medians"), titles.relation_subtitle(stats, lang, rows.height)]
)
source = ui.source_line(state.dataset_name(lang))
fig = charts.mirror_scatter(
    rows,
    labels.get(employer, employer),
    reverse_y=not better_high[0],
    title=titles.relation_title(stats, name, lang, f.t("titles.in_year", year=f.year)),
    subtitle=subtitle,
    source=source,
    highlight=set(f.highlight),
    lang=lang,
    ours=f.company,
)
ui.chart(fig, rows, "mirror_scatter", selectable=True, file_name=f"mirror_{employer}_{f.year}")
st.caption(f.t("mirror.caption") + ("" if better_high[0] else " " + f.t("mirror.reversed")))

# the heatmaps as wide as the page: their labels stay horizontal and whole
st.subheader(f.t("mirror.movement"))
moves = cached.quadrant_transitions(f.key, employer, f.metric, f.industries)
fig = charts.transition_heatmap(
    moves,
    title=titles.transition_title(moves, lang),
    subtitle=f.t("mirror.movement_sub"),
    source=source,
    lang=lang,
)
ui.chart(fig, moves, "transitions")

st.subheader(f.t("mirror.together"))
wanted = (f.metric, *options, *cached.headline(f.key, f.metric).after_change)
matrix = cached.correlation_matrix(f.key, tuple(dict.fromkeys(wanted)), f.industries, f.year)
fig = charts.correlation_heatmap(
    matrix,
    labels,
    title=titles.matrix_title(matrix, labels, lang, anchor=f.metric),
    subtitle=titles.matrix_subtitle(matrix, f.year, lang),
    source=source,
    lang=lang,
)
ui.chart(fig, matrix, "correlation_matrix")
st.caption(f.t("mirror.matrix_caption"))

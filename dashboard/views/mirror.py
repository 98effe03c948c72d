"""The Satisfaction Mirror: are companies with good service also attractive employers?"""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import cached, filters, state, ui
from dashboard.charts import relations as charts
from metrics.findings import in_sentence, strength

f = filters.current()
dataset = state.current_dataset()
t = state.tables(f.key)
st.title("The Satisfaction Mirror")
if not dataset.usable or not ui.needs(t, "employer"):
    st.stop()

catalogue = t["metrics"]
labels = dict(catalogue.select("metric_id", "label_en").iter_rows())
present = set(t["employer"]["metric_id"].unique())
options = [m for m in ("enps", "employer_rank", "staff_turnover_pct", "employer_attractiveness",
                       "glassdoor_rating") if m in present]  # fmt: skip
employer = st.selectbox("Employer metric", options, key="employer", format_func=lambda m: labels.get(m, m),
                        bind="query-params")  # fmt: skip
better_high = catalogue.filter(pl.col("metric_id") == employer)["higher_is_better"].to_list() or [
    True
]

rows = cached.quadrants(f.key, employer).filter(pl.col("year") == f.year)
if f.industries:
    rows = rows.filter(pl.col("industry_id").is_in(f.industries))
stats = cached.relation(f.key, "servicescore", employer, 0, "pooled", "company", True)[0]
r, low, high = stats["pearson_r"], stats["pearson_boot_low"], stats["pearson_boot_high"]
subtitle = (
    f"{f.year} · split at the medians · over all years r = {r:.2f} (95% CI {low:.2f} to {high:.2f}), "
    f"n = {stats['n']:,}: {strength(r, low, high)} link"
    if r is not None else f"{f.year} · too few companies for a correlation"
)  # fmt: skip
source = ui.source_line(dataset.name)
fig = charts.mirror_scatter(
    rows, labels.get(employer, employer), reverse_y=not better_high[0],
    title=f"Service and {in_sentence(labels.get(employer, employer))}", subtitle=subtitle, source=source,
    highlight=f.company_set,
)  # fmt: skip
ui.chart(fig, rows, "mirror_scatter", selectable=True, file_name=f"mirror_{employer}_{f.year}.csv")
st.caption("Top right: good service and an attractive employer — the Satisfaction Mirror. "
           + ("For ranks and turnover lower is better, so the axis is turned: better is still up." if not better_high[0] else ""))  # fmt: skip

left, right = st.columns(2)
with left:
    st.subheader("Movement between waves")
    moves = cached.quadrant_transitions(f.key, employer)
    fig = charts.transition_heatmap(moves, title="From one wave to the next",
                                    subtitle="Company moves between quadrants, all waves", source=source)  # fmt: skip
    ui.chart(fig, moves, "transitions")
with right:
    st.subheader("Customer, employer and commercial metrics together")
    wanted = ("servicescore", "enps", "staff_turnover_pct", "employer_attractiveness", "glassdoor_rating",
              "ebit_margin_pct", "revenue_growth_pct")  # fmt: skip
    matrix = cached.correlation_matrix(f.key, wanted)
    fig = charts.correlation_heatmap(matrix, labels, title="Correlations (Pearson r) with n per cell",
                                     subtitle="Same company and year; monopolies and authorities excluded",
                                     source=source)  # fmt: skip
    ui.chart(fig, matrix, "correlation_matrix")

"""Service & commercial performance: do companies with better service have higher margins and
growth — with how much certainty, and which way does it run?"""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import cached, filters, state, ui
from dashboard.charts import relations as charts
from metrics.findings import in_sentence, strength

f = filters.current()
dataset = state.current_dataset()
t = state.tables(f.key)
st.title("Service & commercial performance")
if not dataset.usable or not ui.needs(t, "commercial"):
    st.stop()

labels = dict(t["metrics"].select("metric_id", "label_en").iter_rows())
OUTCOMES = ["ebit_margin_pct", "revenue_growth_pct", "roa_pct"]
c1, c2, c3 = st.columns([2, 2, 3])
y = c1.selectbox("Commercial metric", OUTCOMES, key="y", format_func=lambda m: labels.get(m, m),
                 bind="query-params")  # fmt: skip
mode = c2.selectbox("Compare", ["pooled", "per_year", "within_industry"], key="mode", bind="query-params",
                    format_func={"pooled": "All years pooled", "per_year": "Year by year",
                                 "within_industry": "Within industries (z-scores)"}.get)  # fmt: skip
with c3:
    lag = st.toggle(
        "Service this year vs performance next year (t → t+1)", key="lag", bind="query-params"
    )
    monopolies = st.toggle(
        "Include monopolies and public authorities", key="monopolies", bind="query-params"
    )
    animate = st.toggle(
        "Animate over the years (play, with trails for highlighted companies)", key="animate"
    )
lag_n = 1 if lag else 0

stats_rows = cached.relation(f.key, f.metric, y, lag_n, mode, "company", monopolies)
points = cached.relation_points(f.key, f.metric, y, lag_n, mode, monopolies)
if f.industries:
    points = points.filter(pl.col("industry_id").is_in(f.industries))
x_title = (
    "Service (z within industry and year)"
    if mode == "within_industry"
    else f"Service: {labels.get(f.metric, f.metric)}"
)
y_title = (f"{labels.get(y, y)} (z)" if mode == "within_industry" else labels.get(y, y)) + (
    " next year" if lag else ""
)
source = ui.source_line(
    dataset.name, "monopolies and authorities " + ("included" if monopolies else "excluded")
)

if mode == "per_year":
    stats = next((s for s in stats_rows if s.get("year") == f.year), None)
    shown = points.filter(pl.col("year") == f.year)
else:
    stats = stats_rows[0] if stats_rows else None
    shown = points

if stats and stats.get("pearson_r") is not None:
    low, high = (
        stats.get("pearson_boot_low") or stats["pearson_low"],
        stats.get("pearson_boot_high") or stats["pearson_high"],
    )
    words = strength(stats["pearson_r"], low, high)
    subtitle = (f"r = {stats['pearson_r']:.2f} (95% CI {low:.2f} to {high:.2f}), n = {stats['n']:,} "
                f"company-years from {stats['clusters']:,} companies · {words} link · slope {stats['slope']:.2f}")  # fmt: skip
else:
    subtitle, words = "Too few companies with both values for a correlation.", "insufficient"

if animate and mode != "per_year":
    fig = charts.animated_scatter(points, x_title, y_title, title=f"Service and {in_sentence(labels.get(y, y))}",
                                  subtitle=subtitle, source=source, trails=f.company_set)  # fmt: skip
    ui.chart(fig, points, "relation_animated")
else:
    fig = charts.relation_scatter(
        shown, stats, x_title, y_title, title=f"Service and {in_sentence(labels.get(y, y))}",
        subtitle=subtitle, source=source, highlight=f.company_set,
    )  # fmt: skip
    ui.chart(fig, shown, "relation_scatter", selectable=True, file_name=f"service_vs_{y}.csv")
st.caption(
    "Bubble size = revenue; colour = industry. Select points (click, box or lasso) to highlight those "
    "companies on every page. The interval comes from resampling whole companies, because one company "
    "over many years is not many independent observations. Association is not causation."
)

left, right = st.columns(2)
with left:
    st.subheader("Top vs bottom service quartile")
    gap = cached.quartile_gap(f.key, tuple(OUTCOMES))
    fig = charts.quartile_gap_bars(gap, labels, title="Median difference, top minus bottom quartile",
                                   subtitle="95% bootstrap intervals; grey = cannot be told from zero",
                                   source=source)  # fmt: skip
    ui.chart(fig, gap, "quartile_gap")
with right:
    st.subheader("Which way does it run?")
    names = {"same_year": "Same year", "service_leads": "Service leads (t → t+1)",
             "outcome_leads": "Performance leads (t → t+1)"}  # fmt: skip
    lead = cached.lead_lag(f.key, f.metric, y, monopolies).select(
        pl.col("direction").replace_strict(names), pl.col("pearson_r").alias("r"),
        pl.col("pearson_boot_low").alias("ci_low"), pl.col("pearson_boot_high").alias("ci_high"), "n",
    )  # fmt: skip
    st.dataframe(lead, hide_index=True, key="lead_lag",
                 column_config={c: st.column_config.NumberColumn(format="%.2f") for c in ("r", "ci_low", "ci_high")})  # fmt: skip
    st.caption("If service leads more strongly than performance leads, the timing fits the "
               "service-profit chain. Overlapping intervals mean the data cannot tell which way it runs.")  # fmt: skip

"""Service & commercial performance: do companies with better service have higher margins and
growth — with how much certainty, and which way does it run?"""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import cached, filters, state, ui
from dashboard.charts import relations as charts
from metrics.analytics.findings import in_sentence, strength
from metrics.text.i18n import integer, interval, num

f = filters.current()
dataset = state.current_dataset()
t = state.tables(f.key)
lang = f.lang
st.title(f.t("nav.commercial"))
if not dataset.usable or not ui.needs(t, "commercial"):
    st.stop()

labels = state.metric_labels(f.key)
OUTCOMES = ["ebit_margin_pct", "revenue_growth_pct", "roa_pct"]
c1, c2, c3 = st.columns([2, 2, 3])
y = c1.selectbox(
    f.t("commercial.metric"),
    OUTCOMES,
    key="y",
    format_func=lambda m: labels.get(m, m),
    bind="query-params",
)
mode = c2.selectbox(
    f.t("commercial.compare"),
    ["pooled", "per_year", "within_industry"],
    key="mode",
    bind="query-params",
    format_func=lambda m: f.t(f"commercial.mode_{m}"),
)
with c3:
    lag = st.toggle(f.t("commercial.lag"), key="lag", bind="query-params")
    monopolies = st.toggle(f.t("commercial.monopolies"), key="monopolies", bind="query-params")
    animate = st.toggle(f.t("commercial.animate"), key="animate")
lag_n = 1 if lag else 0

stats_rows = cached.relation(f.key, f.metric, y, lag_n, mode, "company", monopolies)
points = cached.relation_points(f.key, f.metric, y, lag_n, mode, monopolies)
if f.industries:
    points = points.filter(pl.col("industry_id").is_in(f.industries))
x_title = (
    f.t("commercial.x_within")
    if mode == "within_industry"
    else f.t("commercial.x", metric=labels.get(f.metric, f.metric))
)
y_title = (f"{labels.get(y, y)} (z)" if mode == "within_industry" else labels.get(y, y)) + (
    f.t("commercial.next_year") if lag else ""
)
source = ui.source_line(
    state.dataset_name(lang),
    f.t("commercial.monopolies_included" if monopolies else "commercial.monopolies_excluded"),
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
    subtitle = f.t(
        "commercial.subtitle",
        r=num(stats["pearson_r"], lang, 2),
        ci=interval(low, high, lang),
        n=integer(stats["n"], lang),
        clusters=integer(stats["clusters"], lang),
        strength=f.t(f"strength.{words}"),
        slope=num(stats["slope"], lang, 2),
    )
else:
    subtitle = f.t("commercial.too_few")

title = f.t("pack.commercial", outcome=in_sentence(labels.get(y, y)))
if animate and mode != "per_year":
    fig = charts.animated_scatter(
        points,
        x_title,
        y_title,
        title=title,
        subtitle=subtitle,
        source=source,
        trails=f.company_set,
        lang=lang,
    )
    ui.chart(fig, points, "relation_animated")
else:
    fig = charts.relation_scatter(
        shown,
        stats,
        x_title,
        y_title,
        title=title,
        subtitle=subtitle,
        source=source,
        highlight=f.company_set,
        lang=lang,
    )
    ui.chart(fig, shown, "relation_scatter", selectable=True, file_name=f"service_vs_{y}")
st.caption(f.t("commercial.caption"))

left, right = st.columns(2)
with left:
    st.subheader(f.t("commercial.quartiles"))
    gap = cached.quartile_gap(f.key, tuple(OUTCOMES))
    fig = charts.quartile_gap_bars(
        gap,
        labels,
        title=f.t("commercial.quartiles_title"),
        subtitle=f.t("commercial.quartiles_sub"),
        source=source,
        lang=lang,
    )
    ui.chart(fig, gap, "quartile_gap")
with right:
    st.subheader(f.t("commercial.which_way"))
    names = {d: f.t(f"commercial.{d}") for d in ("same_year", "service_leads", "outcome_leads")}
    lead = cached.lead_lag(f.key, f.metric, y, monopolies).select(
        pl.col("direction").replace_strict(names).alias(f.t("commercial.direction")),
        pl.col("pearson_r").alias("r"),
        pl.col("pearson_boot_low").alias("ci_low"),
        pl.col("pearson_boot_high").alias("ci_high"),
        "n",
    )
    st.dataframe(
        lead,
        hide_index=True,
        key="lead_lag",
        column_config={
            c: st.column_config.NumberColumn(format="%.2f") for c in ("r", "ci_low", "ci_high")
        },
    )
    st.caption(f.t("commercial.which_way_caption"))

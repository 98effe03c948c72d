"""Service & commercial performance: do companies with better service have higher margins and
growth — with how much certainty, and which way does it run?"""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import cached, filters, state, ui
from dashboard.charts import effects
from dashboard.charts import relations as charts
from metrics.analytics.findings import in_sentence, titles
from metrics.text.i18n import integer, interval, num

f = filters.current()
dataset = state.current_dataset()
t = state.tables(f.key)
lang = f.lang
st.title(f.t("nav.commercial"))
if not dataset.usable or not ui.needs(t, "commercial"):
    st.stop()

labels = state.metric_labels(f.key)
roles = cached.roles(f.key)
OUTCOMES = [m for m in roles.commercial if roles.metrics[m].unit != "msek"]  # rates, not amounts
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
# the one wave in per-year mode, every wave otherwise: every number below uses the same choice
wave = f.year if mode == "per_year" else None

view = cached.relation_view(f.key, f.metric, y, lag_n, mode, monopolies, f.industries, wave)
points, stats = view.points, view.stats
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

if stats and stats.get("pearson_r") is not None:
    low, high = stats["pearson_boot_low"], stats["pearson_boot_high"]
    subtitle = f.t(
        "commercial.subtitle" if low is not None else "commercial.subtitle_open",
        r=num(stats["pearson_r"], lang, 2),
        ci=interval(low, high, lang),
        n=integer(stats["n"], lang),
        clusters=integer(stats["clusters"], lang),
        slope=num(stats["slope"], lang, 2),
    )
else:
    subtitle = f.t("commercial.too_few", n=integer(points.height, lang))

when = f.t("titles.in_year", year=wave) if wave else ""
title = titles.relation_title(stats, in_sentence(labels.get(y, y)), lang, when)
if animate and mode != "per_year":
    fig = charts.animated_scatter(
        points,
        x_title,
        y_title,
        title=title,
        subtitle=subtitle,
        source=source,
        trails=set(f.highlight),
        lang=lang,
        ours=f.company,
    )
    ui.chart(fig, points, "relation_animated")
else:
    fig = charts.relation_scatter(
        points,
        stats,
        x_title,
        y_title,
        title=title,
        subtitle=subtitle,
        source=source,
        highlight=set(f.highlight),
        lang=lang,
        ours=f.company,
    )
    ui.chart(fig, points, "relation_scatter", selectable=True, file_name=f"service_vs_{y}")
if animate and mode != "per_year" and stats and stats.get("pearson_r") is not None:
    st.caption(
        f.t(
            "commercial.caption_animated",
            r=num(stats["pearson_r"], lang, 2),
            ci=interval(stats["pearson_boot_low"], stats["pearson_boot_high"], lang),
        )
    )
else:
    st.caption(f.t("commercial.caption"))

levels = cached.relation_levels(f.key, f.metric, y, lag_n, monopolies, f.industries, wave)
st.subheader(f.t("commercial.levels"))
st.dataframe(
    levels.select(
        pl.col("level")
        .replace_strict({lv: f.t(f"commercial.level_{lv}") for lv in levels["level"]})
        .alias(f.t("commercial.level")),
        pl.col("estimate").round(2).alias(f.t("commercial.estimate")),
        pl.col("ci_low").round(2).alias(f.t("commercial.ci_low")),
        pl.col("ci_high").round(2).alias(f.t("commercial.ci_high")),
        pl.col("n").alias("n"),
        pl.col("companies").alias(f.t("commercial.companies")),
    ),
    hide_index=True,
    key="relation_levels",
)
st.caption(f.t("commercial.levels_caption", y=in_sentence(labels.get(y, y))))

# full width, one under the other: titles, subtitles and labels stay whole
st.subheader(f.t("commercial.quartiles"))
gap = cached.quartile_gap(
    f.key,
    f.metric,
    tuple(OUTCOMES),
    mode == "within_industry",
    monopolies,
    lag_n,
    f.industries,
    wave,
)
fig = effects.quartile_gap_bars(
    gap,
    labels,
    title=titles.quartile_title(gap, y, labels.get(y, y), lang),
    subtitle=f.t(
        "commercial.quartiles_sub_within"
        if mode == "within_industry"
        else "commercial.quartiles_sub",
        companies=integer(int(gap["companies_top"].max() or 0), lang),
    ),
    source=source,
    lang=lang,
)
ui.chart(fig, gap, "quartile_gap")
st.subheader(f.t("commercial.which_way"))
estimates = cached.cross_lagged(f.key, f.metric, y, mode, monopolies, f.industries, wave)
names = {d: f.t(f"commercial.{d}") for d in ("service_leads", "outcome_leads")}
st.dataframe(
    estimates.select(
        pl.col("direction").replace_strict(names).alias(f.t("commercial.direction")),
        pl.col("beta").round(2).alias("β"),
        pl.col("ci_low").round(2).alias(f.t("commercial.ci_low")),
        pl.col("ci_high").round(2).alias(f.t("commercial.ci_high")),
        "n",
    ),
    hide_index=True,
    key="cross_lagged",
)
verdict = estimates["verdict"][0] if estimates.height else "insufficient"
outcome = in_sentence(labels.get(y, y))
st.markdown(f.t(f"finding.direction_{verdict}", y=outcome))
st.caption(f.t("commercial.which_way_caption"))

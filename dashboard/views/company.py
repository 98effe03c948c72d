"""Company profile: where our company stands, how it has moved, and which business moment to fix —
every chart titled with its finding, ours in the accent and its peers grey. With no company chosen
(and none highlighted) it asks for one rather than showing another company as an example."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import cached, filters, state, ui
from dashboard.charts import company as charts
from metrics.aggregate import RATING_COUNTS
from metrics.analytics.dissatisfaction import FLOOR_PCT
from metrics.analytics.drivers import fix_first
from metrics.analytics.findings import headlines, in_sentence
from metrics.text.i18n import integer, num

f = filters.current()
dataset = state.current_dataset()
t = state.tables(f.key)
lang = f.lang
st.title(f.t("nav.company"))
if not dataset.usable or f.year is None:
    ui.empty(f.t("ui.no_data"))
    st.stop()

if state.about_of(f.key).level == "industry":
    ui.empty(f.t("ui.why_industry_level"))
    st.stop()

names = state.company_names(f.key)
ranking = cached.company_ranking(f.key, f.metric)
company = f.company or (f.highlight[0] if f.highlight and f.highlight[0] in names else None)
if company is None:
    st.info(f.t("company.choose"), icon=":material/search:")
    st.stop()
mine = ranking.filter(pl.col("company_id") == company)
info = t["companies"].filter(pl.col("company_id") == company).row(0, named=True)
industry_label = dict(state.industry_labels(f.key).iter_rows()).get(
    info["industry_id"], info["industry_id"]
)
heading = f"{names[company]} · {industry_label}" if industry_label else names[company]
st.subheader(ui.safe(heading))
labels = state.metric_labels(f.key)
source = ui.source_line(state.dataset_name(lang))
name = names[company]
LABELLED = 3  # the moments to fix first are named on the importance–performance chart

now = mine.filter(pl.col("year") == f.year)
if now.height:
    c = now.row(0, named=True)
    k1, k2, k3, k4 = st.columns(4)
    k1.metric(
        f.t("company.score"),
        num(c["score"], lang),
        None if c["change"] is None else num(c["change"], lang, sign=True),
    )
    k2.metric(
        f.t("company.margin"),
        f"± {num(c['margin_95'], lang)}" if c["margin_95"] else "–",
        help=(
            f"n = {integer(c['n'], lang)}" + (f.t("company.low_base") if c["low_base"] else "")
            if c["n"] is not None
            else f.t("ui.why_no_n")
        ),
    )
    if c["industry_rank"] is not None:
        rank = f.t("kpi.rank_of", rank=c["industry_rank"], of=c["industry_n_ranked"])
        k3.metric(f.t("kpi.rank_in_industry"), rank)
    else:  # no industry: its place among all companies
        rank = f.t("kpi.rank_of", rank=c["overall_rank"], of=c["overall_n_ranked"])
        k3.metric(f.t("kpi.rank_overall"), rank, help=f.t("ui.why_no_industry"))
    k4.metric(f.t("kpi.vs_peers"), num(c["vs_peers"], lang, sign=True))
    said = headlines.company_title(c, industry_label or None, lang)
    st.markdown(f"**{ui.safe(said.title)}**")
    st.caption(ui.safe(said.subtitle))
else:
    ui.empty(f.t("company.not_measured", name=ui.safe(names[company]), year=f.year))

industry = cached.industry_ranking(f.key, f.metric).filter(
    pl.col("industry_id") == pl.lit(info["industry_id"], pl.String)
)
said = headlines.history_title(mine, f.year, lang)
fig = charts.score_history(
    mine,
    t["waves"],
    industry,
    title=said.title if said else f.t("company.score_history"),
    subtitle=said.subtitle if said else f.t("company.score_history_sub"),
    source=source,
    lang=lang,
    name=name,
    scale=ui.score_scale(f.key, f.metric),
)
ui.chart(
    fig, mine.select("year", "score", "ci_low", "ci_high", "n", "industry_rank"), "score_history"
)

among = "industry" if info["industry_id"] is not None else "all"  # no industry: among all
history = cached.company_history(f.key, f.metric, among).filter(pl.col("company_id") == company)
said = headlines.rank_title(history, name, f.year, lang, among)
fig = charts.rank_over_time(
    history,
    t["waves"],
    title=said.title if said else f.t("kpi.rank_in_industry"),
    subtitle=said.subtitle if said else f.t("company.rank_sub"),
    source=source,
    lang=lang,
)
ui.chart(fig, history, "rank_history")

st.subheader(f.t("company.fix_first"))
gaps = cached.driver_gaps(f.key, company, f.metric)
if gaps.is_empty():
    ui.empty(f.t("company.no_moments"))
else:
    said = headlines.moments_title(gaps, labels, f.year, lang)
    fig = charts.moment_heatmap(
        gaps,
        labels,
        title=said.title if said else f.t("company.moments_title"),
        subtitle=said.subtitle if said else f.t("company.moments_sub"),
        source=source,
        lang=lang,
    )
    ui.chart(fig, gaps, "moment_heatmap")
    ip = cached.importance_performance(f.key, company, f.year, f.metric)
    if ip.height:
        focus = fix_first(ip)
        said = headlines.ip_title(focus, labels, f.year, lang)
        fig = charts.importance_performance(
            ip,
            labels,
            title=said.title,
            subtitle=said.subtitle,
            source=source,
            lang=lang,
            named=focus.head(LABELLED)["metric_id"].to_list(),
        )
        ui.chart(fig, ip, "importance_performance")
        if focus.height:
            top = focus.row(0, named=True)
            st.markdown(
                f.t(
                    "company.start_with",
                    moment=ui.safe(labels.get(top["metric_id"], top["metric_id"]).lower()),
                    gap=num(-top["gap_to_best"], lang),
                    r=num(top["importance_r"], lang, 2),
                )
            )

st.subheader(f.t("company.vs_peers"))
values = cached.values(f.key)
peers = t["companies"].filter(pl.col("industry_id") == pl.lit(info["industry_id"], pl.String))[
    "company_id"
]
rows = []
roles = cached.roles(f.key)
for metric in [m for m in roles.commercial if roles.metrics[m].unit != "msek"] + list(
    roles.employer
):
    v = values.filter(
        pl.col("metric_id") == metric,
        pl.col("year") == f.year,
        pl.col("company_id").is_in(peers.implode()),
    )
    own = v.filter(pl.col("company_id") == company)["value"]
    if v.is_empty() or own.is_empty():
        continue
    rows.append(
        {
            "metric_id": metric,
            "label": labels.get(metric, metric),
            "company": own[0],
            "peer_mean": v.filter(pl.col("company_id") != company)["value"].mean(),
            "industry_median": v["value"].median(),
            "higher_is_better": roles.metrics[metric].higher_is_better,
        }
    )
if rows:
    comparison = pl.DataFrame(rows)
    lower = [
        in_sentence(labels.get(m, m))
        for m, up in comparison.select("metric_id", "higher_is_better").iter_rows()
        if not up
    ]
    said = headlines.peer_title(
        comparison,
        dict(comparison.select("metric_id", "higher_is_better").iter_rows()),
        name,
        f.year,
        lang,
        lower,
    )
    fig = charts.peer_comparison(
        comparison,
        title=said.title if said else f.t("company.against_industry"),
        subtitle=said.subtitle if said else f.t("company.against_industry_sub", year=f.year),
        source=source,
        lang=lang,
    )
    ui.chart(fig, comparison, "peer_comparison")
else:
    ui.empty(f.t("company.no_figures"))

st.subheader(f.t("company.ratings"))
if RATING_COUNTS not in t:
    ui.empty(f.t("company.no_responses"))
else:
    dist = cached.rating_distribution(f.key)
    own = dist.filter(
        pl.col("company_id") == company,
        pl.col("year") == f.year,
        pl.col("metric_id") == f.metric,
    )
    peer_ids = peers.implode()
    ind = (
        dist.filter(
            pl.col("company_id").is_in(peer_ids),
            pl.col("year") == f.year,
            pl.col("metric_id") == f.metric,
        )
        .group_by("rating")
        .agg(pl.col("share_pct").mean())
        .sort("rating")
    )
    said = headlines.distribution_title(own, ind, name, f.year, lang)
    fig = charts.rating_distribution(
        own,
        ind,
        title=said.title if said else f.t("company.distribution"),
        subtitle=said.subtitle if said else f.t("company.distribution_sub", year=f.year),
        source=source,
        lang=lang,
    )
    ui.chart(fig, own, "rating_distribution")
    flags = cached.hidden_dissatisfaction(f.key, f.metric).filter(
        pl.col("company_id") == company, pl.col("year") == f.year
    )
    if flags.height:
        r = flags.row(0, named=True)
        if r["hidden_dissatisfaction"]:
            st.warning(
                f.t(
                    "company.hidden",
                    mean=num(r["mean"], lang),
                    median=num(r["industry_median"], lang),
                    count=integer(r["n_dissatisfied"], lang),
                    n=integer(r["n"], lang),
                    share=num(r["share_dissatisfied_pct"], lang, 0),
                    low=num(r["dissatisfied_low_pct"], lang, 0),
                    high=num(r["dissatisfied_high_pct"], lang, 0),
                    threshold=num(max(r["dissatisfied_threshold"], FLOOR_PCT), lang, 0),
                ),
                icon=":material/visibility:",
            )
        else:
            st.caption(
                f.t(
                    "company.not_hidden",
                    count=integer(r["n_dissatisfied"], lang),
                    n=integer(r["n"], lang),
                    share=num(r["share_dissatisfied_pct"], lang, 0),
                    low=num(r["dissatisfied_low_pct"], lang, 0),
                    high=num(r["dissatisfied_high_pct"], lang, 0),
                    polarisation=num(r["polarisation"], lang, 2),
                )
            )

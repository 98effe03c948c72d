"""Company profile: where one company stands, how it has moved, and which business moment to fix."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import cached, filters, state, ui
from dashboard.charts import company as charts
from metrics.drivers import fix_first

f = filters.current()
dataset = state.current_dataset()
t = state.tables(f.key)
st.title("Company profile")
if not dataset.usable or f.year is None:
    ui.empty("No dataset to show yet: the Data page says what is missing.")
    st.stop()

names = state.company_names(f.key)
ranking = cached.company_ranking(f.key, f.metric)
company = f.company or (f.highlight[0] if f.highlight else None)
if company is None:
    company = ranking.filter(pl.col("year") == f.year).sort("overall_rank")["company_id"][0]
    st.info(f"Showing {names[company]}, the top company of {f.year}. Search for yours under “Our company” "
            "in the sidebar.", icon=":material/search:")  # fmt: skip
mine = ranking.filter(pl.col("company_id") == company)
info = t["companies"].filter(pl.col("company_id") == company).row(0, named=True)
industry_label = dict(state.industry_labels(f.key).iter_rows()).get(
    info["industry_id"], info["industry_id"]
)
st.subheader(f"{names[company]} · {industry_label}")
labels = dict(t["metrics"].select("metric_id", "label_en").iter_rows())
source = ui.source_line(dataset.name)

now = mine.filter(pl.col("year") == f.year)
if now.height:
    c = now.row(0, named=True)
    k1, k2, k3, k4 = st.columns(4)
    k1.metric("Score", f"{c['score']:.1f}", None if c["change"] is None else f"{c['change']:+.1f}")
    k2.metric("Margin of error (95%)", f"± {c['margin_95']:.1f}" if c["margin_95"] else "–",
              help=f"n = {c['n']}" + (" — a low base (under 50 respondents)" if c["low_base"] else ""))  # fmt: skip
    k3.metric("Rank in industry", f"{c['industry_rank']} of {c['industry_n_ranked']}")
    k4.metric(
        "Against peers (excl. itself)",
        f"{c['vs_peers']:+.1f}" if c["vs_peers"] is not None else "–",
    )
else:
    ui.empty(f"{names[company]} was not measured in {f.year}.")

industry = cached.industry_ranking(f.key, f.metric).filter(
    pl.col("industry_id") == info["industry_id"]
)
fig = charts.score_history(mine, t["waves"], industry, title="Score over time",
                           subtitle="95% band; dotted = industry; no line where nothing was measured", source=source)  # fmt: skip
ui.chart(
    fig, mine.select("year", "score", "ci_low", "ci_high", "n", "industry_rank"), "score_history"
)

history = cached.company_history(f.key, f.metric).filter(pl.col("company_id") == company)
fig = charts.rank_over_time(
    history, t["waves"], title="Rank in its industry", subtitle="1 = best", source=source
)
ui.chart(fig, history, "rank_history")

st.subheader("Which business moment to fix first")
gaps = cached.driver_gaps(f.key, company)
if gaps.is_empty():
    ui.empty("This dataset has no business-moment scores (metrics named moment_…).")
else:
    fig = charts.moment_heatmap(gaps, labels, title="Business moments against the industry's best",
                                subtitle="Points behind the best company of the industry, per wave", source=source)  # fmt: skip
    ui.chart(fig, gaps, "moment_heatmap")
    ip = cached.importance_performance(f.key, company, f.year)
    if ip.height:
        fig = charts.importance_performance(ip, labels, title="Importance and performance",
                                            subtitle=f"{f.year} · top right = important and far behind: start there",
                                            source=source)  # fmt: skip
        ui.chart(fig, ip, "importance_performance")
        focus = fix_first(ip)
        if focus.height:
            top = focus.row(0, named=True)
            st.markdown(f"**Start with {ui.safe(labels.get(top['metric_id'], top['metric_id']).lower())}**: "
                        f"{-top['gap_to_best']:.1f} points behind the industry's best, and it goes closely with the "
                        f"total score (r = {top['importance_r']:.2f}).")  # fmt: skip

st.subheader("Commercial and employer metrics against peers")
values = cached.values(f.key)
peers = t["companies"].filter(pl.col("industry_id") == info["industry_id"])["company_id"]
rows = []
for metric in (
    "ebit_margin_pct",
    "revenue_growth_pct",
    "enps",
    "staff_turnover_pct",
    "employer_attractiveness",
):
    v = values.filter(
        pl.col("metric_id") == metric,
        pl.col("year") == f.year,
        pl.col("company_id").is_in(peers.implode()),
    )
    own = v.filter(pl.col("company_id") == company)["value"]
    if v.is_empty() or own.is_empty():
        continue
    rows.append({"metric_id": metric, "label": labels.get(metric, metric), "company": own[0],
                 "peer_mean": v.filter(pl.col("company_id") != company)["value"].mean(),
                 "industry_median": v["value"].median()})  # fmt: skip
if rows:
    comparison = pl.DataFrame(rows)
    fig = charts.peer_comparison(comparison, title="Against its industry", subtitle=f"{f.year}; peers exclude the company itself",
                                 source=source)  # fmt: skip
    ui.chart(fig, comparison, "peer_comparison")
else:
    ui.empty("No commercial or employer figures for this company and wave.")

st.subheader("How its customers rate it")
if "responses" not in t:
    ui.empty("Rating distributions need respondent-level data (a responses table).")
else:
    dist = cached.rating_distribution(f.key)
    own = dist.filter(
        pl.col("company_id") == company,
        pl.col("year") == f.year,
        pl.col("metric_id") == "servicescore",
    )
    peer_ids = peers.implode()
    ind = (dist.filter(pl.col("company_id").is_in(peer_ids), pl.col("year") == f.year, pl.col("metric_id") == "servicescore")
           .group_by("rating").agg(pl.col("share_pct").mean()).sort("rating"))  # fmt: skip
    fig = charts.rating_distribution(own, ind, title="Rating distribution", subtitle=f"{f.year}; red = the bottom two boxes",
                                     source=source)  # fmt: skip
    ui.chart(fig, own, "rating_distribution")
    flags = cached.hidden_dissatisfaction(f.key).filter(
        pl.col("company_id") == company, pl.col("year") == f.year
    )
    if flags.height:
        r = flags.row(0, named=True)
        if r["hidden_dissatisfaction"]:
            st.warning(
                f"Hidden dissatisfaction: the mean ({r['mean']:.1f}) is at or above the industry median "
                f"({r['industry_median']:.1f}), yet {r['share_dissatisfied_pct']:.0f}% of respondents are in the two "
                f"lowest boxes — among the top tenth of all companies ({r['dissatisfied_threshold']:.0f}% or more). "
                "A fine average hides a large, very unhappy minority.", icon=":material/visibility:")  # fmt: skip
        else:
            st.caption(f"{r['share_dissatisfied_pct']:.0f}% of respondents are in the two lowest boxes "
                       f"(polarisation {r['polarisation']:.2f} on a 0–1 scale): no hidden-dissatisfaction flag.")  # fmt: skip

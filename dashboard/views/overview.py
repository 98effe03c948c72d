"""Overview: the board's one screen — where we stand, the key findings with their numbers and
caveats, and three small charts leading to the detail pages."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import cached, filters, state, ui
from dashboard.charts import company as company_charts
from dashboard.charts import rankings as ranking_charts
from dashboard.charts import relations as relation_charts

f = filters.current()
dataset = state.current_dataset()
t = state.tables(f.key)

st.title("Overview")
if not dataset.usable or f.year is None:
    ui.empty("No dataset to show yet: the Data page says what is missing.")
    st.stop()

names = state.company_names(f.key)
metric_labels = dict(t["metrics"].select("metric_id", "label_en").iter_rows())
st.caption(f"{dataset.name} · wave {f.year} · metric: {metric_labels.get(f.metric, f.metric)}")

# --- KPI cards -----------------------------------------------------------------------------------
industry = cached.industry_ranking(f.key, f.metric).filter(pl.col("year") == f.year)
companies = cached.company_ranking(f.key, f.metric).filter(pl.col("year") == f.year)
cards = st.columns(4)
if f.company and not companies.filter(pl.col("company_id") == f.company).is_empty():
    c = companies.filter(pl.col("company_id") == f.company).row(0, named=True)
    delta = None if c["change"] is None else f"{c['change']:+.1f} since {c['prev_year']}"
    sig = "significant" if c["change_significant"] else "within the margin"
    cards[0].metric(f"{c['name']}", f"{c['score']:.1f}", delta,
                    help=f"± {c['margin_95'] or float('nan'):.1f} (95%), n = {c['n']}. Change is {sig}.")  # fmt: skip
    cards[1].metric("Rank in industry", f"{c['industry_rank']} of {c['industry_n_ranked']}",
                    None if c["rank_change"] is None else f"{c['rank_change']:+d} places")  # fmt: skip
    cards[2].metric(
        "Against peers (excl. itself)",
        f"{c['vs_peers']:+.1f}" if c["vs_peers"] is not None else "–",
    )
    cards[3].metric("Change is", sig if c["change"] is not None else "first wave")
else:
    top, bottom = industry.row(0, named=True), industry.row(-1, named=True)
    cards[0].metric(f"Top industry: {top['label']}", f"{top['score']:.1f}",
                    help=f"± {1.96 * (top['se'] or 0):.1f} (95%)")  # fmt: skip
    cards[1].metric(f"Bottom industry: {bottom['label']}", f"{bottom['score']:.1f}",
                    help=f"± {1.96 * (bottom['se'] or 0):.1f} (95%)")  # fmt: skip
    cards[2].metric("Companies measured", f"{companies.height:,}")
    cards[3].metric(
        "Significant industry movers", int(industry["change_significant"].fill_null(False).sum())
    )
    st.caption("Choose “Our company” in the sidebar to see its own figures here.")

# --- key findings --------------------------------------------------------------------------------
st.subheader("Key findings")
found = cached.key_findings(f.key, f.company, f.year)
for row in found.iter_rows(named=True):
    st.markdown(f"- {ui.safe(row['sentence_en'])}  \n  :gray[{ui.safe(row['caveat_en'])}]")

# --- three small charts ----------------------------------------------------------------------------
source = ui.source_line(dataset.name)
left, middle, right = st.columns(3)
with left:
    fig = ranking_charts.ranking_bars(
        industry, title="Industries", source=source,
        subtitle=f"{f.year} · {industry.height} industries · 95% intervals",
    )  # fmt: skip
    fig.update_layout(height=520, margin={"l": 10})
    ui.chart(fig, industry.drop("label"), "overview_ranking")
    st.page_link("views/rankings.py", label="Industry rankings →")
with middle:
    if "commercial" in t:
        points = cached.relation_points(
            f.key, "servicescore", "ebit_margin_pct", 0, "pooled", False
        )
        stats = cached.relation(
            f.key, "servicescore", "ebit_margin_pct", 0, "pooled", "company", False
        )[0]
        now = points.filter(pl.col("year") == f.year)
        fig = relation_charts.relation_scatter(
            now, stats, "Service", "EBIT margin (%)", title="Service and margin", source=source,
            subtitle=f"{f.year} · trend over all years r = {stats['pearson_r']:.2f}, n = {stats['n']:,}",
            highlight=f.company_set,
        )  # fmt: skip
        fig.update_layout(height=520, showlegend=False)
        ui.chart(fig, now, "overview_relation", selectable=True)
        st.page_link("views/commercial.py", label="Service & commercial performance →")
    else:
        ui.empty("Add a commercial table to relate service to margins and growth.")
with right:
    if f.company:
        history = cached.company_ranking(f.key, f.metric).filter(pl.col("company_id") == f.company)
        fig = company_charts.score_history(history, t["waves"], title=names.get(f.company, ""), source=source,
                                           subtitle=f"Score with 95% band · {history.height} waves")  # fmt: skip
        table = history.select("year", "score", "ci_low", "ci_high", "n")
    else:
        bottom_ids = set(industry.tail(3)["industry_id"])
        table = cached.industry_history(f.key, f.metric).filter(
            pl.col("industry_id").is_in(bottom_ids)
        )
        fig = ranking_charts.bump_chart(table, title="Bottom three: rank over time", source=source,
                                        subtitle=f"of {industry.height} industries · gaps = no wave")  # fmt: skip
    fig.update_layout(height=520, legend={"orientation": "h", "y": -0.25, "x": 0})
    ui.chart(fig, table, "overview_history")
    st.page_link("views/company.py", label="Company profile →")

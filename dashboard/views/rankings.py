"""Industry rankings: who is on top and at the bottom, by how much, and for how long."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import cached, filters, state, ui
from dashboard.charts import rankings as charts
from metrics.rankings import side_by_side

f = filters.current()
dataset = state.current_dataset()
t = state.tables(f.key)
st.title("Industry rankings")
if not dataset.usable or f.year is None:
    ui.empty("No dataset to show yet: the Data page says what is missing.")
    st.stop()

weighting = st.radio(
    "Industry score", ["respondents", "equal", "revenue"], horizontal=True, key="weighting",
    bind="query-params", format_func={"respondents": "Weighted by respondents", "equal": "Mean of companies",
                                      "revenue": "Weighted by revenue (as ACSI)"}.get,
)  # fmt: skip
if weighting == "revenue" and "commercial" not in t:
    ui.empty("Revenue weighting needs the commercial table; showing respondent weights instead.")
    weighting = "respondents"

ranking = cached.industry_ranking(f.key, f.metric, weighting)
if f.industries:
    ranking = ranking.filter(pl.col("industry_id").is_in(f.industries))
now = ranking.filter(pl.col("year") == f.year)
source = ui.source_line(dataset.name)
tied = now.filter(pl.col("tied")).height
st.caption(
    f"Bars in the same shade are tied within the margin of error ({tied} of {now.height} industries "
    "share a tie group); ▲/▼ mark significant changes since the previous published wave."
)
fig = charts.ranking_bars(
    now, title=f"Industry ranking {f.year}",
    subtitle=f"{now.height} industries · {int(now['n_respondents'].sum() or 0):,} respondents · 95% intervals",
    source=source,
)  # fmt: skip
ui.chart(fig, now.drop("label"), "ranking_bars", file_name=f"industry_ranking_{f.year}.csv")

st.subheader("Rank across all waves")
history = cached.industry_history(f.key, f.metric, weighting)
if f.industries:
    history = history.filter(pl.col("industry_id").is_in(f.industries))
fig = charts.bump_chart(
    history, title="Rank history", subtitle="1 = best · shaded waves were not measured (no line drawn)",
    source=source, highlight=set(f.industries),
)  # fmt: skip
ui.chart(fig, history, "bump_chart", file_name="industry_rank_history.csv")

st.subheader("Years side by side")
table = side_by_side(ranking, t["waves"], f.year).join(
    state.industry_labels(f.key), on="industry_id", how="left"
)
shown = table.select(
    pl.col("label").alias("Industry"),
    *[
        pl.col(c).round(1).cast(pl.String).fill_null("NM").alias(c)
        for c in table.columns
        if c.isdigit()
    ],
    pl.col("previous_change_pct")
    .round(1)
    .cast(pl.String)
    .fill_null("NM")
    .alias("Δ% previous wave"),
    pl.col("first_change_pct").round(1).cast(pl.String).fill_null("NM").alias("Δ% first wave"),
)
st.dataframe(shown, hide_index=True, key="side_by_side")
st.caption("NM = not measured. Changes are in per cent of the earlier score, as ACSI reports them.")
st.download_button("Download the table (CSV)", data=lambda: shown.write_csv().encode("utf-8-sig"),
                   file_name=f"industries_by_year_{f.year}.csv", mime="text/csv", on_click="ignore",
                   icon=":material/download:", key="side_by_side_csv")  # fmt: skip

st.subheader("Companies within an industry")
labels = dict(state.industry_labels(f.key).iter_rows())
options = list(f.industries) or now["industry_id"].to_list()
chosen = st.selectbox("Industry", options, key="ranking_industry", format_func=lambda i: labels.get(i, i),
                      bind="query-params")  # fmt: skip
companies = (
    cached.company_ranking(f.key, f.metric)
    .filter(pl.col("year") == f.year, pl.col("industry_id") == chosen)
    .rename({"industry_rank": "rank", "industry_tie_group": "tie_group"})
)
low = companies.filter(pl.col("low_base")).height
fig = charts.ranking_bars(
    companies, key="company_id", highlight=f.company_set,
    title=f"{labels.get(chosen, chosen)} {f.year}",
    subtitle=f"{companies.height} companies · top three nominated · {low} with a low base (n < 50)",
    source=source,
)  # fmt: skip
ui.chart(
    fig,
    companies.drop("label"),
    "company_bars",
    selectable=True,
    file_name=f"companies_{chosen}_{f.year}.csv",
)

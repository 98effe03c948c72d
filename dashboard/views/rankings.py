"""Industry rankings: who is on top and at the bottom, by how much, and for how long."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import cached, figures, filters, state, ui
from dashboard.charts import common
from dashboard.charts import rankings as charts
from metrics.analytics.findings import titles
from metrics.analytics.rankings import side_by_side
from metrics.text import sheets as export_tables
from metrics.text.i18n import integer

f = filters.current()
dataset = state.current_dataset()
t = state.tables(f.key)
lang = f.lang
st.title(f.t("nav.rankings"))
if not dataset.usable or f.year is None:
    ui.empty(f.t("ui.no_data"))
    st.stop()

weighting = st.radio(
    f.t("rankings.weighting"),
    ["respondents", "equal", "revenue"],
    horizontal=True,
    key="weighting",
    bind="query-params",
    format_func=lambda w: f.t(f"rankings.weighting_{w}"),
)
if weighting == "revenue" and "commercial" not in t:
    ui.empty(f.t("rankings.no_revenue"))
    weighting = "respondents"

ranking = cached.industry_ranking(f.key, f.metric, weighting)
if weighting == "revenue" and ranking.filter(pl.col("year") == f.year).is_empty():
    # industries exist, but no company has revenue for this wave: nothing to weight by
    ui.empty(f.t("rankings.no_revenue_wave", year=f.year))
    weighting = "respondents"
    ranking = cached.industry_ranking(f.key, f.metric, weighting)
source = ui.source_line(state.dataset_name(lang))
tested = ranking["se"].is_not_null().any()
names = state.company_names(f.key)
ours_name = names.get(f.company, f.company) if f.company else None
home = t["companies"].filter(pl.col("company_id") == (f.company or ""))["industry_id"].drop_nulls()
our_industry = home[0] if home.len() else None  # our company's, chosen in the sidebar
if ranking.is_empty():  # no industries: say so, and rank the companies among themselves
    ui.empty(f.t("ui.why_no_industries"))
    companies = (
        cached.company_ranking(f.key, f.metric)
        .filter(pl.col("year") == f.year)
        .rename(
            {
                "overall_rank": "rank",
                "overall_tie_group": "tie_group",
                "overall_n_ranked": "n_ranked",
                "overall_tied_with": "tied_with",
            }
        )
        .sort("rank")
    )
    fig = charts.ranking_bars(
        companies,
        key="company_id",
        highlight=f.company_set,
        lang=lang,
        title=titles.ranking_title(
            companies,
            cached.company_ranking(f.key, f.metric).rename(
                {"overall_rank": "rank", "overall_n_ranked": "n_ranked"}
            ),
            lang,
            key="company_id",
            ours=f.company,
        ),
        subtitle=f.t("rankings.companies_overall_sub", n=companies.height, year=f.year),
        source=source,
        scale=ui.score_scale(f.key, f.metric),
    )
    ui.chart(fig, companies.drop("label"), "company_bars_overall", selectable=True)
    st.stop()
if f.industries:
    ranking = ranking.filter(pl.col("industry_id").is_in(f.industries))
now = ranking.filter(pl.col("year") == f.year)
ranked = int(now["n_ranked"].max() or 0)
caption = (
    f.t(
        "rankings.ties",
        pairs=integer(ranked * (ranked - 1) // 2, lang),
        n=ranked,
        movers=int(now["change_significant"].fill_null(False).sum()),
        shown=now.height,
    )
    if tested
    else f.t("ui.why_no_n")
)
few = now.filter(pl.col("n_companies") <= 2)
if few.height:  # an industry of one or two companies is one or two companies' score
    caption += " " + f.t("rankings.small_industries", n=few.height, names=", ".join(few["label"]))
fig = charts.ranking_bars(
    now,
    title=titles.ranking_title(now, ranking, lang, ours=our_industry),
    source=source,
    lang=lang,
    subtitle=f.t(
        "rankings.sub",
        n=now.height,
        year=f.year,
        respondents=integer(now["n_respondents"].sum() or 0, lang),
    )
    if now["n_respondents"].sum()
    else f.t("rankings.sub_no_n", n=now.height, year=f.year),
    highlight={our_industry} if our_industry else set(),
    direct={our_industry: f.t("chart.our_industry", name=ours_name)} if our_industry else None,
    scale=ui.score_scale(f.key, f.metric),
)
ui.chart(fig, now.drop("label"), "ranking_bars", file_name=f"industry_ranking_{f.year}")
st.caption(ui.safe(caption))  # how to read it, under the chart: the finding comes first

st.subheader(f.t("rankings.all_waves"))
fig, history = (
    figures.rank_history(  # the same in every wave: built once, a wave change only reads it
        f.key,
        f.metric,
        weighting,
        tuple(f.industries),
        our_industry,
        ours_name,
        lang,
        common.is_narrow(),
        source,
    )
)
ui.chart(fig, history, "bump_chart", file_name="industry_rank_history")

st.subheader(f.t("rankings.side_by_side"))
table = side_by_side(ranking, t["waves"], f.year).join(
    state.industry_labels(f.key), on="industry_id", how="left"
)
nm = f.t("rankings.nm")
shown = table.select(
    pl.col("label").alias(f.t("label.industry")),
    *[
        pl.col(c).round(1).cast(pl.String).fill_null(nm).alias(c)
        for c in table.columns
        if c.isdigit()
    ],
    pl.col("previous_change_pct")
    .round(1)
    .cast(pl.String)
    .fill_null(nm)
    .alias(f.t("rankings.delta_previous")),
    pl.col("first_change_pct")
    .round(1)
    .cast(pl.String)
    .fill_null(nm)
    .alias(f.t("rankings.delta_first")),
)
st.dataframe(shown, hide_index=True, key="side_by_side")
st.caption(f.t("rankings.nm_caption"))
st.download_button(
    f.t("ui.download_csv"),
    data=lambda: export_tables.to_csv(shown),
    file_name=f"industries_by_year_{f.year}.csv",
    mime="text/csv",
    on_click="ignore",
    icon=":material/download:",
    key="side_by_side_csv",
    **ui.download_lock(lang),
)

st.subheader(f.t("rankings.within"))
labels = dict(state.industry_labels(f.key).iter_rows())
options = list(f.industries) or now["industry_id"].to_list()
chosen = st.selectbox(
    f.t("label.industry"),
    options,
    index=options.index(our_industry) if our_industry in options else 0,
    key="ranking_industry",
    format_func=lambda i: labels.get(i, i),
    bind="query-params",
)
companies = (
    cached.company_ranking(f.key, f.metric)
    .filter(pl.col("year") == f.year, pl.col("industry_id") == chosen)
    .rename(
        {
            "industry_rank": "rank",
            "industry_tie_group": "tie_group",
            "industry_letters": "letters",
            "industry_n_ranked": "n_ranked",
            "industry_tied_with": "tied_with",
        }
    )
)
low = companies.filter(pl.col("low_base").fill_null(False)).height
nominated = state.about_of(f.key).nominations
parts = [f.t("rankings.companies_n", n=companies.height)]
if nominated:
    parts.append(f.t("rankings.nominated", n=nominated))
if companies["n"].is_not_null().any():
    parts.append(f.t("rankings.low_base", low=low))
if companies["letters"].is_not_null().any():
    parts.append(f.t("rankings.letters"))
fig = charts.ranking_bars(
    companies,
    key="company_id",
    highlight=f.company_set,
    lang=lang,
    title=titles.ranking_title(
        companies,
        cached.company_ranking(f.key, f.metric)
        .filter(pl.col("industry_id") == chosen)
        .rename({"industry_rank": "rank", "industry_n_ranked": "n_ranked"}),
        lang,
        key="company_id",
        ours=f.company,
    ),
    subtitle=" · ".join([f"{labels.get(chosen, chosen)} {f.year}", *parts]),
    source=source,
    scale=ui.score_scale(f.key, f.metric),
)
st.caption(
    f.t(
        "rankings.companies_ties",
        movers=int(companies["change_significant"].fill_null(False).sum()),
        n=companies.height,
    )
    if companies["se"].is_not_null().any()
    else f.t("ui.why_no_n")
)
ui.chart(
    fig,
    companies.drop("label"),
    "company_bars",
    selectable=True,
    file_name=f"companies_{chosen}_{f.year}",
)

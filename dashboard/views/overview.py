"""Overview: the board's one screen — where we stand, the key findings with their numbers and
caveats, and three small charts leading to the detail pages."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import cached, filters, state, ui
from dashboard.charts import company as company_charts
from dashboard.charts import rankings as ranking_charts
from dashboard.charts import relations as relation_charts
from metrics.text.i18n import integer, num

f = filters.current()
dataset = state.current_dataset()
t = state.tables(f.key)
lang = f.lang

st.title(f.t("nav.overview"))
if not dataset.usable or f.year is None:
    ui.empty(f.t("ui.no_data"))
    st.stop()

names = state.company_names(f.key)
metric_labels = state.metric_labels(f.key)
st.caption(
    f.t(
        "overview.caption",
        dataset=ui.safe(state.dataset_name(lang)),
        year=f.year,
        metric=ui.safe(metric_labels.get(f.metric, f.metric)),
    )
)

# --- KPI cards -----------------------------------------------------------------------------------
industry = cached.industry_ranking(f.key, f.metric).filter(pl.col("year") == f.year)
companies = cached.company_ranking(f.key, f.metric).filter(pl.col("year") == f.year)
cards = st.columns(4)
if f.company and not companies.filter(pl.col("company_id") == f.company).is_empty():
    c = companies.filter(pl.col("company_id") == f.company).row(0, named=True)
    delta = (
        None
        if c["change"] is None
        else f.t("overview.since", change=num(c["change"], lang, sign=True), year=c["prev_year"])
    )
    sig = f.t("overview.significant") if c["change_significant"] else f.t("overview.within_margin")
    cards[0].metric(
        ui.safe(c["name"]),
        num(c["score"], lang),
        delta,
        help=f.t(
            "overview.score_help",
            margin=num(c["margin_95"], lang),
            n=integer(c["n"], lang),
            sig=sig,
        ),
    )
    cards[1].metric(
        f.t("kpi.rank_in_industry"),
        f.t("kpi.rank_of", rank=c["industry_rank"], of=c["industry_n_ranked"]),
        None if c["rank_change"] is None else f.t("kpi.places", n=f"{c['rank_change']:+d}"),
    )
    cards[2].metric(f.t("kpi.vs_peers"), num(c["vs_peers"], lang, sign=True))
    cards[3].metric(
        f.t("overview.change_is"), sig if c["change"] is not None else f.t("overview.first_wave")
    )
else:
    top, bottom = industry.row(0, named=True), industry.row(-1, named=True)
    cards[0].metric(
        f.t("overview.top_industry", name=ui.safe(top["label"])),
        num(top["score"], lang),
        help=f.t("overview.margin_help", margin=num(1.96 * (top["se"] or 0), lang)),
    )
    cards[1].metric(
        f.t("overview.bottom_industry", name=ui.safe(bottom["label"])),
        num(bottom["score"], lang),
        help=f.t("overview.margin_help", margin=num(1.96 * (bottom["se"] or 0), lang)),
    )
    cards[2].metric(f.t("overview.companies_measured"), integer(companies.height, lang))
    cards[3].metric(
        f.t("overview.movers"), int(industry["change_significant"].fill_null(False).sum())
    )
    st.caption(f.t("overview.choose_company"))

# --- key findings --------------------------------------------------------------------------------
st.subheader(f.t("pack.findings"))
found = cached.key_findings(f.key, f.company, f.year)
for row in found.iter_rows(named=True):
    st.markdown(
        f"- {ui.safe(row[f'sentence_{lang}'])}  \n  :gray[{ui.safe(row[f'caveat_{lang}'])}]"
    )

# --- three small charts ----------------------------------------------------------------------------
source = ui.source_line(state.dataset_name(lang))
left, middle, right = st.columns(3)
with left:
    fig = ranking_charts.ranking_bars(
        industry,
        title=f.t("overview.industries"),
        source=source,
        lang=lang,
        subtitle=f.t("overview.industries_sub", year=f.year, n=industry.height),
    )
    fig.update_layout(height=520, margin={"l": 10})
    ui.chart(fig, industry.drop("label"), "overview_ranking")
    st.page_link("views/rankings.py", label=f.t("nav.rankings") + " →")
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
            now,
            stats,
            metric_labels.get("servicescore", "ServiceScore"),
            metric_labels.get("ebit_margin_pct", "EBIT margin"),
            title=f.t("overview.service_margin"),
            source=source,
            lang=lang,
            highlight=f.company_set,
            subtitle=f.t(
                "overview.service_margin_sub",
                year=f.year,
                r=num(stats["pearson_r"], lang, 2),
                n=integer(stats["n"], lang),
            ),
        )
        fig.update_layout(height=520, showlegend=False)
        ui.chart(fig, now, "overview_relation", selectable=True)
        st.page_link("views/commercial.py", label=f.t("nav.commercial") + " →")
    else:
        ui.empty(f.t("overview.no_commercial"))
with right:
    if f.company:
        history = cached.company_ranking(f.key, f.metric).filter(pl.col("company_id") == f.company)
        fig = company_charts.score_history(
            history,
            t["waves"],
            title=names.get(f.company, ""),
            source=source,
            subtitle=f.t("overview.history_sub", n=history.height),
            lang=lang,
        )
        table = history.select("year", "score", "ci_low", "ci_high", "n")
    else:
        bottom_ids = set(industry.tail(3)["industry_id"])
        table = cached.industry_history(f.key, f.metric).filter(
            pl.col("industry_id").is_in(bottom_ids)
        )
        fig = ranking_charts.bump_chart(
            table,
            title=f.t("overview.bottom_three"),
            source=source,
            lang=lang,
            subtitle=f.t("overview.bottom_three_sub", n=industry.height),
        )
    fig.update_layout(height=520, legend={"orientation": "h", "y": -0.25, "x": 0})
    ui.chart(fig, table, "overview_history")
    st.page_link("views/company.py", label=f.t("nav.company") + " →")

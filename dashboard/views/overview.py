"""Overview: the board's one screen — where we stand, the key findings with their numbers and
caveats, and three small charts leading to the detail pages."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import cached, filters, state, ui
from dashboard.charts import company as company_charts
from dashboard.charts import effects
from dashboard.charts import rankings as ranking_charts
from dashboard.charts import relations as relation_charts
from metrics.analytics.findings import relation_words
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
if f.industries:
    industry = industry.filter(pl.col("industry_id").is_in(f.industries))
    companies = companies.filter(pl.col("industry_id").is_in(f.industries))
cards = st.columns(4)
if f.company and not companies.filter(pl.col("company_id") == f.company).is_empty():
    c = companies.filter(pl.col("company_id") == f.company).row(0, named=True)
    delta = (
        None
        if c["change"] is None
        else f.t("overview.since", change=num(c["change"], lang, sign=True), year=c["prev_year"])
    )
    sig = (
        f.t("overview.untestable")
        if c["change_significant"] is None
        else f.t("overview.significant")
        if c["change_significant"]
        else f.t("overview.within_margin")
    )
    score_help = (
        f.t(
            "overview.score_help",
            margin=num(c["margin_95"], lang),
            n=integer(c["n"], lang),
            sig=sig,
        )
        if c["margin_95"] is not None
        else f.t("ui.why_no_n")
    )
    cards[0].metric(ui.safe(c["name"]), num(c["score"], lang), delta, help=score_help)
    in_industry = c["industry_rank"] is not None
    cards[1].metric(
        f.t("kpi.rank_in_industry" if in_industry else "kpi.rank_overall"),
        f.t(
            "kpi.rank_of",
            rank=c["industry_rank"] if in_industry else c["overall_rank"],
            of=c["industry_n_ranked"] if in_industry else c["overall_n_ranked"],
        ),
        None if c["rank_change"] is None else f.t("kpi.places", n=f"{c['rank_change']:+d}"),
    )
    cards[2].metric(f.t("kpi.vs_peers"), num(c["vs_peers"], lang, sign=True))
    cards[3].metric(
        f.t("overview.change_is"), sig if c["change"] is not None else f.t("overview.first_wave")
    )
else:
    # the top and the bottom industry, or with no industries the top and the bottom company
    by_industry = not industry.is_empty()
    ranked = industry if by_industry else companies.sort("overall_rank")
    margins = (pl.col("se") * 1.96) if by_industry else pl.col("margin_95")
    ranked = ranked.with_columns(margin=margins, shown=pl.col("label" if by_industry else "name"))
    for card, row, key in (
        (cards[0], ranked.row(0, named=True), "top"),
        (cards[1], ranked.row(-1, named=True), "bottom"),
    ):
        margin = row["margin"]
        card.metric(
            f.t(
                f"overview.{key}_{'industry' if by_industry else 'company'}",
                name=ui.safe(row["shown"]),
            ),
            num(row["score"], lang),
            help=f.t("overview.margin_help", margin=num(margin, lang))
            if margin is not None
            else f.t("ui.why_no_n"),
        )
    cards[2].metric(f.t("overview.companies_measured"), integer(companies.height, lang))
    movers = ranked["change_significant"]
    if movers.is_not_null().any():
        cards[3].metric(
            f.t("overview.movers"),
            int(movers.fill_null(False).sum()),
            help=f.t("overview.movers_help", n=ranked.height),
        )
    else:
        cards[3].metric(f.t("overview.movers"), "–", help=f.t("ui.why_no_change_test"))
    st.caption(f.t("overview.choose_company"))

# --- key findings --------------------------------------------------------------------------------
st.subheader(f.t("pack.findings"))
found = cached.key_findings(f.key, f.company, f.year, f.metric)
for row in found.iter_rows(named=True):
    st.markdown(
        f"- {ui.safe(row[f'sentence_{lang}'])}  \n  :gray[{ui.safe(row[f'caveat_{lang}'])}]"
    )

# --- three small charts ----------------------------------------------------------------------------
source = ui.source_line(state.dataset_name(lang))
left, middle, right = st.columns(3)
with left:
    if industry.is_empty():
        ui.empty(f.t("ui.why_no_industries"))
    else:
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
    margin = cached.headline(f.key, f.metric).margin
    view = (
        cached.relation_view(f.key, f.metric, margin, 0, "pooled", False, f.industries, f.year)
        if "commercial" in t and margin
        else None
    )
    if view is not None and view.points.is_empty():  # commercial figures, but not for this wave
        years = cached.values(f.key).filter(pl.col("metric_id") == margin)["year"].unique().sort()
        ui.empty(f.t("overview.no_commercial_wave", year=f.year, years=ui.year_span(years)))
    elif view is not None:
        now, stats = view.points, view.stats
        fig = relation_charts.relation_scatter(
            now,
            stats,
            metric_labels.get(f.metric, f.metric),
            metric_labels.get(margin, margin),
            title=f.t("overview.service_margin"),
            source=source,
            lang=lang,
            highlight=f.company_set,
            subtitle=f.t(
                "overview.service_margin_sub",
                year=f.year,
                words=relation_words(stats, lang) if stats else f.t("pack.too_few"),
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
    elif industry.is_empty():
        fig = None
        ui.empty(f.t("ui.why_no_industries"))
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
    if fig is not None:
        fig.update_layout(height=520, legend={"orientation": "h", "y": -0.25, "x": 0})
        ui.chart(fig, table, "overview_history")
    st.page_link("views/company.py", label=f.t("nav.company") + " →")

# --- within companies ------------------------------------------------------------------------------
st.subheader(f.t("overview.within"))
after = cached.headline(f.key, f.metric).after_change
within = cached.within_company(f.key, f.metric, after, f.industries)
if within.filter(pl.col("beta").is_not_null()).is_empty():
    ui.empty(f.t("finding.within_insufficient"))
else:
    fig = effects.within_company_bars(
        within,
        metric_labels,
        title=f.t("overview.within_title"),
        subtitle=f.t(
            "overview.within_sub",
            companies=integer(int(within["companies"].max() or 0), lang),
        ),
        source=source,
        lang=lang,
    )
    ui.chart(fig, within, "within_company")
    st.caption(f.t("overview.within_caption"))

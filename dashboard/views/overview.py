"""Overview: the board's one screen — a compact header line, the KPI cards, one main chart whose title
is its finding, at most three headline findings (the rest behind "More findings"), and the other
charts below it, full width or two to a row."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import cached, figures, filters, state, ui
from dashboard.charts import common
from dashboard.charts import company as company_charts
from dashboard.charts import overview as overview_charts
from dashboard.charts import rankings as ranking_charts
from dashboard.charts import relations as relation_charts
from metrics.analytics.findings import headlines
from metrics.text.i18n import integer, num

CARDS = 3  # headline findings shown as cards; the rest wait behind "More findings"
MAIN_HEIGHT = 490  # with the header and the KPI cards, the main chart fits 1440×900 (sidebar open)

f = filters.current()
dataset = state.current_dataset()
t = state.tables(f.key)
lang = f.lang

if not dataset.usable or f.year is None:
    st.title(f.t("nav.overview"))
    ui.empty(f.t("ui.no_data"))
    st.stop()

names = state.company_names(f.key)
metric_labels = state.metric_labels(f.key)
metric_label = metric_labels.get(f.metric, f.metric)
# one compact line instead of a page title: what the screen shows (the chart comes first)
st.markdown(
    "##### "
    + f.t(
        "overview.header",
        page=f.t("nav.overview"),
        dataset=ui.safe(state.dataset_name(lang)),
        year=f.year,
        metric=ui.safe(metric_label),
    )
)
industry_labels = dict(state.industry_labels(f.key).iter_rows())
ranking_all = cached.industry_ranking(f.key, f.metric)
industry = ranking_all.filter(pl.col("year") == f.year)
companies = cached.company_ranking(f.key, f.metric).filter(pl.col("year") == f.year)
if f.industries:
    ranking_all = ranking_all.filter(pl.col("industry_id").is_in(f.industries))
    industry = industry.filter(pl.col("industry_id").is_in(f.industries))
    companies = companies.filter(pl.col("industry_id").is_in(f.industries))
industry = industry.sort("rank")
ours = companies.filter(pl.col("company_id") == f.company) if f.company else companies.head(0)
c = ours.row(0, named=True) if ours.height else None


def card(column, label: str, value: str, caption: str, delta=None, help=None) -> None:
    """A KPI card with a short label; the name it is about as a caption that wraps (never cut)."""
    with column:
        st.metric(label, value, delta, help=help)
        if caption:
            st.caption(caption)


# --- KPI cards: ours lead when a company is chosen -------------------------------------------------
cards = st.columns(4)
if c is not None:
    sig = (
        f.t("overview.untestable")
        if c["change_significant"] is None
        else f.t("overview.significant")
        if c["change_significant"]
        else f.t("overview.within_margin")
    )
    delta = (
        None
        if c["change"] is None
        else f.t("overview.since", change=num(c["change"], lang, sign=True), year=c["prev_year"])
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
    card(
        cards[0],
        f.t("overview.kpi_score"),
        num(c["score"], lang),
        ui.safe(c["name"]),
        delta,
        score_help,
    )
    in_industry = c["industry_rank"] is not None
    card(
        cards[1],
        f.t("kpi.rank_in_industry" if in_industry else "kpi.rank_overall"),
        f.t(
            "kpi.rank_of",
            rank=c["industry_rank"] if in_industry else c["overall_rank"],
            of=c["industry_n_ranked"] if in_industry else c["overall_n_ranked"],
        ),
        ui.safe(industry_labels.get(c["industry_id"], "")) if in_industry else "",
        None if c["rank_change"] is None else f.t("kpi.places", n=f"{c['rank_change']:+d}"),
    )
    card(
        cards[2],
        f.t("overview.kpi_vs_peers"),
        num(c["vs_peers"], lang, sign=True),
        f.t("overview.kpi_vs_peers_caption", k=c["peer_companies"] or 0)
        if c["vs_peers"] is not None
        else f.t("finding.company_alone"),
    )
    mine = industry.filter(pl.col("industry_id") == c["industry_id"])
    if mine.height:
        r = mine.row(0, named=True)
        card(
            cards[3],
            f.t("overview.kpi_our_industry"),
            f.t("kpi.rank_of", rank=r["rank"], of=industry.height),
            f.t("overview.kpi_our_industry_caption", industry=ui.safe(r["label"])),
        )
    else:
        card(cards[3], f.t("overview.companies_measured"), integer(companies.height, lang), "")
else:
    # the top and the bottom industry, or with no industries the top and the bottom company
    by_industry = not industry.is_empty()
    ranked = industry if by_industry else companies.sort("overall_rank")
    margins = (pl.col("se") * 1.96) if by_industry else pl.col("margin_95")
    ranked = ranked.with_columns(margin=margins, shown=pl.col("label" if by_industry else "name"))
    kind = "industry" if by_industry else "company"
    for column, row, key in (
        (cards[0], ranked.row(0, named=True), "top"),
        (cards[1], ranked.row(-1, named=True), "bottom"),
    ):
        margin = row["margin"]
        card(
            column,
            f.t(f"overview.kpi_{key}_{kind}"),
            num(row["score"], lang),
            ui.safe(row["shown"]),
            help=f.t("overview.margin_help", margin=num(margin, lang))
            if margin is not None
            else f.t("ui.why_no_n"),
        )
    card(cards[2], f.t("overview.companies_measured"), integer(companies.height, lang), "")
    movers = ranked["change_significant"]
    if movers.is_not_null().any():
        card(
            cards[3],
            f.t("overview.kpi_movers"),
            integer(int(movers.fill_null(False).sum()), lang),
            f.t(f"overview.kpi_movers_caption_{kind}", n=ranked.height),
            help=f.t("overview.movers_help", n=ranked.height),
        )
    else:
        card(cards[3], f.t("overview.kpi_movers"), "–", "", help=f.t("ui.why_no_change_test"))

source = ui.source_line(state.dataset_name(lang))
found = cached.key_findings(f.key, f.company, f.year, f.metric)

# what every chart below is drawn from besides the view (`figures.shared` keeps them for these)
inputs = (f.metric, f.year, f.industries, f.company, f.highlight, source, common.is_narrow())


def main_chart() -> figures.Built:
    """The industry ranking (ours marked), or with no industries our company's own history."""
    if not industry.is_empty():
        own = c["industry_id"] if c is not None and c["industry_rank"] is not None else None
        said = headlines.ranking_title(ranking_all, f.year, lang, ours=own)
        fig = ranking_charts.ranking_bars(
            industry,
            title=said.title,
            source=source,
            lang=lang,
            subtitle=said.subtitle,
            highlight={own} if own else None,
            direct={own: overview_charts.our_label(c["name"], c["score"], lang)} if own else None,
            scale=ui.score_scale(f.key, f.metric),
        )
        if own is not None:
            overview_charts.mark_company(fig, industry, own, c["score"], c["name"], lang)
        fig.update_layout(height=MAIN_HEIGHT, margin={"l": 10})
        # every industry named (a category axis drops every other label when rows are tight)
        fig.update_yaxes(tickfont={"size": 11}, dtick=1)
        return fig, industry.drop("label")
    history = cached.company_ranking(f.key, f.metric).filter(pl.col("company_id") == f.company)
    said = headlines.history_title(history, f.year, lang)
    fig = company_charts.score_history(
        history,
        t["waves"],
        title=said.title,
        subtitle=said.subtitle,
        source=source,
        lang=lang,
        name=c["name"],
        scale=ui.score_scale(f.key, f.metric),
    )
    fig.update_layout(height=MAIN_HEIGHT)
    return fig, history.select("year", "score", "ci_low", "ci_high", "n")


# --- the main chart, full width, then the headline findings -------------------------------------
with st.container():
    if not industry.is_empty():
        ui.chart(*figures.shared("overview_main", f.key, inputs, main_chart), "overview_ranking")
        st.page_link("views/rankings.py", label=f.t("nav.rankings") + " →")
    elif c is not None:  # no industries: our company's own history is the main chart
        ui.chart(*figures.shared("overview_main", f.key, inputs, main_chart), "overview_history")
    else:
        ui.empty(f.t("ui.why_no_industries"))
for column, row in zip(st.columns(CARDS), found.head(CARDS).iter_rows(named=True), strict=False):
    with column, st.container(border=True, height="stretch"):
        st.markdown(f"**{ui.safe(row[f'headline_{lang}'])}**")
        st.caption(ui.safe(row[f"sentence_{lang}"]))
if c is None:
    st.caption(f.t("overview.choose_company"))
if found.height:
    with st.expander(f.t("overview.more_findings", n=found.height), key="more_findings"):
        for row in found.iter_rows(named=True):
            st.markdown(
                f"- **{ui.safe(row[f'headline_{lang}'])}**  \n  {ui.safe(row[f'sentence_{lang}'])}"
                f"  \n  :gray[{ui.safe(row[f'caveat_{lang}'])}]"
            )

# --- the other charts, full width: nothing squeezed (titles, labels and buttons whole) ------------
with st.container():
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

        def relation_chart(view=view) -> figures.Built:
            now, stats = view.points, view.stats
            y_label = metric_labels.get(margin, margin)
            said = headlines.relation_title(stats, metric_label, y_label, f.year, lang)
            fig = relation_charts.relation_scatter(
                now,
                stats,
                metric_label,
                y_label,
                title=said.title,
                source=source,
                lang=lang,
                highlight=set(f.highlight),
                ours=f.company,
                subtitle=said.subtitle,
            )
            fig.update_layout(height=520, showlegend=False)
            return fig, now

        shown = figures.shared("overview_relation", f.key, inputs, relation_chart)
        ui.chart(*shown, "overview_relation", selectable=True)
        st.page_link("views/commercial.py", label=f.t("nav.commercial") + " →")
    else:
        ui.empty(f.t("overview.no_commercial"))


def history_chart() -> figures.Built:
    """Our company's score over the waves beside its industry's, or with no company chosen the
    three bottom industries' ranks; None when there is nothing to say."""
    if f.company:
        history = cached.company_ranking(f.key, f.metric).filter(pl.col("company_id") == f.company)
        said = headlines.history_title(history, f.year, lang)
        if said is None:
            return None
        mine = ranking_all.filter(pl.col("industry_id") == c["industry_id"]) if c else None
        fig = company_charts.score_history(
            history,
            t["waves"],
            mine,
            title=said.title,
            subtitle=said.subtitle,
            source=source,
            lang=lang,
            name=names.get(f.company),
            scale=ui.score_scale(f.key, f.metric),
        )
        table = history.select("year", "score", "ci_low", "ci_high", "n")
    else:
        bottom_ids = set(industry.tail(3)["industry_id"])
        table = cached.industry_history(f.key, f.metric).filter(
            pl.col("industry_id").is_in(bottom_ids)
        )
        said = headlines.stuck_title(table, lang)
        if said is None:
            return None
        fig = ranking_charts.bump_chart(
            table, title=said.title, source=source, lang=lang, subtitle=said.subtitle
        )
        fig.update_layout(legend={"orientation": "h", "y": -0.25, "x": 0})
    fig.update_layout(height=520)
    return fig, table


with st.container():
    if industry.is_empty():
        ui.empty(f.t("ui.why_no_industries"))
    else:
        shown = figures.shared("overview_history", f.key, inputs, history_chart)
        if shown is not None:
            ui.chart(*shown, "overview_history")
    st.page_link("views/company.py", label=f.t("nav.company") + " →")

# --- within companies ------------------------------------------------------------------------------
# pooled over every wave: built once, a wave change only reads it
within = figures.within_company(f.key, f.metric, f.industries, lang, common.is_narrow(), source)
if within is None:
    ui.empty(f.t("finding.within_insufficient"))
else:
    ui.chart(*within, "within_company")
    st.caption(f.t("overview.within_caption"))

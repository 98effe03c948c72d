"""The analytics the pages show, computed once per dataset and parameters (`st.cache_data`).

Every function takes the dataset's key (not the data), so the cache stays small and a filter change
reruns in milliseconds once a view has been seen. A view of an upload is kept in its session instead
(`state.session_memo`): a process-wide cache would keep it after the session ended.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import polars as pl
import streamlit as st

from dashboard import state
from dashboard.export import boardpack
from metrics.aggregate import RATING_COUNTS
from metrics.analytics import dissatisfaction, drivers, findings, rankings, relations, views

CACHE = {"show_spinner": False, "max_entries": 256}


def by_view(shared: Callable | None = None, *, resource: bool = False, **options):
    """`st.cache_data` (or `st.cache_resource`) for the views of named datasets and the sample;
    the session's own memo for a view of its upload."""

    def wrap(func: Callable) -> Callable:
        cache = st.cache_resource if resource else st.cache_data
        cached = cache(**(options or CACHE))(func)

        @functools.wraps(func)
        def call(key: str, *args):
            if state.is_upload_key(key):
                return state.session_memo(func.__name__, (key, *args), lambda: func(key, *args))
            return cached(key, *args)

        call.clear = cached.clear  # type: ignore[attr-defined]
        return call

    return wrap(shared) if shared is not None else wrap


@by_view
def industry_ranking(key: str, metric: str, weighting: str = "respondents") -> pl.DataFrame:
    return views.industry_ranking(state.tables(key), metric, weighting, state.lang_of(key))


@by_view
def industry_history(key: str, metric: str, weighting: str = "respondents") -> pl.DataFrame:
    return views.industry_history(industry_ranking(key, metric, weighting), state.tables(key))


@by_view
def company_ranking(key: str, metric: str) -> pl.DataFrame:
    return views.company_ranking(state.tables(key), metric, state.lang_of(key))


@by_view
def company_history(key: str, metric: str) -> pl.DataFrame:
    return rankings.rank_history(
        company_ranking(key, metric),
        state.tables(key)["waves"],
        entity="company_id",
        rank="industry_rank",
        n_ranked="industry_n_ranked",
    )


@by_view(resource=True, show_spinner=False, max_entries=32)
def values(key: str) -> pl.DataFrame:
    return views.metric_values(state.tables(key))


@by_view
def relation(key: str, x: str, y: str, lag: int, mode: str, level: str, monopolies: bool) -> dict:
    """The relation's statistics as a dict (one row), or per year as a frame's dicts."""
    exclude = None if not monopolies else False
    stats = relations.relation(
        values(key), state.tables(key)["companies"], x, y, lag, level, mode, exclude
    )
    return stats.to_dicts()


@by_view
def lead_lag(key: str, service: str, outcome: str, monopolies: bool) -> pl.DataFrame:
    exclude = None if not monopolies else False
    return relations.lead_lag(
        values(key), state.tables(key)["companies"], service, outcome, exclude_no_link=exclude
    )


@by_view
def relation_points(
    key: str, x: str, y: str, lag: int, mode: str, monopolies: bool
) -> pl.DataFrame:
    """The points of a company-level relation, with name, industry, revenue (bubble), n and margin."""
    return views.relation_points(
        state.tables(key),
        values(key),
        company_ranking(key, "servicescore"),
        x,
        y,
        lag,
        mode,
        monopolies,
        state.lang_of(key),
    )


@by_view
def quartile_gap(
    key: str, outcomes: tuple[str, ...], within_industry: bool = False
) -> pl.DataFrame:
    present = set(values(key)["metric_id"].unique())
    wanted = [o for o in outcomes if o in present]
    if not wanted:
        return pl.DataFrame()
    return relations.quartile_gap(
        values(key), state.tables(key)["companies"], wanted, within_industry=within_industry
    )


@by_view
def quadrants(key: str, employer: str) -> pl.DataFrame:
    return views.quadrants(state.tables(key), values(key), employer, state.lang_of(key))


@by_view
def quadrant_transitions(key: str, employer: str) -> pl.DataFrame:
    years = rankings.published_years(state.tables(key)["waves"])
    return relations.transition_counts(relations.quadrant_movement(quadrants(key, employer), years))


@by_view
def correlation_matrix(key: str, metrics: tuple[str, ...]) -> pl.DataFrame:
    present = set(values(key)["metric_id"].unique())
    chosen = [m for m in metrics if m in present]
    return relations.correlation_matrix(values(key), state.tables(key)["companies"], chosen)


@by_view
def pooled_findings(key: str) -> pl.DataFrame:
    """The findings over all waves (bootstraps): once per view, whatever the wave or company."""
    return findings.pooled_findings(state.tables(key))


@by_view
def key_findings(key: str, company_id: str | None, year: int | None) -> pl.DataFrame:
    return findings.key_findings(
        state.tables(key), company_id=company_id, year=year, pooled=pooled_findings(key)
    )


@by_view
def hidden_dissatisfaction(key: str) -> pl.DataFrame:
    t = state.tables(key)
    return dissatisfaction.dissatisfaction(t[RATING_COUNTS], t["companies"])


@by_view
def rating_distribution(key: str) -> pl.DataFrame:
    return dissatisfaction.rating_distribution(state.tables(key)[RATING_COUNTS])


@by_view
def importance_performance(key: str, company_id: str, year: int) -> pl.DataFrame:
    t = state.tables(key)
    return drivers.importance_performance(t["service_scores"], t["companies"], company_id, year)


@by_view
def driver_gaps(key: str, company_id: str) -> pl.DataFrame:
    """Each moment/dimension per wave: the company's score minus its industry's best that wave."""
    t = state.tables(key)
    companies = t["companies"]
    industry = companies.filter(pl.col("company_id") == company_id)["industry_id"]
    if industry.is_empty():
        return pl.DataFrame()
    peers = companies.filter(pl.col("industry_id") == industry[0])["company_id"].implode()
    scores = t["service_scores"].filter(
        pl.col("metric_id").str.starts_with("moment_") & pl.col("company_id").is_in(peers)
    )
    best = scores.group_by("metric_id", "year").agg(best=pl.col("value").max())
    own = scores.filter(pl.col("company_id") == company_id).join(best, on=["metric_id", "year"])
    order = {m: i for i, m in enumerate(t["metrics"]["metric_id"])}
    return own.with_columns(gap_to_best=pl.col("value") - pl.col("best")).sort(
        pl.col("metric_id").replace_strict(order, default=999), "year"
    )


@by_view(resource=True, show_spinner=False, max_entries=16)
def board_pack(
    key: str,
    dataset_name: str,
    year: int | None,
    company: str | None,
    industry: str | None,
    metric: str,
) -> boardpack.BoardPack:
    """The board pack's content for this view (names already anonymised when the key says so)."""
    return boardpack.build(
        state.tables(key),
        dataset_name,
        year=year,
        company=company,
        industry=industry,
        metric=metric,
        lang=state.lang_of(key),
    )

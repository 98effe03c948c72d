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
from metrics.analytics import (
    dissatisfaction,
    drivers,
    findings,
    mirror,
    panel,
    rankings,
    relations,
    views,
)
from metrics.analytics.roles import Roles
from metrics.analytics.roles import roles as metric_roles
from metrics.schema import Headline

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
    t = state.tables(key)
    return views.industry_ranking(t, metric, weighting, state.lang_of(key), _two_points(key))


def _two_points(key: str) -> bool:
    """Whether the dataset declares SKI's rule (a change over 2 points where no sd is known)."""
    return state.about_of(key).change_rule == "two_points"


@by_view
def industry_history(key: str, metric: str, weighting: str = "respondents") -> pl.DataFrame:
    return views.industry_history(industry_ranking(key, metric, weighting), state.tables(key))


@by_view
def company_ranking(key: str, metric: str) -> pl.DataFrame:
    return views.company_ranking(state.tables(key), metric, state.lang_of(key), _two_points(key))


@by_view
def company_history(key: str, metric: str, among: str = "industry") -> pl.DataFrame:
    """Each company's rank per wave in its industry, or (`among="all"`) among all companies."""
    prefix = "overall" if among == "all" else "industry"
    return rankings.rank_history(
        company_ranking(key, metric),
        state.tables(key)["waves"],
        entity="company_id",
        rank=f"{prefix}_rank",
        n_ranked=f"{prefix}_n_ranked",
    )


@by_view(resource=True, show_spinner=False, max_entries=32)
def values(key: str) -> pl.DataFrame:
    return views.metric_values(state.tables(key))


@by_view(resource=True, show_spinner=False, max_entries=32)
def roles(key: str) -> Roles:
    """Which metric plays which part in this dataset (from its catalogue and its data)."""
    t = state.tables(key)
    if "metrics" not in t or "service_scores" not in t:  # an unusable dataset plays no parts
        return Roles(None, (), (), (), {})
    return metric_roles(t["metrics"], values(key))


def headline(key: str, service: str | None = None) -> Headline:
    """The metrics this dataset's findings and pack lead with, the service metric chosen first."""
    return roles(key).headline(service)


@by_view
def relation_view(
    key: str,
    x: str,
    y: str,
    lag: int,
    mode: str,
    monopolies: bool,
    industries: tuple[str, ...] = (),
    year: int | None = None,
) -> views.RelationView:
    """A company-level relation's points under the page's filters and the statistics of exactly
    those points (what the chart draws and what its subtitle says)."""
    return views.relation_view(
        state.tables(key),
        values(key),
        company_ranking(key, x),
        x,
        y,
        lag,
        mode,
        monopolies,
        industries,
        year,
        state.lang_of(key),
    )


def _exclude(monopolies: bool) -> bool | None:
    """The page's switch: monopolies and authorities in (False), else by the metrics (None)."""
    return False if monopolies else None


@by_view
def cross_lagged(
    key: str,
    service: str,
    outcome: str,
    mode: str,
    monopolies: bool,
    industries: tuple[str, ...] = (),
    year: int | None = None,
) -> pl.DataFrame:
    return panel.cross_lagged(
        values(key),
        state.tables(key)["companies"],
        service,
        outcome,
        "pooled" if mode == "per_year" else mode,
        _exclude(monopolies),
        list(industries),
        year,
    )


@by_view
def relation_levels(
    key: str,
    service: str,
    outcome: str,
    lag: int,
    monopolies: bool,
    industries: tuple[str, ...] = (),
    year: int | None = None,
) -> pl.DataFrame:
    return panel.relation_levels(
        values(key),
        state.tables(key)["companies"],
        service,
        outcome,
        lag,
        _exclude(monopolies),
        industries,
        year,
    )


@by_view
def within_company(
    key: str, service: str, outcomes: tuple[str, ...], industries: tuple[str, ...] = ()
) -> pl.DataFrame:
    """What follows a year after a company's service rises, per outcome present."""
    t = state.tables(key)
    companies = t["companies"]
    if industries:
        companies = companies.filter(pl.col("industry_id").is_in(list(industries)))
    return findings.within_company_estimates(values(key), companies, service, list(outcomes))


@by_view
def quartile_gap(
    key: str,
    service: str,
    outcomes: tuple[str, ...],
    within_industry: bool = False,
    monopolies: bool = False,
    lag: int = 0,
    industries: tuple[str, ...] = (),
    year: int | None = None,
) -> pl.DataFrame:
    present = set(values(key)["metric_id"].unique())
    wanted = [o for o in outcomes if o in present]
    if not wanted:
        return pl.DataFrame(schema=relations.QUARTILE_SCHEMA)
    return relations.quartile_gap(
        values(key),
        state.tables(key)["companies"],
        wanted,
        service,
        within_industry=within_industry,
        exclude_no_link=_exclude(monopolies),
        lag=lag,
        industries=industries,
        year=year,
    )


@by_view
def quadrants(
    key: str, employer: str, service: str, industries: tuple[str, ...] = ()
) -> pl.DataFrame:
    return views.quadrants(
        state.tables(key), values(key), employer, service, state.lang_of(key), industries
    )


@by_view
def quadrant_stats(
    key: str, employer: str, service: str, year: int | None, industries: tuple[str, ...] = ()
) -> dict | None:
    """The correlation over exactly the quadrant chart's company-years of the wave."""
    rows = quadrants(key, employer, service, industries).filter(pl.col("year") == year)
    return views.quadrant_stats(rows)


@by_view
def quadrant_transitions(
    key: str, employer: str, service: str, industries: tuple[str, ...] = ()
) -> pl.DataFrame:
    years = rankings.published_years(state.tables(key)["waves"])
    moves = mirror.quadrant_movement(quadrants(key, employer, service, industries), years)
    return mirror.transition_counts(moves)


@by_view
def correlation_matrix(
    key: str, metrics: tuple[str, ...], industries: tuple[str, ...] = (), year: int | None = None
) -> pl.DataFrame:
    """Every pair on its own points (the same exclusions as each pair's own relation)."""
    present = set(values(key)["metric_id"].unique())
    chosen = [m for m in metrics if m in present]
    return relations.correlation_matrix(
        values(key), state.tables(key)["companies"], chosen, industries, year
    )


@by_view
def pooled_findings(key: str, service: str | None = None) -> pl.DataFrame:
    """The findings over all waves (bootstraps): once per view and service metric, whatever the
    wave or company."""
    return findings.pooled_findings(state.tables(key), headline=headline(key, service))


@by_view
def key_findings(
    key: str, company_id: str | None, year: int | None, service: str | None = None
) -> pl.DataFrame:
    return findings.key_findings(
        state.tables(key),
        company_id=company_id,
        year=year,
        pooled=pooled_findings(key, service),
        headline=headline(key, service),
    )


@by_view
def hidden_dissatisfaction(key: str, metric: str) -> pl.DataFrame:
    t = state.tables(key)
    return dissatisfaction.dissatisfaction(
        t[RATING_COUNTS], t["companies"], metric, t["service_scores"]
    )


@by_view
def rating_distribution(key: str) -> pl.DataFrame:
    return dissatisfaction.rating_distribution(state.tables(key)[RATING_COUNTS])


@by_view
def importance_performance(key: str, company_id: str, year: int, total: str) -> pl.DataFrame:
    t = state.tables(key)
    return drivers.importance_performance(
        t["service_scores"], t["companies"], company_id, year, total
    )


@by_view
def driver_gaps(key: str, company_id: str, total: str) -> pl.DataFrame:
    """Each component of the total (business moments where the dataset has them) per wave: the
    company's score minus its industry's best that wave."""
    t = state.tables(key)
    companies = t["companies"]
    industry = companies.filter(pl.col("company_id") == company_id)["industry_id"]
    if industry.is_empty():
        return pl.DataFrame()
    peers = companies.filter(pl.col("industry_id") == pl.lit(industry[0], pl.String))[
        "company_id"
    ].implode()
    kinds = drivers.driver_kinds(t["service_scores"], total)
    kind = "moment" if "moment" in kinds.values() else "item"
    components = [m for m, k in kinds.items() if k == kind or kind == "item"]
    scores = t["service_scores"].filter(
        pl.col("metric_id").is_in(components) & pl.col("company_id").is_in(peers)
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
        headline=headline(key, metric),
        about=state.about_of(key),
    )

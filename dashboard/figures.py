"""Finished charts shared between reruns and sessions (`st.cache_resource`). Those that do not depend
on the wave are built once per view, so a wave change redraws only what it changes; `shared` keeps
any other chart of a page for the inputs it is drawn from, so a second session opening the same
view (a board opening one link) does not build it again. A shared figure is finished when it is
made (its source line split off, its margins fitted), so `ui.chart` only reads it and the table
beside it; nothing may change either afterwards."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import cached, state
from dashboard.charts import common, effects, margins
from dashboard.charts import rankings as ranking_charts
from metrics.analytics.findings import headlines, titles
from metrics.text.i18n import tr


def _finished(fig: go.Figure) -> go.Figure:
    common.split_source(fig)
    return margins.fit(fig)


Built = tuple[go.Figure, Any] | None


def shared(name: str, key: str, inputs: tuple[Hashable, ...], build: Callable[[], Built]) -> Built:
    """The chart `name` of view `key` (a figure and the table it draws, or None), built by `build`
    the first time these `inputs` ask for it and finished. `inputs` must name everything `build`
    draws from besides the view (wave, filters, our company, language, source line, screen): the
    cache knows nothing else. `build` calls no Streamlit element. An upload's charts stay in its
    session (`state.session_memo`), as its analytics do."""
    if state.is_upload_key(key):
        return state.session_memo(f"figure:{name}", (key, *inputs), lambda: _finish_built(build()))
    return _shared(name, key, inputs, build)


@st.cache_resource(show_spinner=False, max_entries=256)
def _shared(name: str, key: str, inputs: tuple, _build: Callable[[], Built]) -> Built:
    return _finish_built(_build())


def _finish_built(built: Built) -> Built:
    return None if built is None else (_finished(built[0]), built[1])


@cached.by_view(resource=True, show_spinner=False, max_entries=64)
def rank_history(
    key: str,
    metric: str,
    weighting: str,
    industries: tuple[str, ...],
    ours: str | None,
    ours_name: str | None,
    lang: str,
    narrow: bool,
    source: str,
) -> tuple[go.Figure, pl.DataFrame]:
    """The industries' rank in every wave (`ranking_charts.bump_chart`), our industry `ours`
    labelled with our company's name, with the table it draws; `narrow`: drawn for a phone (part of
    the key, as the chart wraps its texts to the screen)."""
    history = cached.industry_history(key, metric, weighting)
    if industries:
        history = history.filter(pl.col("industry_id").is_in(list(industries)))
    fig = ranking_charts.bump_chart(
        history,
        title=titles.history_title(history, lang),
        subtitle=tr("rankings.history_sub", lang, n=int(history["n_ranked"].max() or 0)),
        source=source,
        highlight={ours} if ours else set(),
        direct={ours: tr("chart.our_industry", lang, name=ours_name)} if ours else None,
        lang=lang,
    )
    return _finished(fig), history


@cached.by_view(resource=True, show_spinner=False, max_entries=64)
def within_company(
    key: str,
    metric: str,
    industries: tuple[str, ...],
    lang: str,
    narrow: bool,
    source: str,
) -> tuple[go.Figure, pl.DataFrame] | None:
    """What follows a year after a company's service rises (`effects.within_company_bars`, pooled
    over all waves), with its estimates, or None when no outcome has one; `narrow` as for
    `rank_history`."""
    within = cached.within_company(
        key, metric, cached.headline(key, metric).after_change, industries
    )
    labels = state.metric_labels(key)
    said = headlines.within_title(within, labels, lang)
    if said is None:
        return None
    fig = effects.within_company_bars(
        within,
        labels,
        title=said.title,
        subtitle=said.subtitle,
        source=source,
        lang=lang,
    )
    return _finished(fig), within

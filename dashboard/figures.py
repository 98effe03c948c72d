"""Charts that do not depend on the wave, built once per view and shared between reruns and sessions
(`st.cache_resource`): a wave change redraws only what it changes. A shared figure is finished when
it is made (its source line split off, its margins fitted), so `ui.chart` only reads it and the
table beside it; nothing may change either afterwards."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard import cached, state
from dashboard.charts import common, effects, margins
from dashboard.charts import rankings as ranking_charts
from metrics.analytics.findings import headlines, titles
from metrics.text.i18n import tr


def _finished(fig: go.Figure) -> go.Figure:
    common.split_source(fig)
    return margins.fit(fig)


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

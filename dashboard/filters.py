"""The filters every page shares, in the sidebar and in the URL: wave, service metric, industries,
our company and the highlighted companies. A link with a value that does not exist falls back to
the default and says so."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
import streamlit as st

from dashboard import state
from metrics.rankings import published_years

HIGHLIGHT = "highlight"


@dataclass(frozen=True)
class Filters:
    key: str
    year: int | None
    metric: str
    industries: tuple[str, ...]
    company: str | None
    highlight: tuple[str, ...]

    @property
    def company_set(self) -> set[str]:
        return set(self.highlight) | ({self.company} if self.company else set())


def _check_link(key: str, valid: set[str], many: bool = False) -> None:
    """Say so when the URL asks for something this dataset does not have (the widget then drops
    it and falls back to its default)."""
    if key not in st.query_params:
        return
    given = st.query_params.get_all(key) if many else [st.query_params[key]]
    unknown = [v for v in given if v not in valid and v != ""]
    if unknown:
        st.warning(
            f"The link asked for {key} = {', '.join(unknown)[:80]}, which this dataset does not "
            "have; showing the default instead.",
            icon=":material/link_off:",
        )


def sidebar() -> Filters:
    """Draw the shared filters (call before page.run()) and return their values."""
    key = state.dataset_key()
    t = state.tables(key)
    years = published_years(t["waves"]) if "waves" in t else []
    metrics = t["metrics"] if "metrics" in t else pl.DataFrame(schema={"metric_id": pl.String})
    scores = t.get("service_scores")
    present = set(scores["metric_id"].unique()) if scores is not None else set()
    service = [
        m for m in metrics.filter(pl.col("domain") == "service")["metric_id"] if m in present
    ]
    labels = (
        dict(metrics.select("metric_id", "label_en").iter_rows())
        if "label_en" in metrics.columns
        else {}
    )
    industries = state.industry_labels(key)
    industry_names = dict(industries.iter_rows())
    names = state.company_names(key)
    companies = sorted(names, key=lambda c: names[c].lower())

    # bound widgets put the option *as displayed* in the URL (?company=Alfa%20Bank)
    _check_link("wave", {str(y) for y in years})
    _check_link("metric", {labels.get(m, m) for m in service})
    _check_link("company", {names[c] for c in companies})
    _check_link("industries", set(industry_names.values()), many=True)
    _check_link(HIGHLIGHT, {names[c] for c in companies}, many=True)

    with st.sidebar:
        year = st.selectbox("Wave", years[::-1], index=0 if years else None, key="wave",
                            bind="query-params", help="Survey year (cancelled waves are not listed).")  # fmt: skip
        metric = st.selectbox("Service metric", service, index=0 if service else None, key="metric",
                              format_func=lambda m: labels.get(m, m), bind="query-params")  # fmt: skip
        chosen_industries = st.multiselect(
            "Industries", list(industry_names), key="industries", format_func=lambda i: industry_names.get(i, i),
            placeholder="All industries", bind="query-params",
        )  # fmt: skip
        company = st.selectbox(
            "Our company", companies, index=None, key="company", format_func=lambda c: names.get(c, c),
            placeholder="Search for a company…", bind="query-params",
            help="Type to search. The overview and the company profile follow this choice.",
        )  # fmt: skip
        highlight = st.multiselect(
            "Highlighted companies", companies, key=HIGHLIGHT, format_func=lambda c: names.get(c, c),
            placeholder="Select points in a chart, or pick here", bind="query-params",
            help="Selecting points in a chart (click, box or lasso) highlights them on every page.",
        )  # fmt: skip
    return Filters(
        key, year, metric or "servicescore", tuple(chosen_industries), company, tuple(highlight)
    )


def current() -> Filters:
    """The filters as set in this run (the sidebar has already been drawn by the app)."""
    return st.session_state["_filters"]

"""The filters every page shares, in the sidebar and in the URL: wave, service metric, industries,
our company and the highlighted companies. A link with a value that does not exist falls back to
the default and says so."""

from __future__ import annotations

import time
from dataclasses import dataclass

import streamlit as st

from dashboard import state
from dashboard.text import safe
from metrics.analytics.rankings import published_years
from metrics.text.i18n import LANGS, LANGUAGE_NAMES, integer, lang_of, tr

HIGHLIGHT = "highlight"
SEARCH = "company_search"
MAX_OPTIONS = 2000
"""Companies offered at once in the company pickers. A browser takes over a minute to redraw a
picker whose options grow to 200,000; beyond this many a search box narrows the list first."""


@dataclass(frozen=True)
class Filters:
    key: str
    year: int | None
    metric: str
    industries: tuple[str, ...]
    company: str | None
    highlight: tuple[str, ...]
    lang: str = "en"
    anonymised: bool = False
    present: bool = False

    @property
    def company_set(self) -> set[str]:
        return set(self.highlight) | ({self.company} if self.company else set())

    def t(self, key: str, **values: object) -> str:
        """The text for `key` in this view's language."""
        return tr(key, self.lang, **values)


def _check_link(key: str, valid: set[str], lang: str, many: bool = False) -> None:
    """Say so when the URL asks for something this dataset does not have (the widget then drops
    it and falls back to its default). The value is the link's, anyone's: shown escaped, never as
    Markdown (a link or an image inside the app's own warning)."""
    if key not in st.query_params:
        return
    given = st.query_params.get_all(key) if many else [st.query_params[key]]
    unknown = [v for v in given if v not in valid and v != ""]
    if unknown:
        st.warning(
            tr("filters.bad_link", lang, key=key, value=safe(", ".join(unknown)[:80])),
            icon=":material/link_off:",
        )


def language() -> str:
    """The language asked for so far (before the sidebar's switch is drawn): session, else link."""
    return lang_of(st.session_state.get("lang") or st.query_params.get("lang"))


def view_options() -> tuple[str, bool, bool]:
    """Language, anonymised names and presentation mode: the first widgets of the sidebar, bound to
    the URL (?lang=sv&anon=true&present=true)."""
    with st.sidebar:
        # kept in the URL by hand, as ?lang=sv (a bound widget would write the label, "Svenska")
        if "lang" not in st.session_state:
            st.session_state["lang"] = lang_of(st.query_params.get("lang"))
        lang = (
            st.segmented_control(
                "Språk / Language",
                list(LANGS),
                key="lang",
                required=True,
                format_func=LANGUAGE_NAMES.get,
            )
            or "en"
        )
        if st.query_params.get("lang", "en") != lang:
            st.query_params["lang"] = lang
        dataset_picker(lang)
        anonymised = st.toggle(
            tr("filters.anonymise", lang),
            key="anon",
            bind="query-params",
            help=tr("filters.anonymise_help", lang),
        )
        present = st.toggle(
            tr("filters.present", lang),
            key="present",
            bind="query-params",
            help=tr("filters.present_help", lang),
        )
    return lang, anonymised, present


def dataset_picker(lang: str) -> None:
    """The named datasets of datasets.toml (bound to ?dataset=NAME), when there are any besides the
    sample; a database's read time and a refresh button; a plain message when it cannot be read."""
    named, problem = state.catalogue()
    if problem:
        st.warning(tr("filters.catalogue_problem", lang, problem=safe(problem.render(lang))))
    if len(named) < 2:
        return
    # kept in the URL by hand, as ?dataset=NAME (a bound widget would write the label)
    if state.NAMED_KEY not in st.session_state or st.session_state[state.NAMED_KEY] not in named:
        asked = st.query_params.get("dataset")
        if asked and asked not in named:
            st.warning(tr("access.not_allowed", lang))  # unknown or not for this user: same words
        st.session_state[state.NAMED_KEY] = asked if asked in named else "sample"
    st.selectbox(
        tr("filters.dataset", lang),
        list(named),
        key=state.NAMED_KEY,
        format_func=lambda n: named[n].label if n != "sample" else tr("state.sample", lang),
        help=tr("filters.dataset_help", lang),
    )
    name = state.chosen_name()
    if st.query_params.get("dataset", "sample") != name:
        if name == "sample":
            del st.query_params["dataset"]
        else:
            st.query_params["dataset"] = name
    if name == "sample":
        return
    _, problem, read_at = state.named_status()
    failure = state.say(problem, lang) if problem else None
    if failure and state.kept_after_failure():
        when = time.strftime("%H:%M:%S", time.localtime(read_at))
        st.warning(tr("state.kept", lang, problem=safe(failure), time=when).capitalize())
    elif failure:
        st.error(
            tr("filters.dataset_failed", lang, name=safe(named[name].label), problem=safe(failure))
        )
    if named[name].is_database:
        when = time.strftime("%H:%M:%S", time.localtime(read_at)) if read_at else "–"
        left, right = st.columns([3, 2], vertical_alignment="center")
        left.caption(tr("filters.read_at", lang, time=when, ttl=named[name].ttl_seconds // 60))
        if right.button(tr("filters.refresh", lang), key="refresh_dataset"):
            state.refresh(name)
            st.rerun()


def _ours(base: str) -> str | None:
    """The real id of the company chosen as ours, before its widget is drawn, from the session or
    the link. With names anonymised the picker lists anonymous ids and labels; a choice among them
    is turned back into the real company here, so that ours keeps its real name."""
    real = state.company_names(state.view_key(base))
    anonymous = state.anonymous_names(base)
    by_anon_id = dict(anonymous.select("anon_id", "company_id").iter_rows())
    by_label = {
        **{n: c for c, n in real.items()},
        **dict(anonymous.select("anon_name", "company_id").iter_rows()),
    }
    chosen = st.session_state.get("company")
    found = chosen if chosen in real else by_anon_id.get(chosen)
    if found is None and chosen is None:
        found = by_label.get(st.query_params.get("company"))
    if found is not None and found != chosen:
        st.session_state["company"] = found
    return found


def sidebar(options: tuple[str, bool, bool]) -> Filters:
    """Draw the shared filters (after `view_options()`, before page.run()) and return them."""
    lang, anonymised, present = options
    base = state.dataset_key()
    ours = _ours(base) if anonymised else None
    key = state.view_key(base, lang, anonymised, ours)
    t = state.tables(key)
    years = published_years(t["waves"]) if "waves" in t else []
    scores = t.get("service_scores")
    present_metrics = set(scores["metric_id"].unique()) if scores is not None else set()
    from dashboard import cached  # the sidebar is drawn before any page: no import cycle

    roles = cached.roles(key)
    service = [roles.service, *roles.components] if roles.service else []
    service = [m for m in service if m in present_metrics]  # the headline first: the default
    labels = state.metric_labels(key)
    industries = state.industry_labels(key)
    industry_names = dict(industries.iter_rows())
    names = state.company_names(key)
    companies = sorted(names, key=lambda c: names[c].lower())

    # bound widgets put the option *as displayed* in the URL (?company=Alfa%20Bank)
    _check_link("wave", {str(y) for y in years}, lang)
    _check_link("metric", {labels.get(m, m) for m in service}, lang)
    _check_link("company", {names[c] for c in companies}, lang)
    _check_link("industries", set(industry_names.values()), lang, many=True)
    _check_link(HIGHLIGHT, {names[c] for c in companies}, lang, many=True)

    with st.sidebar:
        year = st.selectbox(
            tr("filters.wave", lang),
            years[::-1],
            index=0 if years else None,
            key="wave",
            bind="query-params",
            help=tr("filters.wave_help", lang),
        )
        metric = st.selectbox(
            tr("filters.metric", lang),
            service,
            index=0 if service else None,
            key="metric",
            format_func=lambda m: labels.get(m, m),
            bind="query-params",
        )
        chosen_industries = st.multiselect(
            tr("filters.industries", lang),
            list(industry_names),
            key="industries",
            format_func=lambda i: industry_names.get(i, i),
            placeholder=tr("filters.all_industries", lang),
            bind="query-params",
        )
        offered = _offered(companies, names, lang)
        company = st.selectbox(
            tr("filters.company", lang),
            offered,
            index=None,
            key="company",
            format_func=lambda c: names.get(c, c),
            placeholder=tr("filters.company_placeholder", lang),
            bind="query-params",
            help=tr("filters.company_help", lang),
        )
        highlight = st.multiselect(
            tr("filters.highlight", lang),
            offered,
            key=HIGHLIGHT,
            format_func=lambda c: names.get(c, c),
            placeholder=tr("filters.highlight_placeholder", lang),
            bind="query-params",
            help=tr("filters.highlight_help", lang),
        )
    return Filters(
        key,
        year,
        metric or (service[0] if service else ""),
        tuple(chosen_industries),
        company,
        tuple(highlight),
        lang,
        anonymised,
        present,
    )


def _offered(companies: list[str], names: dict[str, str], lang: str) -> list[str]:
    """The companies the pickers offer: all of them, or — with more than MAX_OPTIONS — those whose
    name holds the search box's text (the first MAX_OPTIONS), always with the ones chosen now or
    named by the link, so that a choice and a permalink survive the narrowing."""
    if len(companies) <= MAX_OPTIONS:
        return companies
    query = st.text_input(
        tr("filters.find_company", lang),
        key=SEARCH,
        help=tr(
            "filters.find_company_help",
            lang,
            n=integer(len(companies), lang),
            limit=integer(MAX_OPTIONS, lang),
        ),
    )
    wanted = (query or "").strip().lower()
    matched = [c for c in companies if wanted in names[c].lower()] if wanted else companies
    by_name = {n: c for c, n in names.items()}
    linked = [st.query_params.get("company"), *st.query_params.get_all(HIGHLIGHT)]
    keep = {st.session_state.get("company"), *(st.session_state.get(HIGHLIGHT) or ())}
    keep |= {by_name[n] for n in linked if n in by_name}
    keep = {c for c in keep if c in names}
    shown = set(matched[:MAX_OPTIONS]) | keep
    return [c for c in companies if c in shown]


def current() -> Filters:
    """The filters as set in this run (the sidebar has already been drawn by the app)."""
    return st.session_state.get("_filters") or Filters(
        state.view_key(state.dataset_key()), None, "", (), None, ()
    )

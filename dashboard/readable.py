"""A chart's data as a board reads it: headers in the language with their units, names instead of
ids, internal columns left out, numbers rounded and written as the language writes them.

Pure: a frame in, a frame and its number formats out (`readable`), and the pandas Styler that
shows the formats while the cells keep their numbers (`styled`), so a table still sorts by value.
The raw frame stays on the Data page and in the chart's downloads."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd
import polars as pl
from pandas.io.formats.style import Styler

from metrics.text.i18n import TEXT, num, tr

# how a kind of number is written: decimals, and None for a year (no thousands separator)
DIGITS: dict[str, int | None] = {
    "score": 1,
    "pct": 1,
    "coef": 2,
    "p": 3,
    "count": 0,
    "year": None,
}

# column -> (text key in [table], kind of number or "text"/"flag")
COLUMNS: dict[str, tuple[str, str]] = {
    "year": ("table.year", "year"),
    "prev_year": ("table.prev_year", "year"),
    "score": ("table.score", "score"),
    "value": ("table.score", "score"),
    "prev_score": ("table.prev_score", "score"),
    "se": ("table.se", "score"),
    "ci_low": ("table.ci_low", "score"),
    "ci_high": ("table.ci_high", "score"),
    "margin": ("table.margin", "score"),
    "margin_95": ("table.margin", "score"),
    "sd": ("table.sd", "score"),
    "n": ("table.n", "count"),
    "n_respondents": ("table.n", "count"),
    "score_n": ("table.n", "count"),
    "respondents": ("table.n", "count"),
    "n_companies": ("table.companies", "count"),
    "companies": ("table.companies", "count"),
    "industry_companies": ("table.companies", "count"),
    "peer_companies": ("table.peer_companies", "count"),
    "rank": ("table.rank", "count"),
    "overall_rank": ("table.overall_rank", "count"),
    "industry_rank": ("table.industry_rank", "count"),
    "prev_rank": ("table.prev_rank", "count"),
    "rank_change": ("table.rank_change", "count"),
    "letters": ("table.letters", "text"),
    "change": ("table.change", "score"),
    "change_p_adjusted": ("table.p_adjusted", "p"),
    "change_significant": ("table.significant", "flag"),
    "low_base": ("table.low_base", "flag"),
    "share_positive_pct": ("table.share_positive", "pct"),
    "share_negative_pct": ("table.share_negative", "pct"),
    "share_pct": ("table.share", "pct"),
    "peer_mean": ("table.peer_mean", "score"),
    "vs_peers": ("table.vs_peers", "score"),
    "top3": ("table.top3", "flag"),
    "industry_mean": ("table.industry_mean", "score"),
    "industry_median": ("table.industry_median", "score"),
    "industry_best": ("table.industry_best", "score"),
    "best": ("table.industry_best", "score"),
    "gap_to_best": ("table.gap_to_best", "score"),
    "vs_industry": ("table.vs_industry", "score"),
    "company": ("table.our_company", "score"),
    "rating": ("table.rating", "count"),
    "beta": ("table.beta", "coef"),
    "p": ("table.p", "p"),
    "clear": ("table.clear", "flag"),
    "r": ("table.r", "coef"),
    "low": ("table.ci_low", "coef"),
    "high": ("table.ci_high", "coef"),
    "importance_r": ("table.importance", "coef"),
    "importance_low": ("table.importance_low", "coef"),
    "importance_high": ("table.importance_high", "coef"),
    "median_top": ("table.median_top", "coef"),
    "median_bottom": ("table.median_bottom", "coef"),
    "difference": ("table.difference", "coef"),
    "n_top": ("table.n_top", "count"),
    "n_bottom": ("table.n_bottom", "count"),
    "companies_top": ("table.companies_top", "count"),
    "companies_bottom": ("table.companies_bottom", "count"),
    "years": ("table.years", "count"),
    "service": ("table.service", "score"),
    "employer": ("table.employer", "score"),
    "x": ("table.x", "score"),
    "y": ("table.y", "score"),
    "ownership": ("table.ownership", "text"),
    "quadrant": ("table.quadrant", "text"),
    "from_quadrant": ("table.from_quadrant", "text"),
    "to_quadrant": ("table.to_quadrant", "text"),
    "best_company": ("table.best_company", "text"),
}

DROP = frozenset(
    {
        # how the statistics were computed, not what they say
        "se_sampling",
        "tau",
        "n_effective",
        "n_eff",
        "w",
        "size",
        "change_p",
        "change_rule",
        "importance_beta",
        "within_industry",
        "lag",
        "excludes_monopolies",
        "is_monopoly",
        "scale_points",
        # what the chart draws with: ties, places, shading, categories
        "tie_group",
        "tied_with",
        "tied",
        "n_ranked",
        "industry_n_ranked",
        "industry_tie_group",
        "industry_tied_with",
        "industry_tied",
        "overall_n_ranked",
        "overall_tie_group",
        "overall_tied_with",
        "overall_tied",
        "quarter",
        "status",
        "kind",
    }
)
METRIC_COLUMNS = ("metric_id", "outcome", "x_metric", "y_metric", "employer_metric")
QUADRANTS = ("quadrant", "from_quadrant", "to_quadrant")
TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Readable:
    """A table as shown: readable headers, and the decimals of each number column (None: a year)."""

    frame: pl.DataFrame
    digits: dict[str, int | None] = field(default_factory=dict)
    flags: tuple[str, ...] = ()


def _plain(text: str | None) -> str:
    """An axis title as a header: no markup, on one line."""
    return re.sub(r"\s+", " ", TAGS.sub(" ", text or "")).strip()


def _metric_header(column: str, lang: str) -> str:
    return tr(
        {"x_metric": "table.x_metric", "y_metric": "table.y_metric"}.get(column, "table.metric"),
        lang,
    )


def readable(
    table: pl.DataFrame,
    lang: str,
    *,
    companies: dict[str, str] | None = None,
    industries: dict[str, str] | None = None,
    metrics: dict[str, str] | None = None,
    axes: dict[str, str] | None = None,
) -> Readable:
    """`table` with names for ids (company, industry, metric, quadrant), internal columns dropped,
    headers in `lang` (x and y named by the chart's own axis titles in `axes`), numbers rounded.

    An id column goes when the table holds its name already; a column this module does not know
    keeps its data under a header made of its words, or of the metric it is named after."""
    companies, industries, metrics, axes = (
        companies or {},
        industries or {},
        metrics or {},
        axes or {},
    )
    cols = set(table.columns)
    exprs: list[pl.Expr] = []
    digits: dict[str, int | None] = {}
    flags: list[str] = []
    taken: set[str] = set()

    def add(expr: pl.Expr, header: str, kind: str) -> None:
        if header in taken:  # two columns under one header: the second is numbered
            header = next(f"{header} ({i})" for i in range(2, 99) if f"{header} ({i})" not in taken)
        taken.add(header)
        if kind == "flag":
            flags.append(header)
        places = DIGITS.get(kind, "none")
        if places != "none":
            digits[header] = places
            if places:
                expr = expr.cast(pl.Float64).round(places)
        exprs.append(expr.alias(header))

    def mapped(column: str, names: dict[str, str]) -> pl.Expr:
        return pl.col(column).replace_strict(names, default=pl.col(column), return_dtype=pl.String)

    # the row's name first: company, then industry, then the metric
    if "name" in cols:
        add(pl.col("name"), tr("table.company", lang), "text")
    elif "company_id" in cols:
        add(mapped("company_id", companies), tr("table.company", lang), "text")
    label_is_industry = "label" in cols and "industry_id" in cols and "metric_id" not in cols
    if "industry_label" in cols:
        add(pl.col("industry_label"), tr("table.industry", lang), "text")
    elif label_is_industry:
        add(pl.col("label"), tr("table.industry", lang), "text")
    elif "industry_id" in cols:
        add(mapped("industry_id", industries), tr("table.industry", lang), "text")
    constant_employer = (
        "employer_metric" in cols and table["employer_metric"].n_unique() == 1 and table.height
    )
    for column in METRIC_COLUMNS:
        if column not in cols or (column == "employer_metric" and constant_employer):
            continue
        if column == "metric_id" and "label" in cols and not label_is_industry:
            add(pl.col("label"), _metric_header(column, lang), "text")
        else:
            add(mapped(column, metrics), _metric_header(column, lang), "text")
    handled = {"name", "company_id", "industry_label", "industry_id", "label", *METRIC_COLUMNS}

    for column in table.columns:
        if column in handled or column in DROP:
            continue
        dtype = table.schema[column]
        key, kind = COLUMNS.get(column, ("", ""))
        if column in ("x", "y") and _plain(axes.get(column)):
            header = _plain(axes[column])
        elif column == "employer" and constant_employer:
            header = metrics.get(table["employer_metric"][0], tr(key, lang))
        elif column == "n" and ({"beta", "r"} & cols):
            header = tr("table.observations", lang)
        elif column == "n" and "importance_r" in cols:
            header = tr("table.n_importance", lang)
        elif key:
            header = tr(key, lang)
        elif column in metrics:
            header, kind = metrics[column], "score"
        else:
            header = column.replace("_", " ").strip().capitalize()
        if column in ("se", "ci_low", "ci_high") and not ({"score", "x", "y"} & cols):
            kind = "coef"  # the interval of a coefficient, with the coefficient's decimals
        if not kind:
            kind = "coef" if dtype.is_float() else "count" if dtype.is_integer() else "text"
        if column in QUADRANTS:
            expr = pl.col(column).replace_strict(
                {q: tr(f"quadrant.{q}", lang) for q in _quadrants()},
                default=pl.col(column),
                return_dtype=pl.String,
            )
        elif column == "ownership":
            expr = mapped(column, _ownership(lang))
        elif column == "best_company":
            expr = mapped(column, companies)
        else:
            expr = pl.col(column)
        if kind in ("text", "flag") or not (dtype.is_numeric()):
            kind = "flag" if dtype == pl.Boolean else "text"
        add(expr, header, kind)
    return Readable(table.select(exprs), digits, tuple(flags))


def _quadrants() -> list[str]:
    return [k.split(".", 1)[1] for k in TEXT if k.startswith("quadrant.")]


def _ownership(lang: str) -> dict[str, str]:
    prefix = "table.ownership_"
    return {k.removeprefix(prefix): tr(k, lang) for k in TEXT if k.startswith(prefix)}


def styled(shown: Readable, lang: str) -> Styler:
    """The table for `st.dataframe`: every number written as `lang` writes it (Swedish: decimal
    comma, a space between thousands; a year plain), a missing one as "–". The cells keep their
    numbers, so a column sorts by value, not by its text."""
    frame: pd.DataFrame = shown.frame.to_pandas()
    formats = {}
    for header, places in shown.digits.items():
        if places is None:
            formats[header] = lambda v: "–" if pd.isna(v) else str(int(v))
        else:
            formats[header] = lambda v, d=places: "–" if pd.isna(v) else num(v, lang, d)
    yes, no = tr("table.yes", lang), tr("table.no", lang)
    for header in shown.flags:
        formats[header] = lambda v: "–" if v is None or v is pd.NA else yes if v else no
    return frame.style.format(formats, na_rep="–")

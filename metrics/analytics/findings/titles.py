"""Chart titles that state the finding (the Financial Times way): the sentence a chart proves, with
its number, generated from the same frames the chart draws, in English and Swedish. The words never
claim more than the evidence allows: a lead is a lead only when the pairwise tests tell the leader
apart; a link is a link only when its interval leaves out zero; without respondent counts no
margin is claimed; with one wave no "n of n waves" is said. The statistics themselves (r, interval,
n, method, correction) go to the subtitle (`relation_subtitle`, `matrix_subtitle`).

Pure Polars: no Streamlit, no Plotly. Texts by key in the `[titles]` section of messages.toml.
"""

from __future__ import annotations

import math

import polars as pl

from metrics.analytics.comparisons import benjamini_hochberg
from metrics.analytics.findings.words import ordinal, strength
from metrics.text.i18n import integer, interval, num, percent, tr

ALPHA = 0.05


def _r(value: float, lang: str) -> str:
    """r with two decimals and a true minus sign."""
    return num(value, lang, 2).replace("-", "−")


def _place(rank: int, lang: str) -> str:
    return ordinal(rank) if lang == "en" else str(rank)


def _entity(key: str) -> str:
    return "company" if key == "company_id" else "industry"


def ranking_title(
    now: pl.DataFrame,
    history: pl.DataFrame | None,
    lang: str,
    key: str = "industry_id",
    label: str = "label",
    ours: str | None = None,
) -> str:
    """'Pharmacies lead; Telecom operators have ranked last in 11 of 11 waves'. `now`: one wave's
    ranking (rank, n_ranked, tied_with, `label`); `history`: every wave's ranking of the same
    entities (key, year, rank, n_ranked), for how long the bottom one has been last; `ours`: the key
    of our industry or company, named with its place when it is neither top nor bottom."""
    data = now.filter(pl.col("rank").is_not_null()).sort("rank")
    kind = _entity(key)
    if data.is_empty():
        return tr("titles.nothing_ranked", lang)
    top = data.row(0, named=True)
    if data.height == 1:
        return tr("titles.only_one", lang, top=top[label])
    tied = top.get("tied_with")
    if top["rank"] != 1:  # a filtered view: its top is not the leader, and its ties are the wave's
        first = tr(
            f"titles.ours_place_{kind}",
            lang,
            ours=top[label],
            rank=_place(top["rank"], lang),
            n=top["n_ranked"],
        )
    elif tied is None:  # no standard errors: no test, so no lead is claimed, only the highest
        first = tr(f"titles.highest_{kind}", lang, top=top[label])
    elif tied > 0:
        first = tr("titles.share_top", lang, top=top[label], k=tied)
    else:
        first = tr(f"titles.lead_{kind}", lang, top=top[label])
    bottom = data.row(-1, named=True)
    mine = data.filter(pl.col(key) == ours) if ours else data.clear()
    if mine.height and mine[key][0] not in (top[key], bottom[key]):
        row = mine.row(0, named=True)
        second = tr(
            f"titles.ours_place_{kind}",
            lang,
            ours=row[label],
            rank=_place(row["rank"], lang),
            n=row["n_ranked"],
        )
        return f"{first}; {second}"
    return f"{first}; {_last(bottom, history, key, label, kind, lang)}"


def _last(bottom: dict, history: pl.DataFrame | None, key: str, label: str, kind: str, lang: str):
    """'Telecom operators have ranked last in 11 of 11 waves', or with one wave 'rank last'."""
    if bottom["rank"] != bottom["n_ranked"]:  # a filtered view: its bottom is not the last
        return tr(
            f"titles.ours_place_{kind}",
            lang,
            ours=bottom[label],
            rank=_place(bottom["rank"], lang),
            n=bottom["n_ranked"],
        )
    # the waves up to the one shown: a title for 2016 does not count 2025
    until = pl.col("year") <= bottom["year"] if "year" in bottom else pl.lit(True)
    own = (
        history.filter(pl.col(key) == bottom[key], pl.col("rank").is_not_null(), until)
        if history is not None
        else None
    )
    waves = own.height if own is not None else 0
    if waves <= 1:
        return tr(f"titles.last_{kind}", lang, bottom=bottom[label])
    last = own.filter(pl.col("rank") == pl.col("n_ranked")).height
    return tr(f"titles.last_waves_{kind}", lang, bottom=bottom[label], last=last, waves=waves)


def history_title(
    history: pl.DataFrame, lang: str, key: str = "industry_id", label: str = "label"
) -> str:
    """'Pharmacies first in 9 of 12 waves, Telecom operators last in 11 of 11' over the entities
    drawn; with one wave 'One wave so far: … first, … last'; when the drawn entities hold neither
    the first nor the last place (a filter), the range of places of the best of them."""
    ranked = history.filter(pl.col("rank").is_not_null())
    if ranked.is_empty():
        return tr("titles.nothing_ranked", lang)
    latest = ranked.filter(pl.col("year") == ranked["year"].max()).sort("rank")
    top, bottom = latest.row(0, named=True), latest.row(-1, named=True)
    name = (
        {k: v for k, v in ranked.select(key, label).iter_rows()} if label in ranked.columns else {}
    )
    top_name, bottom_name = name.get(top[key], top[key]), name.get(bottom[key], bottom[key])
    waves = ranked["year"].n_unique()
    if waves <= 1:
        return tr("titles.history_one", lang, top=top_name, bottom=bottom_name)
    own_top = ranked.filter(pl.col(key) == top[key])
    own_bottom = ranked.filter(pl.col(key) == bottom[key])
    if top["rank"] != 1 or bottom["rank"] != bottom["n_ranked"] or top[key] == bottom[key]:
        return tr(
            "titles.history_range",
            lang,
            name=top_name,
            best=_place(int(own_top["rank"].min()), lang),
            worst=_place(int(own_top["rank"].max()), lang),
            waves=own_top.height,
        )
    return tr(
        "titles.history",
        lang,
        top=top_name,
        first=own_top.filter(pl.col("rank") == 1).height,
        top_waves=own_top.height,
        bottom=bottom_name,
        last=own_bottom.filter(pl.col("rank") == pl.col("n_ranked")).height,
        bottom_waves=own_bottom.height,
    )


def relation_title(stats: dict | None, y: str, lang: str, when: str = "") -> str:
    """'Better service goes with higher EBIT margin — a weak link (r = 0.19)'; 'No clear link between
    service and eNPS' when the interval includes zero; without an interval only r, said as such.
    `y`: the outcome as used inside a sentence; `when`: ' in 2021', appended where one wave is shown."""
    r = stats.get("pearson_r") if stats else None
    low = stats.get("pearson_boot_low") if stats else None
    high = stats.get("pearson_boot_high") if stats else None
    level = strength(r, low, high)
    if level == "insufficient":
        return tr("titles.relation_none", lang, y=y, when=when)
    if level == "open":
        return tr("titles.relation_open", lang, y=y, r=_r(r, lang), when=when)
    if level == "unclear":
        return tr("titles.relation_unclear", lang, y=y, when=when)
    return tr(
        "titles.relation_link",
        lang,
        y=y,
        direction=tr("titles.higher" if r > 0 else "titles.lower", lang),
        strength=tr(f"strength.{level}", lang),
        r=_r(r, lang),
        when=when,
    )


def relation_subtitle(stats: dict | None, lang: str, n_points: int = 0) -> str:
    """'r = 0.19 (95% CI 0.12 to 0.26) · n = 1,954 from 183 companies · bootstrap over companies'."""
    if not stats or stats.get("pearson_r") is None:
        return tr("titles.too_few_sub", lang, n=integer(n_points, lang))
    low, high = stats.get("pearson_boot_low"), stats.get("pearson_boot_high")
    return tr(
        "titles.relation_sub"
        if low is not None and high is not None
        else "titles.relation_sub_open",
        lang,
        r=_r(stats["pearson_r"], lang),
        ci=interval(low, high, lang),
        n=integer(stats["n"], lang),
        companies=integer(stats.get("clusters") or stats["n"], lang),
    )


def yearly_r(points: pl.DataFrame, x: str = "x", y: str = "y") -> pl.DataFrame:
    """Pearson r and n of the points of each year (what one frame of an animation draws): year, r,
    n; r is null below three points or where a variable does not vary."""
    if points.is_empty():
        return pl.DataFrame(schema={"year": pl.Int64, "r": pl.Float64, "n": pl.UInt32})
    both = points.filter(pl.col(x).is_not_null() & pl.col(y).is_not_null())
    out = both.group_by("year").agg(r=pl.corr(x, y), n=pl.len()).sort("year")
    return out.with_columns(
        r=pl.when((pl.col("n") >= 3) & pl.col("r").is_finite()).then(pl.col("r"))
    )


def year_subtitle(year: int, r: float | None, n: int, lang: str) -> str:
    """'2019: r = 0.21 over that year's 180 companies' (one frame's own r), or too few."""
    if r is None or (isinstance(r, float) and math.isnan(r)):
        return tr("titles.year_too_few", lang, year=year, n=integer(n, lang))
    return tr("titles.year_r", lang, year=year, r=_r(r, lang), n=integer(n, lang))


def matrix_title(
    matrix: pl.DataFrame, labels: dict[str, str], lang: str, anchor: str | None = None
) -> str:
    """The strongest pair of the correlation matrix (the `anchor` metric's pairs if given) that
    survives Benjamini–Hochberg across the matrix's pairs with an interval leaving out zero:
    'Service goes most with eNPS (r = 0.45)'; else 'No clear link …'."""
    pairs = _pairs(matrix)
    if pairs.is_empty():
        return tr("titles.matrix_none", lang)
    clear = pairs.filter(pl.col("clear"))
    if anchor is not None:
        clear = clear.filter((pl.col("x_metric") == anchor) | (pl.col("y_metric") == anchor))
    if clear.is_empty():
        return tr(
            "titles.matrix_unclear_anchor" if anchor else "titles.matrix_unclear",
            lang,
            a=labels.get(anchor, anchor) if anchor else "",
        )
    best = clear.sort(pl.col("r").abs(), descending=True).row(0, named=True)
    a, b = best["x_metric"], best["y_metric"]
    if anchor is not None and b == anchor:
        a, b = b, a
    return tr(
        "titles.matrix_best",
        lang,
        a=labels.get(a, a),
        b=labels.get(b, b),
        r=_r(best["r"], lang),
    )


def _pairs(matrix: pl.DataFrame) -> pl.DataFrame:
    """Each unordered pair once (x before y in the matrix's order) with r, its BH-adjusted p and
    whether it is clear (adjusted p < 5% and the interval leaving out zero)."""
    if matrix.is_empty():
        return matrix.with_columns(p_adjusted=pl.lit(None, pl.Float64), clear=pl.lit(False))
    names = pl.concat([matrix["x_metric"], matrix["y_metric"]]).unique(maintain_order=True)
    order = {m: i for i, m in enumerate(names)}
    pairs = matrix.filter(
        pl.col("x_metric").replace_strict(order, return_dtype=pl.Int64)
        < pl.col("y_metric").replace_strict(order, return_dtype=pl.Int64),
        pl.col("r").is_not_null(),
    )
    adjusted = benjamini_hochberg(pairs["p"].to_list()) if pairs.height else []
    pairs = pairs.with_columns(p_adjusted=pl.Series(adjusted, dtype=pl.Float64))
    return pairs.with_columns(
        clear=(pl.col("p_adjusted") < ALPHA).fill_null(False)
        & ((pl.col("low") > 0) | (pl.col("high") < 0)).fill_null(False)
    )


def matrix_subtitle(matrix: pl.DataFrame, year: int, lang: str) -> str:
    """'2025 · 15 pairs · clear = 95% bootstrap interval leaves out zero and Benjamini–Hochberg 5%
    across the 15 pairs (6 clear)'."""
    pairs = _pairs(matrix)
    return tr(
        "titles.matrix_sub",
        lang,
        year=year,
        pairs=pairs.height,
        clear=int(pairs["clear"].sum()) if pairs.height else 0,
    )


def transition_title(counts: pl.DataFrame, lang: str) -> str:
    """'72% of company moves stay in the same quadrant from one wave to the next' (`counts`:
    from_quadrant, to_quadrant, companies), or that no movement can be shown."""
    total = int(counts["companies"].sum() or 0) if counts.height else 0
    if total == 0:
        return tr("titles.moves_none", lang)
    stay = int(counts.filter(pl.col("from_quadrant") == pl.col("to_quadrant"))["companies"].sum())
    return tr(
        "titles.moves_most" if stay * 2 > total else "titles.moves_few",
        lang,
        share=percent(stay / total, lang),
        total=integer(total, lang),
    )


def quartile_title(gap: pl.DataFrame, outcome: str, y: str, lang: str) -> str:
    """'EBIT margin: top service quartile +2.4 against the bottom (medians)' when the interval of
    the gap leaves out zero, else 'no clear gap' (`gap`: outcome, difference, ci_low, ci_high)."""
    row = gap.filter(pl.col("outcome") == outcome)
    if row.is_empty() or row["difference"][0] is None:
        return tr("titles.quartile_none", lang, y=y)
    diff, low, high = row["difference"][0], row["ci_low"][0], row["ci_high"][0]
    if low is None or high is None or low <= 0 <= high:
        return tr("titles.quartile_unclear", lang, y=y)
    return tr("titles.quartile_gap", lang, y=y, diff=num(diff, lang, sign=True).replace("-", "−"))

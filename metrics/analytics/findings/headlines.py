"""Chart titles that state their finding, for the Overview and the company profile: the sentence the
chart proves, with its number, and the statistics (n, interval, method) for the subtitle. Built from
the same frames the charts draw, in English and Swedish; where the data cannot carry a finding (one
wave, no interval, no industry) the title says what is there and no more.

Each function returns a `Title` (title, subtitle) or None when there is nothing to say at all.
"""

from __future__ import annotations

from typing import NamedTuple

import polars as pl

from metrics.analytics.findings.words import in_sentence, ordinal, strength
from metrics.text.i18n import integer, interval, num, tr

LEVEL = 0.05
"""A difference below this (in the metric's units) is written as 'level with'."""
LOWEST_TWO = 2
"""Ratings 1 and 2: the dissatisfied, as `dissatisfaction` counts them (the bottom two boxes)."""


class Title(NamedTuple):
    title: str
    subtitle: str


def _place(rank: int, of: int, lang: str) -> str:
    """'first', 'last', '3rd' / 'först', 'sist', 'plats 3'."""
    if rank == 1 and of > 1:
        return tr("finding.title_first", lang)
    if rank == of and of > 1:
        return tr("finding.title_last", lang)
    return ordinal(rank) if lang == "en" else tr("finding.title_place", lang, rank=rank)


def _respondents(frame: pl.DataFrame, column: str) -> int | None:
    if column not in frame.columns or frame[column].is_null().all():
        return None
    return int(frame[column].sum())


def ranking_title(
    ranking: pl.DataFrame, year: int, lang: str, ours: str | None = None
) -> Title | None:
    """The industry ranking of `year` (every wave in `ranking`, with `label`): the top and the
    bottom industry, how many waves the bottom one has been last; with `ours` (an industry id),
    where our industry stands instead."""
    now = ranking.filter(pl.col("year") == year).sort("rank")
    if now.is_empty():
        return None
    n = now.height
    top, bottom = now.row(0, named=True), now.row(-1, named=True)
    mine = now.filter(pl.col("industry_id") == ours) if ours else now.head(0)
    if mine.height:
        row = mine.row(0, named=True)
        title = tr(
            "finding.title_our_industry",
            lang,
            industry=row["label"],
            place=_place(row["rank"], n, lang),
            n=n,
            year=year,
            score=num(row["score"], lang),
        )
        about = row
    else:
        history = ranking.filter(pl.col("industry_id") == bottom["industry_id"])
        waves = history.height
        last = history.filter(pl.col("rank") == pl.col("n_ranked")).height
        key = "finding.title_ranking" if waves > 1 else "finding.title_ranking_one"
        title = tr(
            key,
            lang,
            top=top["label"],
            bottom=bottom["label"],
            n=n,
            year=year,
            last=last,
            waves=waves,
        )
        about = bottom
    people = _respondents(now, "n_respondents")
    has_ci = now["ci_low"].is_not_null().any()
    parts = [tr("finding.title_industries", lang, year=year, n=n)]
    parts.append(
        tr("finding.title_ci", lang)
        + (tr("finding.title_respondents", lang, n=integer(people, lang)) if people else "")
        if has_ci
        else tr("finding.title_no_ci", lang)
    )
    if has_ci and about["tied_with"] is not None:
        parts.append(
            tr(
                "finding.title_tied",
                lang,
                name=about["label"],
                tied=about["tied_with"],
            )
        )
    return Title(title, " · ".join(parts))


def stuck_title(history: pl.DataFrame, lang: str) -> Title | None:
    """Rank over time of the bottom industries (`history`: industry_id, label, year, rank, and
    n_ranked where known), titled by the last one of the latest wave."""
    ranked = history.filter(pl.col("rank").is_not_null())
    if ranked.is_empty():
        return None
    latest = ranked.filter(pl.col("year") == ranked["year"].max()).sort("rank")
    bottom = latest.row(-1, named=True)
    mine = ranked.filter(pl.col("industry_id") == bottom["industry_id"])
    worst = int(ranked["rank"].max())
    n = int(latest["n_ranked"].max()) if "n_ranked" in latest.columns else worst
    last = mine.filter(
        pl.col("rank") == (pl.col("n_ranked") if "n_ranked" in mine.columns else worst)
    )
    key = "finding.title_stuck" if mine.height > 1 else "finding.title_stuck_one"
    title = tr(key, lang, name=bottom["label"], last=last.height, waves=mine.height)
    return Title(title, tr("finding.title_stuck_sub", lang, n=n, waves=mine.height))


def company_title(row: dict, industry: str | None, lang: str) -> Title:
    """One company in a wave (a row of the company ranking): its score against the other companies
    of its industry, or its score alone where it has no peers."""
    gap = row.get("vs_peers")
    name, year = row["name"], row["year"]
    if gap is None:
        title = tr(
            "finding.title_company_alone", lang, name=name, score=num(row["score"], lang), year=year
        )
    else:
        key = (
            "finding.title_company_level"
            if abs(gap) < LEVEL
            else "finding.title_company_above"
            if gap > 0
            else "finding.title_company_below"
        )
        scope = "industry" if row.get("industry_id") else "all"
        peers = tr(f"finding.title_peers_{scope}", lang)
        title = tr(key, lang, name=name, gap=num(abs(gap), lang), year=year, peers=peers)
    parts = [str(year)]
    if row.get("margin_95") is not None:
        parts.append(
            tr(
                "finding.title_score_margin",
                lang,
                score=num(row["score"], lang),
                margin=num(row["margin_95"], lang),
                n=integer(row["n"], lang),
            )
        )
    else:
        parts.append(tr("finding.title_score_no_margin", lang, score=num(row["score"], lang)))
    if gap is not None and row.get("peer_mean") is not None:
        parts.append(
            tr(
                "finding.title_peers" if industry else "finding.title_peers_no_industry",
                lang,
                mean=num(row["peer_mean"], lang),
                k=row.get("peer_companies") or "–",
                industry=industry,
            )
        )
    return Title(title, " · ".join(parts))


def history_title(history: pl.DataFrame, year: int, lang: str) -> Title | None:
    """A company's score over time (its company-ranking rows): the change into `year`, in words its
    test allows."""
    rows = history.filter(pl.col("year") <= year).sort("year")
    if rows.is_empty():
        return None
    c = rows.row(-1, named=True)
    waves = rows.height
    sub = tr("finding.title_history_sub", lang, waves=waves)
    if c["change"] is None:
        title = tr(
            "finding.title_history_first",
            lang,
            name=c["name"],
            score=num(c["score"], lang),
            year=c["year"],
        )
        return Title(title, sub)
    words = dict(name=c["name"], change=num(abs(c["change"]), lang), prev=c["prev_year"])
    words["signed"] = num(c["change"], lang, sign=True)
    if c["change_significant"] is None:
        key = "finding.title_history_untested"
    elif c["change_significant"]:
        key = "finding.title_history_rose" if c["change"] > 0 else "finding.title_history_fell"
    else:
        key = "finding.title_history_within"
    return Title(tr(key, lang, **words), sub)


def rank_title(
    history: pl.DataFrame, name: str, year: int, lang: str, among: str = "industry"
) -> Title | None:
    """Rank in the industry (or, `among="all"`, among all companies) over time (year, rank,
    n_ranked): where it stands in `year` (or its latest ranked wave), and its best wave when that
    was better."""
    kind = "title_rank_all" if among == "all" else "title_rank"
    ranked = history.filter(pl.col("rank").is_not_null(), pl.col("year") <= year).sort("year")
    if ranked.is_empty():
        return None
    now = ranked.row(-1, named=True)
    best = ranked.sort(["rank", "year"], descending=[False, True]).row(0, named=True)
    words = dict(
        name=name,
        place=_place(now["rank"], now["n_ranked"], lang),
        n=now["n_ranked"],
        year=now["year"],
    )
    if best["rank"] < now["rank"]:
        words |= dict(best=_place(best["rank"], best["n_ranked"], lang), best_year=best["year"])
        title = tr(f"finding.{kind}_best", lang, **words)
    else:
        title = tr(f"finding.{kind}", lang, **words)
    return Title(title, tr(f"finding.{kind}_sub", lang, waves=ranked.height))


def moments_title(gaps: pl.DataFrame, labels: dict[str, str], year: int, lang: str) -> Title | None:
    """Business moments against the industry's best (metric_id, year, gap_to_best): the one furthest
    behind in `year`, or in the latest wave before it."""
    known = gaps.filter(pl.col("gap_to_best").is_not_null(), pl.col("year") <= year)
    if known.is_empty():
        return None
    wave = int(known["year"].max())
    worst = known.filter(pl.col("year") == wave).sort("gap_to_best").row(0, named=True)
    sub = tr("finding.title_moments_sub", lang, k=known["metric_id"].n_unique())
    if worst["gap_to_best"] >= -LEVEL:
        return Title(tr("finding.title_moments_best", lang, year=wave), sub)
    moment = labels.get(worst["metric_id"], worst["metric_id"])
    title = tr(
        "finding.title_moments",
        lang,
        moment=moment,
        gap=num(-worst["gap_to_best"], lang),
        year=wave,
    )
    return Title(title, sub)


def ip_title(focus: pl.DataFrame, labels: dict[str, str], year: int, lang: str) -> Title:
    """Importance and performance: the first moment to fix (`drivers.fix_first`), with its gap in the
    title and its importance r in the subtitle."""
    sub = tr("finding.title_ip_sub", lang, year=year)
    if focus.is_empty() or focus["gap_to_best"][0] >= -LEVEL:
        return Title(tr("finding.title_ip_none", lang, year=year), sub)
    top = focus.row(0, named=True)
    moment = labels.get(top["metric_id"], top["metric_id"])
    title = tr(
        "finding.title_ip", lang, moment=in_sentence(moment), gap=num(-top["gap_to_best"], lang)
    )
    sub = (
        tr("finding.title_ip_r", lang, moment=moment, r=num(top["importance_r"], lang, 2))
        + " · "
        + sub
    )
    return Title(title[0].upper() + title[1:], sub)


def peer_title(
    comparison: pl.DataFrame,
    higher_is_better: dict[str, bool],
    name: str,
    year: int,
    lang: str,
    lower: list[str],
) -> Title | None:
    """Metrics against peers (metric_id, company, peer_mean): on how many our company does better,
    each metric read in its own direction; `lower` names the metrics where lower is better."""
    rows = comparison.filter(pl.col("peer_mean").is_not_null())
    if rows.is_empty():
        return None
    better = sum(
        (r["company"] > r["peer_mean"]) == higher_is_better.get(r["metric_id"], True)
        and abs(r["company"] - r["peer_mean"]) >= LEVEL
        for r in rows.iter_rows(named=True)
    )
    title = tr("finding.title_peers_count", lang, name=name, k=better, m=rows.height)
    sub = tr("finding.title_peers_sub", lang, year=year)
    if lower:
        sub += " · " + tr("finding.title_lower_better", lang, metrics=", ".join(lower))
    return Title(title, sub)


def distribution_title(
    own: pl.DataFrame, industry: pl.DataFrame | None, name: str, year: int, lang: str
) -> Title | None:
    """Rating distribution (rating, share_pct, respondents): the share in the two lowest ratings,
    against the industry's average share."""
    if own.is_empty():
        return None
    low = own.filter(pl.col("rating") <= LOWEST_TWO)
    share = float(low["share_pct"].sum())
    people = int(own["respondents"].sum()) if "respondents" in own.columns else None
    words = dict(name=name, share=num(share, lang, 0), year=year)
    if industry is not None and industry.height:
        bottom = industry.filter(pl.col("rating") <= LOWEST_TWO)
        words["industry"] = num(float(bottom["share_pct"].sum()), lang, 0)
        title = tr("finding.title_distribution_vs", lang, **words)
    else:
        title = tr("finding.title_distribution", lang, **words)
    sub = tr("finding.title_distribution_sub", lang, year=year)
    if people:
        sub += " · " + tr("finding.title_n", lang, n=integer(people, lang))
    return Title(title, sub)


def within_title(estimates: pl.DataFrame, labels: dict[str, str], lang: str) -> Title | None:
    """What follows a year after a company's service rises (within-company estimates): the outcomes
    whose interval lies above zero, or that none does."""
    known = estimates.filter(pl.col("beta").is_not_null())
    if known.is_empty():
        return None
    clear = known.filter((pl.col("ci_low") > 0) | (pl.col("ci_high") < 0))
    if clear.is_empty():
        title = tr("finding.title_within_none", lang, m=known.height)
    else:
        r = clear.sort(pl.col("beta").abs(), descending=True).row(0, named=True)
        title = tr(
            "finding.title_within",
            lang,
            y=in_sentence(labels.get(r["outcome"], r["outcome"])),
            direction=tr("finding.title_rises" if r["beta"] > 0 else "finding.title_falls", lang),
            beta=num(abs(r["beta"]), lang, 2),
            k=clear.height,
            m=known.height,
        )
    companies = integer(int(known["companies"].max() or 0), lang)
    return Title(title, tr("finding.title_within_sub", lang, companies=companies))


def relation_title(stats: dict | None, x: str, y: str, year: int, lang: str) -> Title:
    """Service against an outcome in one wave (a `relations.relation` row): the link in words its
    bootstrap interval allows, r in the title, the interval and n in the subtitle."""
    x, y = in_sentence(x), in_sentence(y)
    r = None if stats is None else stats["pearson_r"]
    if r is None:
        return Title(tr("finding.title_relation_none", lang, x=x, y=y, year=year), str(year))
    low, high = stats["pearson_boot_low"], stats["pearson_boot_high"]
    level = strength(r, low, high)
    words = dict(x=x, y=y, year=year, r=num(r, lang, 2))
    if level in ("unclear", "open"):
        title = tr(f"finding.title_relation_{level}", lang, **words)
    else:
        words["direction"] = tr("finding.higher" if r > 0 else "finding.lower", lang)
        title = tr("finding.title_relation", lang, **words)
    sub = tr(
        "finding.title_relation_sub" if low is not None else "finding.title_relation_sub_open",
        lang,
        year=year,
        ci=interval(low, high, lang),
        n=integer(stats["n"], lang),
    )
    return Title(title, sub)

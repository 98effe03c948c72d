"""Slide titles that state the slide's finding with its number, computed from exactly the data the
slide draws ("2025: Pharmacies first (78.4), Telecom operators last (61.1) of 22 industries"); the
statistics (interval, n, method) stay in the subtitle. The words never claim more than the
interval allows (`findings.strength`)."""

from __future__ import annotations

import polars as pl

from metrics.analytics import findings
from metrics.text.i18n import num, tr


def ranking(now: pl.DataFrame, year: int, ours: str | None, lang: str) -> str:
    """`now`: the wave's industry ranking, sorted by rank; `ours`: our company's industry."""
    top, bottom = now.row(0, named=True), now.row(now.height - 1, named=True)
    mine = now.filter(pl.col("industry_id").eq_missing(ours)) if ours else now.clear()
    if mine.height:
        row = mine.row(0, named=True)
        return tr(
            "pack.ranking_title_ours",
            lang,
            industry=row["label"],
            rank=row["rank"],
            n=now.height,
            year=year,
            score=num(row["score"], lang),
            top=top["label"],
            top_score=num(top["score"], lang),
        )
    return tr(
        "pack.ranking_title",
        lang,
        year=year,
        top=top["label"],
        top_score=num(top["score"], lang),
        bottom=bottom["label"],
        bottom_score=num(bottom["score"], lang),
        n=now.height,
    )


def history(ranking: pl.DataFrame, industry: str | None, lang: str) -> str:
    """How often the latest wave's first and last have held those places, or our industry's path."""
    ranked = ranking.filter(pl.col("rank").is_not_null())
    years = sorted(ranked["year"].unique().to_list())
    latest = ranked.filter(pl.col("year") == years[-1]).sort("rank")
    mine = (
        ranked.filter(pl.col("industry_id").eq_missing(industry)).sort("year") if industry else None
    )
    worst = ranked.group_by("year").agg(pl.col("rank").max().alias("worst"))
    marked = ranked.join(worst, on="year")
    if mine is not None and mine.height:
        first, last = mine.row(0, named=True), mine.row(mine.height - 1, named=True)
        bottom = marked.filter(
            pl.col("industry_id").eq_missing(industry) & (pl.col("rank") == pl.col("worst"))
        ).height
        if bottom:
            return tr(
                "pack.history_title_ours_last",
                lang,
                industry=last["label"],
                j=bottom,
                m=len(years),
                last=last["rank"],
                n=latest.height,
                last_year=last["year"],
            )
        return tr(
            "pack.history_title_ours",
            lang,
            industry=last["label"],
            first=first["rank"],
            first_year=first["year"],
            last=last["rank"],
            last_year=last["year"],
        )
    top, bottom = latest["industry_id"][0], latest["industry_id"][-1]
    first = marked.filter((pl.col("industry_id") == top) & (pl.col("rank") == 1)).height
    last = marked.filter((pl.col("industry_id") == bottom) & (pl.col("rank") == pl.col("worst")))
    return tr(
        "pack.history_title",
        lang,
        top=latest["label"][0],
        k=first,
        bottom=latest["label"][-1],
        j=last.height,
        m=len(years),
    )


def link(stats: dict | None, outcome: str, year: int, lang: str) -> str:
    """'Better service goes with higher EBIT margin in 2025: a weak link', in the words its
    interval allows ('No clear link …' when it includes zero)."""
    y = findings.in_sentence(outcome)
    if not stats:
        return tr("pack.link_none", lang, y=y, year=year)
    r = stats["pearson_r"]
    level = findings.strength(r, stats["pearson_boot_low"], stats["pearson_boot_high"])
    if level in ("insufficient", "open", "unclear"):
        key = {"insufficient": "pack.link_none", "open": "pack.link_open"}.get(
            level, "pack.link_unclear"
        )
        return tr(key, lang, y=y, year=year)
    return tr(
        "pack.link_up" if r > 0 else "pack.link_down",
        lang,
        y=y,
        year=year,
        strength=tr(f"strength.{level}", lang),
    )


def within(shown: pl.DataFrame, lang: str) -> str:
    """How many outcomes clearly change a year after a company's service rises."""
    clear = int(shown["clear"].fill_null(False).sum())
    return tr("pack.within_title", lang, clear=clear, m=shown.height)


def company(row: dict | None, name: str, industry: str | None, year: int, lang: str) -> str:
    """'Havängs Telekom: 60.0 in 2025, rank 6 of 9 in Telecom operators'."""
    if row is None:
        return tr("pack.company", lang, name=name, industry=industry) if industry else name
    score = num(row["score"], lang)
    if row["industry_rank"] is not None and industry:
        return tr(
            "pack.company_title",
            lang,
            name=name,
            score=score,
            year=year,
            rank=row["industry_rank"],
            of=row["industry_n_ranked"],
            industry=industry,
        )
    return tr(
        "pack.company_title_overall",
        lang,
        name=name,
        score=score,
        year=year,
        rank=row["overall_rank"],
        of=row["overall_n_ranked"],
    )

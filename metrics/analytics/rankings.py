"""Rankings with their uncertainty: where does each industry and company stand, and is a gap or a
change real?

Scores carry a standard error (sd/√n, with Kish's effective n where the ratings are weighted) and a
95% interval; an industry's interval adds the spread between its companies. A change is compared
with the previous *published* wave (a cancelled wave is a gap, never bridged) and called significant
only when its z test survives the Benjamini–Hochberg correction across the family (a wave's
industries; an industry's companies) — or, where no sd or n exists, by the SKI rule of more than 2
points. Ties come from pairwise tests with the same correction (`comparisons`): letters say which
entities cannot be told apart, and a new shade starts where neighbours differ. A rank without its
margin overstates differences.
"""

from __future__ import annotations

from typing import Literal

import polars as pl

from metrics.aggregate import effective_n, margin_of_error
from metrics.analytics import comparisons
from metrics.analytics.stats import Z95
from metrics.schema import HEADLINE, LOW_BASE_N

Weighting = Literal["respondents", "revenue", "equal"]


def published_years(waves: pl.DataFrame) -> list[int]:
    """Survey years with a published wave, in order."""
    return waves.filter(pl.col("status") == "published")["year"].sort().to_list()


def previous_wave(waves: pl.DataFrame) -> pl.DataFrame:
    """Each published year with the previous published year (null for the first)."""
    years = published_years(waves)
    return pl.DataFrame(
        {"year": years, "prev_year": [None, *years[:-1]]},
        schema={"year": pl.Int64, "prev_year": pl.Int64},
    )


def company_scores(
    scores: pl.DataFrame, companies: pl.DataFrame, metric: str = HEADLINE.service
) -> pl.DataFrame:
    """One metric's company scores with industry, standard error (sd/√n_eff), 95% margin and
    low-base flag."""
    return (
        scores.filter(pl.col("metric_id") == metric)
        .join(companies.select("company_id", "name", "industry_id"), on="company_id", how="left")
        .with_columns(
            se=pl.when(pl.col("n") >= 2).then(pl.col("sd") / effective_n(scores).sqrt()),
            margin_95=margin_of_error(n_eff=effective_n(scores)),
            low_base=pl.col("n") < LOW_BASE_N,
        )
        .with_columns(
            ci_low=pl.col("value") - pl.col("margin_95"),
            ci_high=pl.col("value") + pl.col("margin_95"),
        )
    )


def _weights(
    frame: pl.DataFrame, weighting: Weighting, commercial: pl.DataFrame | None
) -> pl.DataFrame:
    if weighting == "respondents":
        return frame.with_columns(w=pl.col("n").cast(pl.Float64))
    if weighting == "equal":
        return frame.with_columns(w=pl.lit(1.0))
    if commercial is None:
        raise ValueError("revenue weighting needs the commercial table")
    revenue = commercial.select("company_id", pl.col("fiscal_year").alias("year"), "revenue_msek")
    return frame.join(revenue, on=["company_id", "year"], how="left").with_columns(
        w=pl.col("revenue_msek")
    )


def _rank_within(
    frame: pl.DataFrame, by: list[str], value: str, se: str, prefix: str
) -> pl.DataFrame:
    """Rank (1 = best) and number ranked within each `by` group, with what the pairwise tests say:
    the tie group (a new shade where neighbours differ), the letters (shared = cannot be told
    apart) and how many others each entity cannot be told apart from (`tied_with`, `tied`)."""
    names = [f"{prefix}{c}" for c in ("rank", "n_ranked", "tie_group", "letters", "tied_with")]
    dtypes = [pl.Int64, pl.Int64, pl.Int64, pl.String, pl.Int64]
    parts = []
    for part in frame.partition_by(by, maintain_order=True):
        part = part.sort(value, descending=True, nulls_last=True)
        ranked = int(part[value].is_not_null().sum())
        tests = comparisons.pairwise(
            part[value].head(ranked).to_list(), part[se].head(ranked).to_list()
        )
        pad = [None] * (part.height - ranked)
        columns = (
            list(range(1, part.height + 1)),
            [ranked] * part.height,
            comparisons.neighbour_groups(tests.differs) + pad,
            comparisons.letters(tests.differs) + pad,
            tests.tied_with + pad,
        )
        parts.append(
            part.with_columns(
                pl.Series(name, column, dtype)
                for name, column, dtype in zip(names, columns, dtypes, strict=True)
            )
        )
    if not parts:
        out = frame.with_columns(
            pl.lit(None, dtype).alias(name) for name, dtype in zip(names, dtypes, strict=True)
        )
    else:
        out = pl.concat(parts)
    return out.with_columns((pl.col(f"{prefix}tied_with") > 0).alias(f"{prefix}tied"))


def _with_change(
    frame: pl.DataFrame,
    waves: pl.DataFrame,
    key: list[str],
    rank: str,
    family: list[str],
    se: str = "se",
) -> pl.DataFrame:
    """Previous published wave's value and rank, the change, its two-sided p-value and whether it is
    significant after Benjamini–Hochberg across each `family` (e.g. a wave's industries)."""
    prev = previous_wave(waves)
    frame = frame.join(prev, on="year", how="left")
    earlier = frame.select(
        *key,
        pl.col("year").alias("prev_year"),
        pl.col("score").alias("prev_score"),
        pl.col(se).alias("prev_se"),
        pl.col(rank).alias("prev_rank"),
    )
    frame = frame.join(earlier, on=[*key, "prev_year"], how="left").with_columns(
        change=pl.col("score") - pl.col("prev_score"),
        rank_change=pl.col("prev_rank") - pl.col(rank),
    )
    frame = frame.with_columns(
        change_p=pl.Series(
            [
                comparisons.z_pvalue(d, s1, s2)
                for d, s1, s2 in frame.select("change", se, "prev_se").iter_rows()
            ],
            dtype=pl.Float64,
        )
    )
    parts = []
    for part in frame.partition_by(family, maintain_order=True):
        verdicts, adjusted, rules = comparisons.corrected_significance(
            part["change"].to_list(), part["change_p"].to_list()
        )
        parts.append(
            part.with_columns(
                pl.Series("change_p_adjusted", adjusted, pl.Float64),
                pl.Series("change_significant", verdicts, pl.Boolean),
                pl.Series("change_rule", rules, pl.String),
            )
        )
    if not parts:
        return frame.drop("prev_se").with_columns(
            change_p_adjusted=pl.lit(None, pl.Float64),
            change_significant=pl.lit(None, pl.Boolean),
            change_rule=pl.lit(None, pl.String),
        )
    return pl.concat(parts).drop("prev_se")


def industry_ranking(
    scores: pl.DataFrame,
    companies: pl.DataFrame,
    waves: pl.DataFrame,
    metric: str = HEADLINE.service,
    weighting: Weighting = "respondents",
    commercial: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Industry scores and ranks per published wave.

    Industry score = weighted mean of its companies' scores (weights: respondents by default, revenue
    as ACSI does, or equal). Its standard error has two parts: the respondents' sampling error of
    each company (`se_sampling` = √(Σ w²·se²)/Σ w, company estimates independent) and the spread
    between the industry's companies (`tau`, the DerSimonian–Laird between-company SD): se =
    √(Σ w²·(se² + τ²))/Σ w. The interval and the ties use `se`; a change between waves compares
    the same industry's companies, so its test uses `se_sampling`.
    Columns: industry_id, year, score, se, se_sampling, tau, ci_low, ci_high, n_companies,
    n_respondents, n_effective, rank, n_ranked, tie_group, letters, tied_with, tied, prev_year,
    prev_score, prev_rank, change, rank_change, change_p, change_p_adjusted, change_significant,
    change_rule.
    """
    frame = _weights(company_scores(scores, companies, metric), weighting, commercial)
    frame = frame.filter(
        pl.col("industry_id").is_not_null() & pl.col("w").is_not_null() & (pl.col("w") > 0)
    )
    frame = frame.filter(pl.col("year").is_in(published_years(waves)))
    w, se = pl.col("w"), pl.col("se")
    industry = (
        frame.group_by("industry_id", "year")
        .agg(
            score=(w * pl.col("value")).sum() / w.sum(),
            se_sampling=pl.when(se.null_count() == 0).then(
                ((w**2) * (se**2)).sum().sqrt() / w.sum()
            ),
            tau2=pl.when(se.null_count() == 0).then(between_variance(pl.col("value"), se)),
            w2=(w**2).sum(),
            w_sum=w.sum(),
            n_companies=pl.len().cast(pl.Int64),
            n_respondents=pl.col("n").sum().cast(pl.Int64),
            n_effective=effective_n(frame).sum(),
        )
        .with_columns(
            se=(
                (pl.col("se_sampling") ** 2) + pl.col("tau2") * pl.col("w2") / pl.col("w_sum") ** 2
            ).sqrt(),
            tau=pl.col("tau2").sqrt(),
        )
        .drop("tau2", "w2", "w_sum")
        .with_columns(
            ci_low=pl.col("score") - Z95 * pl.col("se"),
            ci_high=pl.col("score") + Z95 * pl.col("se"),
        )
        .sort("year", "industry_id")
    )
    ranked = _rank_within(industry, ["year"], "score", "se", "")
    return _with_change(ranked, waves, ["industry_id"], "rank", ["year"], "se_sampling").sort(
        "year", "rank"
    )


def between_variance(value: pl.Expr, se: pl.Expr) -> pl.Expr:
    """The DerSimonian–Laird estimate of the variance between companies' true scores (τ², points²)
    from their scores and standard errors, an aggregation: max(0, (Q − (k − 1)) / (Σ W − Σ W²/Σ W))
    with W = 1/se² and Q = Σ W·(score − weighted mean)². 0 for a single company."""
    weight = 1 / se**2
    mean = (weight * value).sum() / weight.sum()
    q = (weight * (value - mean) ** 2).sum()
    c = weight.sum() - (weight**2).sum() / weight.sum()
    k = value.count()
    return pl.when(k >= 2).then(((q - (k - 1)) / c).clip(0.0)).otherwise(0.0)


def company_ranking(
    scores: pl.DataFrame,
    companies: pl.DataFrame,
    waves: pl.DataFrame,
    metric: str = HEADLINE.service,
    weighting: Weighting = "respondents",
    commercial: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Company scores and ranks per published wave, within the industry and overall.

    Adds to each company's score: its margin and interval, a low-base flag, its rank in the industry
    and overall with what the pairwise tests say (tie group, letters, how many it cannot be told
    apart from), top-3 in its industry, the peer average of the *other* companies of its industry
    (same weighting) and its gap to it, and the change since the previous published wave
    (Benjamini–Hochberg across the industry's companies that wave).
    """
    frame = company_scores(scores, companies, metric).filter(
        pl.col("year").is_in(published_years(waves))
    )
    frame = _weights(frame, weighting, commercial).rename({"value": "score"})
    in_industry = _rank_within(
        frame.filter(pl.col("industry_id").is_not_null()),
        ["year", "industry_id"],
        "score",
        "se",
        "industry_",
    )
    overall = _rank_within(frame, ["year"], "score", "se", "overall_").select(
        "company_id",
        "year",
        "overall_rank",
        "overall_n_ranked",
        "overall_tie_group",
        "overall_tied_with",
        "overall_tied",
    )
    out = frame.join(
        in_industry.select(
            "company_id",
            "year",
            "industry_rank",
            "industry_n_ranked",
            "industry_tie_group",
            "industry_letters",
            "industry_tied_with",
            "industry_tied",
        ),
        on=["company_id", "year"],
        how="left",
    ).join(overall, on=["company_id", "year"], how="left")
    sums = [pl.col("industry_id"), pl.col("year")]
    w_total = pl.col("w").sum().over(sums)
    wv_total = (pl.col("w") * pl.col("score")).sum().over(sums)
    out = out.with_columns(
        peer_mean=pl.when(w_total - pl.col("w") > 0).then(
            (wv_total - pl.col("w") * pl.col("score")) / (w_total - pl.col("w"))
        ),
        peer_companies=(pl.len().over(sums) - 1).cast(pl.Int64),
        top3=pl.col("industry_rank") <= 3,
    ).with_columns(vs_peers=pl.col("score") - pl.col("peer_mean"))
    return _with_change(out, waves, ["company_id"], "industry_rank", ["year", "industry_id"]).sort(
        "year", "industry_id", "industry_rank"
    )


def rank_history(
    ranking: pl.DataFrame,
    waves: pl.DataFrame,
    entity: str = "industry_id",
    rank: str = "rank",
    n_ranked: str = "n_ranked",
) -> pl.DataFrame:
    """Every entity's rank in every wave, cancelled waves included as gaps (rank null, status
    'cancelled'), with the quarter it fell in: top (rank ≤ N/4), bottom (rank > 3N/4) or middle.
    Columns: entity, year, status, rank, n_ranked, score, quarter (whichever rank was passed in)."""
    grid = waves.select("year", "status").join(ranking.select(entity).unique(), how="cross")
    history = grid.join(
        ranking.select(
            entity, "year", pl.col(rank).alias("rank"), pl.col(n_ranked).alias("n_ranked"), "score"
        ),
        on=[entity, "year"],
        how="left",
    )
    quarter = (
        pl.when(pl.col("rank").is_null())
        .then(None)
        .when(pl.col("rank") <= pl.col("n_ranked") / 4)
        .then(pl.lit("top"))
        .when(pl.col("rank") > pl.col("n_ranked") * 3 / 4)
        .then(pl.lit("bottom"))
        .otherwise(pl.lit("middle"))
    )
    return history.with_columns(quarter=quarter).sort(entity, "year")


def quarter_summary(history: pl.DataFrame, entity: str = "industry_id") -> pl.DataFrame:
    """How many waves each entity was ranked, and how many of them in the top or bottom quarter:
    "near the bottom measurement after measurement" in numbers."""
    ranked = history.filter(pl.col("quarter").is_not_null())
    return (
        ranked.group_by(entity)
        .agg(
            waves_ranked=pl.len().cast(pl.Int64),
            waves_top_quarter=(pl.col("quarter") == "top").sum().cast(pl.Int64),
            waves_bottom_quarter=(pl.col("quarter") == "bottom").sum().cast(pl.Int64),
            first_year=pl.col("year").min(),
            last_year=pl.col("year").max(),
        )
        .with_columns(
            share_top=pl.col("waves_top_quarter") / pl.col("waves_ranked"),
            share_bottom=pl.col("waves_bottom_quarter") / pl.col("waves_ranked"),
        )
        .sort("share_bottom", descending=True)
    )


def side_by_side(
    ranking: pl.DataFrame, waves: pl.DataFrame, year: int, entity: str = "industry_id"
) -> pl.DataFrame:
    """ACSI-style table: one row per entity, one column per published wave (null = not measured),
    then the % change from the previous published wave and from the entity's first wave, to `year`."""
    years = [y for y in published_years(waves) if y <= year]
    wide = ranking.filter(pl.col("year").is_in(years)).pivot(
        on="year", index=entity, values="score", aggregate_function="first", sort_columns=True
    )
    cols = [str(y) for y in years if str(y) in wide.columns]
    wide = wide.select(entity, *cols)
    current = pl.col(str(year)) if str(year) in wide.columns else pl.lit(None, pl.Float64)
    previous = (
        pl.col(cols[-2]) if len(cols) >= 2 and cols[-1] == str(year) else pl.lit(None, pl.Float64)
    )
    first = pl.coalesce([pl.col(c) for c in cols]) if cols else pl.lit(None, pl.Float64)
    return wide.with_columns(
        previous_change_pct=(current / previous - 1) * 100,
        first_change_pct=(current / first - 1) * 100,
    ).sort(str(year) if str(year) in wide.columns else entity, descending=True, nulls_last=True)

"""Does service go with commercial performance and employer attractiveness? For any pair of metrics:
correlations with n and 95% intervals, at company or industry level, pooled, per year or within
industry; lead–lag; the top-vs-bottom service quartile gap; and the Satisfaction Mirror quadrants.

Association only: nothing here says what causes what. Monopolies and public authorities are left out
of relations with a commercial metric by default, because the link is not expected there.
Pooled company-level intervals come from a bootstrap over whole companies (a company observed in
eleven waves is not eleven independent observations); Fisher-z intervals are given beside them.
"""

from __future__ import annotations

from typing import Literal

import polars as pl

from metrics.analytics.stats import BOOTSTRAP, correlation_frame, median_difference
from metrics.schema import COMMERCIAL_DERIVED

Level = Literal["company", "industry"]
Mode = Literal["pooled", "per_year", "within_industry"]
COMMERCIAL_METRICS = (*COMMERCIAL_DERIVED, "revenue_msek")
VALUES_SCHEMA = {
    "company_id": pl.String,
    "year": pl.Int64,
    "metric_id": pl.String,
    "value": pl.Float64,
}


def commercial_metrics(commercial: pl.DataFrame) -> pl.DataFrame:
    """Revenue growth (consecutive fiscal years only), EBIT margin, return on assets and revenue, as
    long rows keyed by fiscal year (`year`)."""
    c = commercial.sort("company_id", "fiscal_year").with_columns(
        prev_fy=pl.col("fiscal_year").shift().over("company_id"),
        prev_rev=pl.col("revenue_msek").shift().over("company_id"),
    )
    growth = pl.when((pl.col("prev_fy") == pl.col("fiscal_year") - 1) & (pl.col("prev_rev") > 0))
    wide = c.select(
        "company_id",
        pl.col("fiscal_year").alias("year"),
        growth.then((pl.col("revenue_msek") / pl.col("prev_rev") - 1) * 100).alias(
            "revenue_growth_pct"
        ),
        pl.when(pl.col("revenue_msek") > 0)
        .then(pl.col("ebit_msek") / pl.col("revenue_msek") * 100)
        .alias("ebit_margin_pct"),
        (pl.col("ebit_msek") / pl.col("total_assets_msek") * 100).alias("roa_pct"),
        pl.col("revenue_msek"),
    )
    return (
        wide.unpivot(index=["company_id", "year"], variable_name="metric_id", value_name="value")
        .filter(pl.col("value").is_not_null() & pl.col("value").is_finite())
        .select(list(VALUES_SCHEMA))
    )


def metric_values(
    scores: pl.DataFrame,
    commercial: pl.DataFrame | None = None,
    employer: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Every metric of every company and year as long rows: company_id, year, metric_id, value.
    Commercial metrics use the fiscal year as `year` (survey year Y ↔ fiscal year Y)."""
    parts = [scores.select(list(VALUES_SCHEMA))]
    if commercial is not None:
        parts.append(commercial_metrics(commercial))
    if employer is not None:
        parts.append(employer.select(list(VALUES_SCHEMA)))
    return pl.concat([p.cast(VALUES_SCHEMA) for p in parts])


def _no_link(companies: pl.DataFrame) -> pl.Expr:
    return pl.col("is_monopoly").fill_null(False) | (pl.col("ownership") == "public_authority")


def relation_data(
    values: pl.DataFrame,
    companies: pl.DataFrame,
    x: str,
    y: str,
    lag: int = 0,
    level: Level = "company",
    mode: Mode = "pooled",
    exclude_no_link: bool | None = None,
) -> pl.DataFrame:
    """The points behind a relation: x in year t against y in year t + lag.

    Company level: one point per company and year. `within_industry` z-scores x and y within each
    industry and year (so industry differences cannot drive the result; groups of fewer than three
    companies are dropped). Industry level: the mean of each industry's companies per year.
    Monopolies and public authorities are dropped when either metric is commercial, unless
    `exclude_no_link` says otherwise.
    """
    if exclude_no_link is None:
        exclude_no_link = x in COMMERCIAL_METRICS or y in COMMERCIAL_METRICS
    xs = values.filter(pl.col("metric_id") == x).select(
        "company_id", "year", pl.col("value").alias("x")
    )
    ys = values.filter(pl.col("metric_id") == y).select(
        "company_id", (pl.col("year") - lag).alias("year"), pl.col("value").alias("y")
    )
    info = companies.select("company_id", "name", "industry_id", "ownership", "is_monopoly")
    # inner join: only the companies given take part (pass a subset to study a subset)
    data = xs.join(ys, on=["company_id", "year"]).join(info, on="company_id", how="inner")
    if exclude_no_link:
        data = data.filter(~_no_link(companies))
    data = data.filter(pl.col("x").is_finite() & pl.col("y").is_finite())
    if level == "industry":
        data = (
            data.filter(pl.col("industry_id").is_not_null())
            .group_by("industry_id", "year")
            .agg(pl.col("x").mean(), pl.col("y").mean(), companies=pl.len())
            .sort("industry_id", "year")
        )
    elif mode == "within_industry":
        group = ["industry_id", "year"]
        z = lambda c: (pl.col(c) - pl.col(c).mean().over(group)) / pl.col(c).std().over(group)  # noqa: E731
        data = (
            data.filter(pl.len().over(group) >= 3)
            .with_columns(x=z("x"), y=z("y"))
            .filter(pl.col("x").is_finite() & pl.col("y").is_finite())
        )
    return data.sort([c for c in ("company_id", "industry_id", "year") if c in data.columns])


def relation(
    values: pl.DataFrame,
    companies: pl.DataFrame,
    x: str,
    y: str,
    lag: int = 0,
    level: Level = "company",
    mode: Mode = "pooled",
    exclude_no_link: bool | None = None,
    reps: int = BOOTSTRAP,
) -> pl.DataFrame:
    """How x goes with y: n, Pearson and Spearman r with 95% intervals (Fisher z, and a bootstrap
    over whole companies or industries), p-values and the OLS slope with its interval.

    One row for `pooled` and `within_industry`, one row per year for `per_year`.
    """
    data = relation_data(values, companies, x, y, lag, level, mode, exclude_no_link)
    cluster = "industry_id" if level == "industry" else "company_id"
    by = ["year"] if mode == "per_year" else None
    stats = correlation_frame(data, by=by, cluster=None if by else cluster, reps=reps)
    if exclude_no_link is None:
        exclude_no_link = x in COMMERCIAL_METRICS or y in COMMERCIAL_METRICS
    return stats.with_columns(
        pl.lit(x).alias("x_metric"),
        pl.lit(y).alias("y_metric"),
        pl.lit(lag).alias("lag"),
        pl.lit(level).alias("level"),
        pl.lit(mode).alias("mode"),
        pl.lit(exclude_no_link).alias("excludes_monopolies"),
    )


def lead_lag(
    values: pl.DataFrame,
    companies: pl.DataFrame,
    service: str,
    outcome: str,
    mode: Mode = "pooled",
    exclude_no_link: bool | None = None,
    reps: int = BOOTSTRAP,
) -> pl.DataFrame:
    """Which way does it run? Service in year t against the outcome in t (same year), in t + 1
    (service leads), and the outcome in t against service in t + 1 (outcome leads)."""
    pairs = (
        ("same_year", service, outcome, 0),
        ("service_leads", service, outcome, 1),
        ("outcome_leads", outcome, service, 1),
    )
    rows = [
        relation(
            values, companies, x, y, lag, mode=mode, exclude_no_link=exclude_no_link, reps=reps
        ).with_columns(direction=pl.lit(direction))
        for direction, x, y, lag in pairs
    ]
    return pl.concat(rows, how="diagonal_relaxed")


def correlation_matrix(
    values: pl.DataFrame,
    companies: pl.DataFrame,
    metrics: list[str],
    exclude_no_link: bool = True,
) -> pl.DataFrame:
    """Pearson r between every pair of metrics (same company and year), with n and a Fisher-z 95%
    interval per cell. Long form: x_metric, y_metric, n, r, low, high, p."""
    wide = values.filter(pl.col("metric_id").is_in(metrics)).pivot(
        on="metric_id", index=["company_id", "year"], values="value", aggregate_function="first"
    )
    info = companies.select("company_id", "ownership", "is_monopoly")
    wide = wide.join(info, on="company_id", how="left")
    if exclude_no_link:
        wide = wide.filter(~_no_link(companies))
    rows = []
    for a in metrics:
        for b in metrics:
            if a not in wide.columns or b not in wide.columns:
                stats = correlation_frame(
                    pl.DataFrame({"x": [], "y": []}, schema={"x": pl.Float64, "y": pl.Float64}),
                    reps=0,
                )
            else:
                stats = correlation_frame(
                    wide.select(pl.col(a).alias("x"), pl.col(b).alias("y")), reps=0
                )
            rows.append(
                stats.with_columns(pl.lit(a).alias("x_metric"), pl.lit(b).alias("y_metric"))
            )
    out = pl.concat(rows)
    return out.select(
        "x_metric",
        "y_metric",
        "n",
        pl.col("pearson_r").alias("r"),
        pl.col("pearson_low").alias("low"),
        pl.col("pearson_high").alias("high"),
        pl.col("pearson_p").alias("p"),
    )


def service_quartiles(
    values: pl.DataFrame,
    companies: pl.DataFrame,
    service: str = "servicescore",
    within_industry: bool = False,
) -> pl.DataFrame:
    """Each company-year's service quartile (1 = bottom, 4 = top) within its year, or within its
    industry and year."""
    group = ["industry_id", "year"] if within_industry else ["year"]
    s = values.filter(pl.col("metric_id") == service).join(
        companies.select("company_id", "industry_id", "ownership", "is_monopoly"),
        on="company_id",
        how="left",
    )
    pct = (pl.col("value").rank("average").over(group) - 0.5) / pl.len().over(group)
    return s.with_columns(quartile=(pct * 4).floor().clip(0, 3).cast(pl.Int8) + 1).select(
        "company_id",
        "year",
        "industry_id",
        "ownership",
        "is_monopoly",
        pl.col("value").alias("service"),
        "quartile",
    )


def quartile_gap(
    values: pl.DataFrame,
    companies: pl.DataFrame,
    outcomes: list[str],
    service: str = "servicescore",
    within_industry: bool = False,
    exclude_no_link: bool = True,
    reps: int = BOOTSTRAP,
) -> pl.DataFrame:
    """Top vs bottom service quartile (within each year, or industry and year): the median of each
    outcome in both, the difference, and a 95% bootstrap interval resampling whole companies."""
    quartiles = service_quartiles(values, companies, service, within_industry)
    rows = []
    for outcome in outcomes:
        o = values.filter(pl.col("metric_id") == outcome).select(
            "company_id", "year", pl.col("value").alias("outcome")
        )
        data = quartiles.join(o, on=["company_id", "year"])
        if exclude_no_link and outcome in COMMERCIAL_METRICS:
            data = data.filter(~_no_link(companies))
        top = data.filter(pl.col("quartile") == 4)
        bottom = data.filter(pl.col("quartile") == 1)
        diff, low, high = median_difference(
            top["outcome"].to_numpy(),
            bottom["outcome"].to_numpy(),
            top["company_id"].to_numpy(),
            bottom["company_id"].to_numpy(),
            reps=reps,
        )
        rows.append(
            {
                "outcome": outcome,
                "median_top": top["outcome"].median(),
                "median_bottom": bottom["outcome"].median(),
                "difference": diff,
                "ci_low": low,
                "ci_high": high,
                "n_top": top.height,
                "n_bottom": bottom.height,
                "companies_top": top["company_id"].n_unique(),
                "companies_bottom": bottom["company_id"].n_unique(),
                "years": data["year"].n_unique(),
                "within_industry": within_industry,
            }
        )
    return pl.DataFrame(rows)


QUADRANTS = {
    (True, True): "mirror_high",  # good service, attractive employer
    (True, False): "service_only",
    (False, True): "employer_only",
    (False, False): "mirror_low",
}


def quadrants(
    values: pl.DataFrame,
    companies: pl.DataFrame,
    catalogue: pl.DataFrame,
    employer: str = "enps",
    service: str = "servicescore",
) -> pl.DataFrame:
    """The Satisfaction Mirror: each company-year split at the year's medians of service and of an
    employer metric (direction taken from the catalogue, so a better rank counts as higher)."""
    better_high = catalogue.filter(pl.col("metric_id") == employer)["higher_is_better"]
    sign = 1.0 if better_high.is_empty() or better_high[0] else -1.0
    s = values.filter(pl.col("metric_id") == service).select(
        "company_id", "year", pl.col("value").alias("service")
    )
    e = values.filter(pl.col("metric_id") == employer).select(
        "company_id", "year", pl.col("value").alias("employer")
    )
    data = s.join(e, on=["company_id", "year"]).join(
        companies.select("company_id", "name", "industry_id"), on="company_id", how="left"
    )
    high_s = pl.col("service") >= pl.col("service").median().over("year")
    high_e = (sign * pl.col("employer")) >= (sign * pl.col("employer")).median().over("year")
    labels = (
        pl.when(high_s & high_e)
        .then(pl.lit(QUADRANTS[True, True]))
        .when(high_s)
        .then(pl.lit(QUADRANTS[True, False]))
        .when(high_e)
        .then(pl.lit(QUADRANTS[False, True]))
        .otherwise(pl.lit(QUADRANTS[False, False]))
    )
    return data.with_columns(quadrant=labels, employer_metric=pl.lit(employer)).sort(
        "year", "company_id"
    )


def quadrant_movement(quadrant_rows: pl.DataFrame, years: list[int]) -> pl.DataFrame:
    """Moves between quadrants from each published wave to the next: company, from, to."""
    order = {y: i for i, y in enumerate(sorted(years))}
    q = quadrant_rows.filter(pl.col("year").is_in(list(order))).with_columns(
        wave=pl.col("year").replace_strict(order, return_dtype=pl.Int64)
    )
    prev = q.select(
        "company_id", (pl.col("wave") + 1).alias("wave"), pl.col("quadrant").alias("from_quadrant")
    )
    moves = q.join(prev, on=["company_id", "wave"]).select(
        "company_id", "name", "year", "from_quadrant", pl.col("quadrant").alias("to_quadrant")
    )
    return moves.sort("year", "company_id")


def transition_counts(moves: pl.DataFrame) -> pl.DataFrame:
    """How many company moves went from each quadrant to each other (all waves together)."""
    return (
        moves.group_by("from_quadrant", "to_quadrant")
        .agg(companies=pl.len())
        .sort("from_quadrant", "to_quadrant")
    )

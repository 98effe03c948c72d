"""Does service go with commercial performance and employer attractiveness? For any pair of metrics:
correlations with n and 95% intervals, at company or industry level, pooled, per year or within
industry; the correlation matrix; and the top-vs-bottom service quartile gap (the Satisfaction
Mirror's quadrants: `mirror`).

Association only: nothing here says what causes what (`panel` asks which way it runs and whether
it holds within a company). Monopolies and public authorities are left out of relations with a
commercial metric by default, because the link is not expected there. Every statistic is computed
on exactly the points `relation_data` returns for the same arguments (industries, wave, lag, mode,
exclusion), so a chart's subtitle describes what the chart draws. Pooled company-level intervals
come from a bootstrap over whole companies (a company observed in eleven waves is not eleven
independent observations); no Fisher-z interval is given for pooled company-years.
"""

from __future__ import annotations

from typing import Literal

import polars as pl

from metrics.analytics.stats import BOOTSTRAP, correlation_frame, median_difference
from metrics.schema import (
    COMMERCIAL_DERIVED,
    EBIT_MARGIN,
    GROWTH,
    NET_MARGIN,
    RETURN_ON_ASSETS,
    REVENUE,
)

Level = Literal["company", "industry"]
Mode = Literal["pooled", "per_year", "within_industry"]
COMMERCIAL_METRICS = (*COMMERCIAL_DERIVED, REVENUE)
VALUES_SCHEMA = {
    "company_id": pl.String,
    "year": pl.Int64,
    "metric_id": pl.String,
    "value": pl.Float64,
}


def commercial_metrics(commercial: pl.DataFrame) -> pl.DataFrame:
    """Revenue growth (consecutive fiscal years only), EBIT and net margin, return on assets and
    revenue, as long rows keyed by fiscal year (`year`)."""
    c = commercial.sort("company_id", "fiscal_year").with_columns(
        prev_fy=pl.col("fiscal_year").shift().over("company_id"),
        prev_rev=pl.col("revenue_msek").shift().over("company_id"),
    )
    growth = pl.when((pl.col("prev_fy") == pl.col("fiscal_year") - 1) & (pl.col("prev_rev") > 0))
    revenue = pl.col("revenue_msek")

    def share_of_revenue(column: str) -> pl.Expr:
        if column not in c.columns:
            return pl.lit(None, pl.Float64)
        return pl.when(revenue > 0).then(pl.col(column) / revenue * 100)

    assets = (
        pl.col("ebit_msek") / pl.col("total_assets_msek") * 100
        if "total_assets_msek" in c.columns
        else pl.lit(None, pl.Float64)
    )
    wide = c.select(
        "company_id",
        pl.col("fiscal_year").alias("year"),
        growth.then((revenue / pl.col("prev_rev") - 1) * 100).alias(GROWTH),
        share_of_revenue("ebit_msek").alias(EBIT_MARGIN),
        share_of_revenue("net_income_msek").alias(NET_MARGIN),
        assets.alias(RETURN_ON_ASSETS),
        revenue,
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


def excludes_no_link(
    x: str, y: str, exclude_no_link: bool | None = None, companies: pl.DataFrame | None = None
) -> bool:
    """Whether a relation of x and y leaves monopolies and authorities out: as asked, else when
    either metric is commercial — and only if the dataset has any (`companies`), so that nothing
    is said to be left out of a benchmark that declares none."""
    if companies is not None and companies.filter(_no_link(companies)).is_empty():
        return False
    if exclude_no_link is None:
        return x in COMMERCIAL_METRICS or y in COMMERCIAL_METRICS
    return exclude_no_link


def relation_data(
    values: pl.DataFrame,
    companies: pl.DataFrame,
    x: str,
    y: str,
    lag: int = 0,
    level: Level = "company",
    mode: Mode = "pooled",
    exclude_no_link: bool | None = None,
    industries: list[str] | tuple[str, ...] | None = None,
    year: int | None = None,
) -> pl.DataFrame:
    """The points behind a relation: x in year t against y in year t + lag.

    Company level: one point per company and year. `within_industry` z-scores x and y within each
    industry and year (so industry differences cannot drive the result; groups of fewer than three
    companies are dropped). Industry level: the mean of each industry's companies per year.
    Monopolies and public authorities are dropped when either metric is commercial, unless
    `exclude_no_link` says otherwise. `industries` keeps only those industries' companies; `year`
    only the points of that year (of x).
    """
    exclude_no_link = excludes_no_link(x, y, exclude_no_link, companies)
    if industries:
        companies = companies.filter(pl.col("industry_id").is_in(list(industries)))
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
    if year is not None:
        data = data.filter(pl.col("year") == year)
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
    industries: list[str] | tuple[str, ...] | None = None,
    year: int | None = None,
    spearman: bool = True,
) -> pl.DataFrame:
    """How x goes with y, on exactly the points of `relation_data` with the same arguments (see
    `relation_stats`). One row for `pooled` and `within_industry`, one row per year for
    `per_year` (or the one year asked for)."""
    data = relation_data(
        values, companies, x, y, lag, level, mode, exclude_no_link, industries, year
    )
    stats = relation_stats(
        data,
        level,
        by_year=mode == "per_year" and year is None,
        reps=reps,
        spearman=spearman,
    )
    return stats.with_columns(
        pl.lit(x).alias("x_metric"),
        pl.lit(y).alias("y_metric"),
        pl.lit(lag).alias("lag"),
        pl.lit(level).alias("level"),
        pl.lit(mode).alias("mode"),
        pl.lit(excludes_no_link(x, y, exclude_no_link, companies)).alias("excludes_monopolies"),
    )


def relation_stats(
    points: pl.DataFrame,
    level: Level = "company",
    by_year: bool = False,
    reps: int = BOOTSTRAP,
    spearman: bool = True,
) -> pl.DataFrame:
    """The statistics of a relation's points (x, y, company_id or industry_id, year): n, Pearson
    and Spearman r with 95% intervals (a bootstrap over whole companies, or industries; a Fisher-z
    interval only where each appears once, as in one wave), p-values and the OLS slope. One row,
    or one per year with `by_year`."""
    cluster = "industry_id" if level == "industry" else "company_id"
    return correlation_frame(
        points,
        by=["year"] if by_year else None,
        cluster=cluster,
        reps=reps,
        spearman=spearman,
    )


def correlation_matrix(
    values: pl.DataFrame,
    companies: pl.DataFrame,
    metrics: list[str],
    industries: list[str] | tuple[str, ...] | None = None,
    year: int | None = None,
    reps: int = BOOTSTRAP,
) -> pl.DataFrame:
    """Pearson r between every pair of metrics (same company and year), each cell computed by
    `relation` on that pair's own points (monopolies and authorities out only of pairs with a
    commercial metric, as everywhere), with n and the company-cluster bootstrap 95% interval.
    Long form: x_metric, y_metric, n, companies, r, low, high, p, excludes_monopolies."""
    cells: dict[tuple[str, str], dict] = {}
    for i, a in enumerate(metrics):
        for b in metrics[i:]:
            stats = relation(
                values, companies, a, b, reps=reps, industries=industries, year=year, spearman=False
            ).row(0, named=True)
            if a == b:  # a metric with itself: r = 1 on its own points, no interval needed
                stats |= {"pearson_boot_low": None, "pearson_boot_high": None, "pearson_p": None}
            cells[a, b] = cells[b, a] = stats
    rows = [
        {
            "x_metric": a,
            "y_metric": b,
            "n": c["n"],
            "companies": c["clusters"],
            "r": c["pearson_r"],
            "low": c["pearson_boot_low"],
            "high": c["pearson_boot_high"],
            "p": c["pearson_p"],
            "excludes_monopolies": c["excludes_monopolies"],
        }
        for a in metrics
        for b in metrics
        for c in (cells[a, b],)
    ]
    schema = {
        "x_metric": pl.String,
        "y_metric": pl.String,
        "n": pl.Int64,
        "companies": pl.Int64,
        "r": pl.Float64,
        "low": pl.Float64,
        "high": pl.Float64,
        "p": pl.Float64,
        "excludes_monopolies": pl.Boolean,
    }
    return pl.DataFrame(rows, schema=schema)


def service_quartiles(
    values: pl.DataFrame,
    companies: pl.DataFrame,
    service: str,
    within_industry: bool = False,
) -> pl.DataFrame:
    """Each company-year's service quartile (1 = bottom, 4 = top) within its year, or within its
    industry and year, among the `companies` given."""
    group = ["industry_id", "year"] if within_industry else ["year"]
    s = values.filter(pl.col("metric_id") == service).join(
        companies.select("company_id", "industry_id", "ownership", "is_monopoly"),
        on="company_id",
        how="inner",
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
    service: str,
    within_industry: bool = False,
    exclude_no_link: bool | None = None,
    reps: int = BOOTSTRAP,
    lag: int = 0,
    industries: list[str] | tuple[str, ...] | None = None,
    year: int | None = None,
) -> pl.DataFrame:
    """Top vs bottom service quartile (within each year, or industry and year): the median of each
    outcome (in year t + lag) in both, the difference, and a 95% bootstrap interval resampling
    whole companies (none with fewer than ten companies in a quartile). Monopolies and authorities
    are left out of commercial outcomes unless `exclude_no_link` says otherwise; `industries` and
    `year` restrict the companies and the service year, as on the page."""
    if industries:
        companies = companies.filter(pl.col("industry_id").is_in(list(industries)))
    rows = []
    for outcome in outcomes:
        excluded = excludes_no_link(service, outcome, exclude_no_link, companies)
        compared = companies.filter(~_no_link(companies)) if excluded else companies
        o = values.filter(pl.col("metric_id") == outcome).select(
            "company_id", (pl.col("year") - lag).alias("year"), pl.col("value").alias("outcome")
        )
        # quartiles among the companies compared, in the years that have the outcome
        data = service_quartiles(
            values.join(o.select("company_id", "year"), on=["company_id", "year"], how="semi"),
            compared,
            service,
            within_industry,
        ).join(o, on=["company_id", "year"])
        if year is not None:
            data = data.filter(pl.col("year") == year)
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
                "lag": lag,
                "excludes_monopolies": excluded,
            }
        )
    return pl.DataFrame(rows, schema=QUARTILE_SCHEMA)


QUARTILE_SCHEMA = {
    "outcome": pl.String,
    "median_top": pl.Float64,
    "median_bottom": pl.Float64,
    "difference": pl.Float64,
    "ci_low": pl.Float64,
    "ci_high": pl.Float64,
    "n_top": pl.Int64,
    "n_bottom": pl.Int64,
    "companies_top": pl.Int64,
    "companies_bottom": pl.Int64,
    "years": pl.Int64,
    "within_industry": pl.Boolean,
    "lag": pl.Int64,
    "excludes_monopolies": pl.Boolean,
}

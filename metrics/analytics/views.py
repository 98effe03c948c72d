"""The analytics as the pages and the board pack show them: with industry and metric names in the
reader's language and company names joined on. Pure Polars; the dashboard caches these, the board
pack calls them directly, so a slide and a page can never disagree."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from metrics.analytics import mirror, rankings, relations
from metrics.schema import HEADLINE

Tables = dict[str, pl.DataFrame]


def industry_labels(tables: Tables, lang: str = "en") -> pl.DataFrame:
    """industry_id -> label in the language (English falls back to the Swedish name)."""
    industries = tables.get("industries")
    if industries is None:
        return pl.DataFrame(schema={"industry_id": pl.String, "label": pl.String})
    name = pl.coalesce("name_en", "name_sv") if lang == "en" else pl.col("name_sv")
    return industries.select("industry_id", name.alias("label"))


def metric_labels(tables: Tables, lang: str = "en") -> dict[str, str]:
    """metric_id -> label in the language (falling back to the other language, then the id)."""
    catalogue = tables.get("metrics")
    if catalogue is None:
        return {}
    first, second = ("label_sv", "label_en") if lang == "sv" else ("label_en", "label_sv")
    return dict(catalogue.select("metric_id", pl.coalesce(first, second, "metric_id")).iter_rows())


def company_names(tables: Tables) -> dict[str, str]:
    companies = tables.get("companies")
    return dict(companies.select("company_id", "name").iter_rows()) if companies is not None else {}


def industry_ranking(
    tables: Tables, metric: str = HEADLINE.service, weighting: str = "respondents", lang: str = "en"
) -> pl.DataFrame:
    commercial = tables.get("commercial") if weighting == "revenue" else None
    ranking = rankings.industry_ranking(
        tables["service_scores"],
        tables["companies"],
        tables["waves"],
        metric,
        weighting,
        commercial,
    )
    return ranking.join(industry_labels(tables, lang), on="industry_id", how="left")


def industry_history(ranking: pl.DataFrame, tables: Tables) -> pl.DataFrame:
    """Rank per wave (gaps for cancelled waves) of a labelled industry ranking."""
    history = rankings.rank_history(ranking.drop("label"), tables["waves"])
    return history.join(
        ranking.select("industry_id", "label").unique("industry_id"), on="industry_id", how="left"
    )


def company_ranking(
    tables: Tables, metric: str = HEADLINE.service, lang: str = "en"
) -> pl.DataFrame:
    ranking = rankings.company_ranking(
        tables["service_scores"], tables["companies"], tables["waves"], metric
    )
    return ranking.join(industry_labels(tables, lang), on="industry_id", how="left").with_columns(
        label=pl.col("name")
    )


def metric_values(tables: Tables) -> pl.DataFrame:
    return relations.metric_values(
        tables["service_scores"], tables.get("commercial"), tables.get("employer")
    )


@dataclass(frozen=True)
class RelationView:
    """What a relation chart draws and what its subtitle says, from one call: the points (with
    name, industry, revenue as bubble size, n and margin) and the statistics of exactly those
    points (a dict, None when there are none)."""

    points: pl.DataFrame
    stats: dict | None


def relation_view(
    tables: Tables,
    values: pl.DataFrame,
    company_scores: pl.DataFrame,
    x: str,
    y: str,
    lag: int = 0,
    mode: str = "pooled",
    monopolies: bool = False,
    industries: tuple[str, ...] = (),
    year: int | None = None,
    lang: str = "en",
    reps: int = relations.BOOTSTRAP,
) -> RelationView:
    """The points of a company-level relation under the page's filters and their statistics.
    `company_scores` is `company_ranking(tables, x)` (for n and margin in the hover); `monopolies`
    includes monopolies and authorities; `industries` keeps those industries' companies; `year`
    keeps one wave (per-year mode needs it)."""
    exclude = None if not monopolies else False
    points = relations.relation_data(
        values, tables["companies"], x, y, lag, "company", mode, exclude, industries, year
    )
    stats = relations.relation_stats(points, reps=reps).with_columns(
        excludes_monopolies=pl.lit(relations.excludes_no_link(x, y, exclude))
    )
    extra = company_scores.select("company_id", "year", "n", pl.col("margin_95").alias("margin"))
    points = points.join(extra, on=["company_id", "year"], how="left")
    if "commercial" in tables:
        revenue = tables["commercial"].select(
            "company_id", pl.col("fiscal_year").alias("year"), pl.col("revenue_msek").alias("size")
        )
        points = points.join(revenue, on=["company_id", "year"], how="left")
    points = points.join(industry_labels(tables, lang), on="industry_id", how="left").rename(
        {"label": "industry_label"}
    )
    return RelationView(points, stats.row(0, named=True) if stats.height else None)


def quadrants(
    tables: Tables,
    values: pl.DataFrame,
    employer: str,
    service: str,
    lang: str = "en",
    industries: tuple[str, ...] = (),
) -> pl.DataFrame:
    """The Satisfaction Mirror's company-years among the chosen industries' companies (medians
    of those companies), with the industry's label."""
    companies = tables["companies"]
    if industries:
        companies = companies.filter(pl.col("industry_id").is_in(list(industries)))
    rows = mirror.quadrants(values, companies, tables["metrics"], employer, service)
    return rows.join(industry_labels(tables, lang), on="industry_id", how="left").rename(
        {"label": "industry_label"}
    )


def quadrant_stats(rows: pl.DataFrame, reps: int = relations.BOOTSTRAP) -> dict | None:
    """The correlation of service and the employer metric over exactly the quadrant chart's rows."""
    points = rows.select("company_id", "year", x="service", y="employer")
    stats = relations.relation_stats(points, reps=reps)
    return stats.row(0, named=True) if stats.height else None

"""The analytics as the pages and the board pack show them: with industry and metric names in the
reader's language and company names joined on. Pure Polars; the dashboard caches these, the board
pack calls them directly, so a slide and a page can never disagree."""

from __future__ import annotations

import polars as pl

from metrics.analytics import rankings, relations

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
    tables: Tables, metric: str = "servicescore", weighting: str = "respondents", lang: str = "en"
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


def company_ranking(tables: Tables, metric: str = "servicescore", lang: str = "en") -> pl.DataFrame:
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


def relation_points(
    tables: Tables,
    values: pl.DataFrame,
    company_scores: pl.DataFrame,
    x: str,
    y: str,
    lag: int = 0,
    mode: str = "pooled",
    monopolies: bool = False,
    lang: str = "en",
) -> pl.DataFrame:
    """The points of a company-level relation, with name, industry, revenue (bubble), n and margin.
    `company_scores` is `company_ranking(tables, "servicescore")`."""
    exclude = None if not monopolies else False
    points = relations.relation_data(
        values, tables["companies"], x, y, lag, "company", mode, exclude
    )
    extra = company_scores.select("company_id", "year", "n", pl.col("margin_95").alias("margin"))
    points = points.join(extra, on=["company_id", "year"], how="left")
    if "commercial" in tables:
        revenue = tables["commercial"].select(
            "company_id", pl.col("fiscal_year").alias("year"), pl.col("revenue_msek").alias("size")
        )
        points = points.join(revenue, on=["company_id", "year"], how="left")
    return points.join(industry_labels(tables, lang), on="industry_id", how="left").rename(
        {"label": "industry_label"}
    )


def quadrants(
    tables: Tables, values: pl.DataFrame, employer: str, lang: str = "en"
) -> pl.DataFrame:
    rows = relations.quadrants(values, tables["companies"], tables["metrics"], employer)
    return rows.join(industry_labels(tables, lang), on="industry_id", how="left").rename(
        {"label": "industry_label"}
    )

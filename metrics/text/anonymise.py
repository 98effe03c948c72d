"""Anonymised company names: stable labels such as "Bank A" or "Telekom C" in place of the real names,
except for the company the user calls "ours".

Labels are stable: within an industry, companies are lettered in the order of their ids, so the same
company gets the same label on every page, in every export and in every session. Company ids are
replaced as well (a user's ids may be slugs of the names) and organisation numbers are blanked: they
identify a company as surely as its name.
"""

from __future__ import annotations

import polars as pl


def letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA, 27 -> AB … (spreadsheet-style)."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def anonymous_names(companies: pl.DataFrame, industries: pl.DataFrame | None) -> pl.DataFrame:
    """company_id -> anon_id, anon_name "<industry> <letters>", lettered by id within each industry.
    The industry's Swedish name is used (as the survey publishes it), so labels do not change with
    the language."""
    frame = companies.select("company_id", "industry_id")
    prefix = pl.lit("Företag")
    if industries is not None and {"industry_id", "name_sv"} <= set(industries.columns):
        frame = frame.join(
            industries.select("industry_id", industry="name_sv"), on="industry_id", how="left"
        )
        prefix = pl.coalesce("industry", prefix)
    frame = frame.sort("company_id").with_columns(
        suffix=pl.int_range(pl.len())
        .over("industry_id")
        .map_elements(letters, return_dtype=pl.String),
        prefix=prefix,
    )
    return frame.select(
        "company_id",
        anon_id=pl.concat_str(
            pl.lit("anon-"), pl.col("industry_id").fill_null("x"), pl.lit("-"), "suffix"
        ).str.to_lowercase(),
        anon_name=pl.concat_str("prefix", pl.lit(" "), "suffix"),
    )


def anonymise(tables: dict[str, pl.DataFrame], keep: str | None = None) -> dict[str, pl.DataFrame]:
    """The tables with company names and ids replaced by stable labels (but `keep`'s), and
    organisation numbers blanked."""
    companies = tables.get("companies")
    if companies is None:
        return dict(tables)
    names = anonymous_names(companies, tables.get("industries")).with_columns(
        anon_id=pl.when(pl.col("company_id") == pl.lit(keep))
        .then(pl.col("company_id"))
        .otherwise(pl.col("anon_id"))
    )
    new_ids = dict(names.select("company_id", "anon_id").iter_rows())
    out = {}
    for name, table in tables.items():
        if table is not None and "company_id" in table.columns:
            table = table.with_columns(company_id=pl.col("company_id").replace(new_ids))
        out[name] = table
    kept = pl.col("company_id") == pl.lit(keep)
    replaced = (
        companies.join(names, on="company_id", how="left")
        .with_columns(
            company_id=pl.col("anon_id"),
            name=pl.when(kept).then(pl.col("name")).otherwise(pl.col("anon_name")),
        )
        .select(companies.columns)
    )
    if "org_nr" in replaced.columns:
        replaced = replaced.with_columns(org_nr=pl.when(kept).then(pl.col("org_nr")))
    out["companies"] = replaced
    return out

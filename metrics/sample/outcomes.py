"""The sample's outcomes: revenue, EBIT, staff and assets, and the employer metrics, each planted to
follow the true service score as `PLANTED` says (growth follows the previous year's service), with
no link for monopolies and public authorities."""

from __future__ import annotations

import numpy as np
import polars as pl

from metrics.sample.service import FIRST_FISCAL_YEAR, YEARS, column
from metrics.sample.typed import typed

PLANTED: dict[str, float] = {
    "ebit_margin_pct": 0.25,
    "revenue_growth_pct_next_year": 0.15,
    "enps": 0.35,
    "staff_turnover_pct": -0.30,
    "employer_attractiveness": 0.35,
    "glassdoor_rating": 0.30,
    "ebit_margin_pct_monopolies": 0.0,
}
"""Correlation of each outcome with the true service score, company-year level. Growth is planted
against the previous year's service (service leads growth by one year)."""
SPREAD = {"ebit_margin_pct": 5.0, "revenue_growth_pct": 7.0, "enps": 20.0}
"""Outcome points per standard deviation of its planted score: what a planted correlation means
in the outcome's own units."""


class Noise:
    """Independent unit-variance noise per company and year, from industry, company and year parts."""

    def __init__(self, rng: np.random.Generator, industry: np.ndarray):
        self.rng = rng
        codes = {name: i for i, name in enumerate(dict.fromkeys(industry))}
        self.industry_idx = np.array([codes[i] for i in industry])
        self.n_ind = len(codes)

    def draw(self, shares: tuple[float, float, float]) -> np.ndarray:
        """(industry, company, year) variance shares summing to 1 -> noise, companies × years."""
        n, years = len(self.industry_idx), len(YEARS) + 2
        ind = self.rng.normal(0, 1, self.n_ind)[self.industry_idx][:, None]
        comp = self.rng.normal(0, 1, n)[:, None]
        year = self.rng.normal(0, 1, (n, years))
        a, b, c = (np.sqrt(s) for s in shares)
        return a * ind + b * comp + c * year


def planted(z: np.ndarray, rho: float, noise: np.ndarray) -> np.ndarray:
    """A unit-variance score correlated ρ with z: ρ·z + √(1 − ρ²)·noise."""
    return rho * z + np.sqrt(1 - rho**2) * noise


def commercial(rng, noise: Noise, ids, industry, no_link, size, z) -> pl.DataFrame:
    """Revenue, EBIT, staff and assets per fiscal year 2012–2025. EBIT margin follows same-year
    service and growth follows last year's service, as planted; monopolies and authorities have no
    link, and authorities report no EBIT (they have appropriations, not profits)."""
    margin_std = np.where(
        no_link[:, None],
        planted(z, PLANTED["ebit_margin_pct_monopolies"], noise.draw((0.0, 0.25, 0.75))),
        planted(z, PLANTED["ebit_margin_pct"], noise.draw((0.0, 0.25, 0.75))),
    )
    margin = 8.0 + SPREAD["ebit_margin_pct"] * margin_std
    lagged = np.concatenate([z[:, :1], z[:, :-1]], axis=1)  # service of the previous year
    growth_std = planted(
        lagged, PLANTED["revenue_growth_pct_next_year"], noise.draw((0.0, 0.2, 0.8))
    )
    growth_std = np.where(no_link[:, None], noise.draw((0.0, 0.2, 0.8)), growth_std)
    growth = 3.0 + SPREAD["revenue_growth_pct"] * growth_std
    revenue = 800 * size * np.where(industry == "bank", 8, 1)
    assets_ratio = np.where(industry == "bank", 14.0, rng.uniform(0.6, 1.6, len(ids)))
    productivity = rng.uniform(1.2, 4.0, len(ids))  # MSEK revenue per employee
    names = ("company_id", "fiscal_year", "revenue_msek", "ebit_msek", "employees")
    out: dict[str, list] = {k: [] for k in (*names, "total_assets_msek")}
    authority = industry == "myndigheter"
    for year in range(FIRST_FISCAL_YEAR, YEARS[-1] + 1):
        t = column(year)
        if year > FIRST_FISCAL_YEAR:
            revenue = revenue * (1 + growth[:, t] / 100)
        ebit = np.round(revenue * margin[:, t] / 100, 1)
        out["company_id"] += list(ids)
        out["fiscal_year"] += [year] * len(ids)
        out["revenue_msek"] += list(np.round(revenue, 1))
        out["ebit_msek"] += [None if a else e for a, e in zip(authority, ebit, strict=True)]
        out["employees"] += list(np.rint(revenue / productivity).astype(int))
        out["total_assets_msek"] += list(np.round(revenue * assets_ratio, 1))
    return typed("commercial", out)


def employer(noise: Noise, ids, z) -> pl.DataFrame:
    """eNPS, staff turnover, attractiveness, employer rank (top 100) and a Glassdoor-like rating."""
    rows: dict[str, list] = {k: [] for k in ("company_id", "year", "metric_id", "value", "n")}
    shares = (0.0, 0.25, 0.75)
    enps = np.clip(10 + SPREAD["enps"] * planted(z, PLANTED["enps"], noise.draw(shares)), -100, 100)
    turnover = np.clip(
        14 + 4 * planted(z, PLANTED["staff_turnover_pct"], noise.draw(shares)), 0.5, 60
    )
    attract = np.clip(
        50 + 10 * planted(z, PLANTED["employer_attractiveness"], noise.draw(shares)), 0, 100
    )
    stars = np.clip(3.5 + 0.4 * planted(z, PLANTED["glassdoor_rating"], noise.draw(shares)), 1, 5)
    respondents = noise.rng.integers(40, 900, (len(ids), z.shape[1]))

    def add(year: int, metric: str, values: np.ndarray, n=None, keep=None) -> None:
        keep = np.ones(len(ids), bool) if keep is None else keep
        rows["company_id"] += list(ids[keep])
        rows["year"] += [year] * int(keep.sum())
        rows["metric_id"] += [metric] * int(keep.sum())
        rows["value"] += list(values[keep])
        rows["n"] += list(n[keep]) if n is not None else [None] * int(keep.sum())

    for year in YEARS:
        t = column(year)
        add(year, "enps", np.round(enps[:, t], 0), respondents[:, t])
        add(year, "staff_turnover_pct", np.round(turnover[:, t], 1))
        add(year, "employer_attractiveness", np.round(attract[:, t], 1))
        add(year, "glassdoor_rating", np.round(stars[:, t], 2))
        rank = np.empty(len(ids), int)
        rank[np.argsort(-attract[:, t], kind="stable")] = np.arange(1, len(ids) + 1)
        add(year, "employer_rank", rank.astype(float), keep=rank <= 100)
    return typed("employer", rows).sort("company_id", "year", "metric_id")

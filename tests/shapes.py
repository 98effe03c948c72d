"""Benchmarks shaped unlike the bundled sample, built by code: every page, slide and export must work
on each of them (and say why where something cannot be shown).

    python -m tests.shapes OUT_FOLDER     # write them all to look at them

Each shape is a folder of CSV files (and a dataset.toml where the shape needs one), small enough to
load in a fraction of a second.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import polars as pl

INDUSTRIES = ("Banks", "Airlines", "Telecom", "Grocery", "Insurance")
SEED = 7


def _companies(n_per: int = 6, industries: bool = True) -> pl.DataFrame:
    rows = []
    for i, industry in enumerate(INDUSTRIES):
        for j in range(n_per):
            rows.append(
                {
                    "company_id": f"c{i}{j}",
                    "name": f"{industry[:-1]} {chr(65 + j)}" if j else f"{industry} First",
                    "industry_id": industry if industries else None,
                }
            )
    return pl.DataFrame(rows)


def _scores(
    companies: pl.DataFrame,
    years: list[int],
    metric: str,
    with_n: bool = True,
    low: float = 0,
    high: float = 100,
) -> pl.DataFrame:
    rng = np.random.default_rng(SEED)
    rows = []
    for k, cid in enumerate(companies["company_id"]):
        base = rng.normal(0.7, 0.08) + (k % len(INDUSTRIES)) * 0.01
        for year in years:
            value = float(np.clip(base + rng.normal(0, 0.02), 0.05, 0.98))
            row = {"company_id": cid, "year": year, "metric_id": metric}
            row["value"] = round(low + value * (high - low), 2)
            if with_n:
                row["n"] = int(rng.integers(60, 400))
                row["sd"] = round(0.2 * (high - low), 2)
            rows.append(row)
    return pl.DataFrame(rows)


def _commercial(companies: pl.DataFrame, years: list[int], scores: pl.DataFrame) -> pl.DataFrame:
    rng = np.random.default_rng(SEED + 1)
    rows = []
    for cid in companies["company_id"]:
        revenue = float(rng.uniform(500, 20_000))
        for year in years:
            score = scores.filter(pl.col("company_id") == cid, pl.col("year") == year)["value"]
            margin = 0.05 + (float(score[0]) - 70) / 400 if len(score) else 0.05
            revenue *= float(rng.normal(1.03, 0.05))
            rows.append(
                {
                    "company_id": cid,
                    "fiscal_year": year,
                    "revenue_msek": round(revenue, 1),
                    "ebit_msek": round(revenue * (margin + rng.normal(0, 0.02)), 1),
                }
            )
    return pl.DataFrame(rows)


def _employer(companies: pl.DataFrame, years: list[int], metric: str) -> pl.DataFrame:
    rng = np.random.default_rng(SEED + 2)
    return pl.DataFrame(
        [
            {
                "company_id": cid,
                "year": y,
                "metric_id": metric,
                "value": round(rng.normal(15, 12), 1),
            }
            for cid in companies["company_id"]
            for y in years
        ]
    )


def _write(folder: Path, tables: dict[str, pl.DataFrame], toml: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.write_csv(folder / f"{name}.csv")
    if toml:
        (folder / "dataset.toml").write_text(toml, encoding="utf-8")
    return folder


YEARS = [2021, 2022, 2023]


def renamed(folder: Path) -> Path:
    """Every metric id its own: a reputation index as the service headline, an engagement score as
    the employer headline; no metric of the default catalogue is used."""
    companies = _companies()
    scores = _scores(companies, YEARS, "reputation_index")
    metrics = pl.DataFrame(
        [
            {
                "metric_id": "reputation_index",
                "domain": "service",
                "label_sv": "Anseendeindex",
                "label_en": "Reputation index",
                "unit": "index",
                "scale_min": 0,
                "scale_max": 100,
                "higher_is_better": True,
                "headline": True,
            },
            {
                "metric_id": "engagement",
                "domain": "employer",
                "label_sv": "Engagemang",
                "label_en": "Engagement",
                "unit": "net_score",
                "scale_min": -100,
                "scale_max": 100,
                "higher_is_better": True,
                "headline": True,
            },
        ]
    )
    return _write(
        folder,
        {
            "companies": companies,
            "metrics": metrics,
            "service_scores": scores,
            "commercial": _commercial(companies, YEARS, scores),
            "employer": _employer(companies, YEARS, "engagement"),
        },
        '[dataset]\nname = "Renamed metrics benchmark"\nsource = "Built by tests/shapes.py"\n',
    )


def published(folder: Path) -> Path:
    """A published ranking: a score per company and year, no respondent counts, no sd."""
    companies = _companies()
    scores = _scores(companies, YEARS, "servicescore", with_n=False)
    return _write(
        folder,
        {
            "companies": companies,
            "service_scores": scores,
            "commercial": _commercial(companies, YEARS, scores),
        },
        '[dataset]\nname = "Published ranking (no n)"\nsource = "A published report"\n',
    )


def ten_point(folder: Path) -> Path:
    """Respondent rows on a 1–10 scale, with survey weights and 98/99 don't-know codes."""
    companies = _companies(n_per=4)
    rng = np.random.default_rng(SEED + 3)
    rows = []
    rid = 0
    for k, cid in enumerate(companies["company_id"]):
        mean = 5.5 + (k % 7) * 0.5
        for year in YEARS:
            for _ in range(int(rng.integers(40, 120))):
                rid += 1
                rating = int(np.clip(round(rng.normal(mean, 2)), 1, 10))
                if rng.random() < 0.03:
                    rating = 98
                rows.append(
                    {
                        "respondent_id": f"r{rid}",
                        "year": year,
                        "company_id": cid,
                        "rating": rating,
                        "scale_points": 10,
                        "weight": round(float(rng.uniform(0.5, 2.0)), 3),
                    }
                )
    return _write(folder, {"companies": companies, "responses": pl.DataFrame(rows)})


def one_wave(folder: Path) -> Path:
    """A single wave: no history, no change, no lead or lag."""
    companies = _companies()
    scores = _scores(companies, [2024], "servicescore")
    return _write(
        folder,
        {
            "companies": companies,
            "service_scores": scores,
            "commercial": _commercial(companies, [2024], scores),
            "employer": _employer(companies, [2024], "enps"),
        },
    )


def service_only(folder: Path) -> Path:
    """Service scores only: no commercial and no employer tables."""
    companies = _companies()
    return _write(
        folder,
        {"companies": companies, "service_scores": _scores(companies, YEARS, "servicescore")},
    )


def no_industries(folder: Path) -> Path:
    """Companies without industries: no industry ranking, every company on its own."""
    companies = _companies(industries=False).drop("industry_id")
    scores = _scores(companies, YEARS, "servicescore")
    return _write(
        folder,
        {
            "companies": companies,
            "service_scores": scores,
            "commercial": _commercial(companies, YEARS, scores),
        },
    )


def industry_level(folder: Path) -> Path:
    """Respondents who name only an industry (as the ACSI sample does): industries are the unit."""
    rng = np.random.default_rng(SEED + 4)
    rows = []
    for i in range(len(INDUSTRIES)):
        for year in YEARS[-2:]:
            for _ in range(300):
                satisfaction = int(np.clip(round(rng.normal(6 + i * 0.6, 2)), 1, 10))
                ideal = int(np.clip(round(satisfaction + rng.normal(-0.5, 1.5)), 1, 10))
                rows.append(
                    {"IND": str(i + 1), "YEAR": year, "SATIS": satisfaction, "IDEAL": ideal}
                )
    codes = ", ".join(f'"{i + 1}" = "{name}"' for i, name in enumerate(INDUSTRIES))
    toml = f"""[dataset]
name = "Industry-level survey"
level = "industry"

[metrics.satisfaction]
domain = "service"
label_en = "Satisfaction"
label_sv = "Nöjdhet"
headline = true

[metrics.ideal]
domain = "service"
label_en = "Close to ideal"
label_sv = "Nära idealet"

[tables.responses]
source = "survey.csv"
columns = {{ IND = "industry_id", YEAR = "year" }}
values = {{ IND = {{ {codes} }} }}
ratings = {{ SATIS = "satisfaction", IDEAL = "ideal" }}
constants = {{ scale_points = 10 }}
"""
    return _write(folder, {"survey": pl.DataFrame(rows)}, toml)


SHAPES: dict[str, Callable[[Path], Path]] = {
    "renamed": renamed,
    "published": published,
    "ten_point": ten_point,
    "one_wave": one_wave,
    "service_only": service_only,
    "no_industries": no_industries,
    "industry_level": industry_level,
}
"""Every shape by name."""


def build_all(root: Path) -> dict[str, Path]:
    return {name: make(root / name) for name, make in SHAPES.items()}


if __name__ == "__main__":
    for name, path in build_all(Path(sys.argv[1])).items():
        print(name, path)

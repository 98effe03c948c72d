"""The bundled sample benchmark: fictional Swedish companies in real Swedish industries, 2013–2025.

Deterministic (a fixed seed; `servicemirror sample` rewrites the committed files byte for byte) and
built to the parameters in `shared/domain.md`: company scores around 70 (between-company SD about 6,
industry effects ±8), respondent SD about 20, year-to-year autocorrelation about 0.8, n from about
30 to 400, modest positive links to margin (r ≈ 0.25), next-year growth (r ≈ 0.15) and employer
attractiveness (r ≈ 0.3–0.4), none for monopolies and authorities, 2020 and 2021 cancelled, and a
few companies whose mean looks fine while a large minority is very dissatisfied.

Every company name is invented; no real company is named. Columns and types come from the schema.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl
import polars.selectors as cs

from metrics.aggregate import aggregate_responses
from metrics.schema import BUSINESS_MOMENTS, SERVICE_DIMENSIONS, TABLES

SEED = 20130
YEARS = tuple(range(2013, 2026))
CANCELLED = {
    2020: "Inställd på grund av covid-19 / cancelled (COVID-19)",
    2021: "Ingen mätning / no wave",
}
SCALE_POINTS = 10
RESPONDENT_SD = 20.0
DEFAULT_RESPONDENTS = 300_000

# industry_id: (name_sv, name_en, sector, effect on the 0–100 score, EBIT margin %, growth %)
INDUSTRIES: dict[str, tuple[str, str, str, float, float, float]] = {
    "apotek": ("Apotek", "Pharmacies", "handel", 7.5, 5.0, 3.0),
    "hotell": ("Hotell", "Hotels", "besöksnäring", 6.0, 9.0, 4.0),
    "fastighetsmaklare": ("Fastighetsmäklare", "Estate agents", "tjänster", 4.0, 12.0, 3.0),
    "gym-och-traning": ("Gym och träning", "Gyms and fitness", "tjänster", 3.5, 8.0, 6.0),
    "mobler-och-inredning": (
        "Möbler och inredning",
        "Furniture and interiors",
        "handel",
        2.5,
        7.0,
        3.0,
    ),
    "dagligvaruhandel": ("Dagligvaruhandel", "Grocery retail", "handel", 2.0, 3.5, 3.5),
    "klader-och-mode": ("Kläder och mode", "Clothing and fashion", "handel", 1.5, 8.0, 2.0),
    "byggvaruhandel": ("Byggvaruhandel", "DIY and building supplies", "handel", 1.0, 6.0, 3.0),
    "e-handel": ("E-handel", "E-commerce", "handel", 1.0, 4.0, 12.0),
    "bilhandel": ("Bilhandel", "Car dealers", "handel", 0.5, 3.0, 2.5),
    "hemelektronik": ("Hemelektronik", "Consumer electronics", "handel", 0.0, 3.0, 2.0),
    "resor": ("Resebyråer", "Travel agencies", "besöksnäring", 0.0, 4.0, 4.0),
    "forsakring": ("Försäkring", "Insurance", "finans", -1.0, 10.0, 3.0),
    "bank": ("Bank", "Banking", "finans", -2.0, 35.0, 4.0),
    "vard": ("Vårdcentraler", "Health centres", "offentligt", -2.5, 3.0, 3.0),
    "flyg": ("Flyg", "Airlines", "transport", -4.0, 5.0, 3.0),
    "energi": ("Energi", "Energy", "energi", -5.0, 12.0, 2.0),
    "kollektivtrafik": ("Kollektivtrafik", "Public transport", "transport", -6.0, 2.0, 2.0),
    "bredband-och-tv": ("Bredband och tv", "Broadband and TV", "telekom", -6.5, 14.0, 1.5),
    "post-och-logistik": ("Post och logistik", "Post and logistics", "transport", -7.0, 3.0, 1.0),
    "telekom": ("Telekom", "Telecom operators", "telekom", -8.0, 16.0, 1.0),
    "myndigheter": ("Myndigheter", "Public authorities", "offentligt", -8.5, 0.0, 2.0),
}

# Invented name parts: compounds of these do not name real Swedish companies.
_FIRST = (
    "Norr",
    "Sol",
    "Ek",
    "Björk",
    "Silver",
    "Lind",
    "Gran",
    "Hav",
    "Fjäll",
    "Sten",
    "Ljung",
    "Ås",
    "Berg",
    "Vik",
    "Strand",
    "Sjö",
    "Rönn",
    "Al",
    "Lönn",
    "Hassel",
    "Kvarn",
    "Myr",
    "Ö",
    "Ljus",
    "Dimm",
    "Skog",
    "Äng",
    "Kris",
    "Gläd",
    "Tall",
)
_SECOND = (
    "viks",
    "dals",
    "ströms",
    "bergs",
    "lunds",
    "holms",
    "sunds",
    "näs",
    "backa",
    "marks",
    "gårds",
    "torps",
    "hamns",
    "kulla",
    "ängs",
)
_SUFFIX = {
    "apotek": "Apotek",
    "hotell": "Hotell",
    "fastighetsmaklare": "Mäkleri",
    "gym-och-traning": "Gym",
    "mobler-och-inredning": "Möbler",
    "dagligvaruhandel": "Livs",
    "klader-och-mode": "Mode",
    "byggvaruhandel": "Bygg",
    "e-handel": "Shop",
    "bilhandel": "Bil",
    "hemelektronik": "Elektronik",
    "resor": "Resor",
    "forsakring": "Försäkring",
    "bank": "Bank",
    "vard": "Vård",
    "flyg": "Flyg",
    "energi": "Energi",
    "kollektivtrafik": "Trafik",
    "bredband-och-tv": "Bredband",
    "post-och-logistik": "Logistik",
    "telekom": "Telekom",
}
_AUTHORITIES = (
    "Tillståndsverket",
    "Bidragsverket",
    "Registreringsverket",
    "Intygsmyndigheten",
    "Ersättningskassan",
    "Jobbportalen",
    "Fordonsregistret",
    "Studiestödsnämnden",
    "Pensionsverket",
)

MOMENT_OFFSETS = dict(
    zip(
        (k for k, _, _ in BUSINESS_MOMENTS),
        (2.0, 3.0, 1.0, 0.0, -3.0, -2.0, -6.0, -4.0, -9.0),
        strict=True,
    )
)
MOMENT_SHARE = dict(
    zip(
        (k for k, _, _ in BUSINESS_MOMENTS),
        (0.7, 0.75, 0.65, 0.55, 0.45, 0.6, 0.32, 0.4, 0.28),
        strict=True,
    )
)
DIMENSION_OFFSETS = {
    "treatment": 3.0,
    "accessibility": -3.0,
    "competence": 1.0,
    "proactivity": -5.0,
}


@dataclass
class Benchmark:
    """The generated tables, typed as the schema says."""

    tables: dict[str, pl.DataFrame]


def _typed(table: str, columns: dict) -> pl.DataFrame:
    """A frame with exactly the schema's columns, in its order and dtypes (absent ones as nulls)."""
    dtypes = TABLES[table].dtypes()
    frame = pl.DataFrame(columns)
    return frame.select(
        pl.col(c).cast(t) if c in frame.columns else pl.lit(None, t).alias(c)
        for c, t in dtypes.items()
    )


def _companies(rng: np.random.Generator) -> pl.DataFrame:
    rows = []
    used: set[str] = set()
    for industry in INDUSTRIES:
        count = 9 if industry == "myndigheter" else int(rng.integers(7, 12))
        for k in range(count):
            if industry == "myndigheter":
                name = _AUTHORITIES[k]
            else:
                while True:
                    stem = str(rng.choice(_FIRST)) + str(rng.choice(_SECOND))
                    name = f"{stem} {_SUFFIX[industry]}"
                    if name not in used:
                        break
            used.add(name)
            ownership = str(rng.choice(["listed", "private", "private", "listed", "cooperative"]))
            monopoly = False
            if industry == "myndigheter":
                ownership = "public_authority"
            elif k == 0 and industry in (
                "energi",
                "kollektivtrafik",
                "post-och-logistik",
                "apotek",
            ):
                ownership, monopoly = "state_owned", industry != "apotek"
            rows.append(
                {
                    "company_id": f"{industry[:4]}-{k + 1:02d}",
                    "name": name,
                    "industry_id": industry,
                    "ownership": ownership,
                    "is_monopoly": monopoly,
                    "org_nr": f"55{rng.integers(0, 10**4):04d}-{rng.integers(0, 10**4):04d}",
                }
            )
    return _typed("companies", {k: [r[k] for r in rows] for k in rows[0]})


def _latent_scores(rng: np.random.Generator, companies: pl.DataFrame) -> np.ndarray:
    """True service score per company (rows) and calendar year 2012–2026 (columns), AR(1) ≈ 0.8."""
    effect = np.array([INDUSTRIES[i][3] for i in companies["industry_id"]])
    base = 70.0 + effect + rng.normal(0, 4.0, companies.height)
    years = len(YEARS) + 2
    u = np.zeros((companies.height, years))
    u[:, 0] = rng.normal(0, 3.0, companies.height)
    for t in range(1, years):
        u[:, t] = 0.8 * u[:, t - 1] + rng.normal(0, 3.0 * np.sqrt(1 - 0.64), companies.height)
    trend = np.linspace(-0.5, 1.0, years)
    return np.clip(base[:, None] + u + trend[None, :], 5, 98)


def _year_col(year: int) -> int:
    return year - YEARS[0] + 1  # column 0 is 2012


def generate(respondents: int = DEFAULT_RESPONDENTS, seed: int = SEED) -> Benchmark:
    """The whole sample benchmark. `respondents` scales the responses table (n per company grows)."""
    rng = np.random.default_rng(seed)
    companies = _companies(rng)
    n_comp = companies.height
    latent = _latent_scores(rng, companies)
    ids = companies["company_id"].to_numpy()
    industry = companies["industry_id"].to_numpy()
    ownership = companies["ownership"].to_numpy()
    no_link = (ownership == "public_authority") | companies["is_monopoly"].to_numpy()
    size = rng.lognormal(0, 1.0, n_comp)  # relative company size: revenue and sample size
    entry = np.where(rng.random(n_comp) < 0.12, rng.choice([2015, 2016, 2017, 2022], n_comp), 2013)
    hidden = np.zeros(n_comp, bool)
    hidden[rng.choice(np.flatnonzero(~no_link & (latent[:, 5] > 68)), 4, replace=False)] = True

    waves = [y for y in YEARS if y not in CANCELLED]
    # n per company and wave: log-uniform 30–400, larger companies a little larger
    base_n = np.clip(rng.lognormal(np.log(140), 0.6, (n_comp, len(waves))), 30, 420)
    base_n *= np.clip(size, 0.6, 1.6)[:, None] / np.clip(size, 0.6, 1.6).mean()
    measured = np.array([[y >= e for y in waves] for e in entry])
    expected_total = (base_n * measured).sum()
    scale = respondents / expected_total
    n = np.maximum(np.rint(base_n * scale), min(25 * scale, 25)).astype(int) * measured

    responses = _responses(rng, ids, waves, n, latent, hidden)
    # published to 4 decimals: far coarser than the last-bit jitter of parallel float sums, so the
    # committed files are reproduced byte for byte
    scores = aggregate_responses(responses).with_columns(cs.float().round(4)).collect()
    moments = _moments(rng, ids, waves, n, latent)
    service = pl.concat([scores, moments]).sort("company_id", "year", "metric_id")
    commercial = _commercial(rng, ids, industry, no_link, size, latent)
    employer = _employer(rng, ids, latent)
    tables = {
        "industries": _typed(
            "industries",
            {
                "industry_id": list(INDUSTRIES),
                "name_sv": [v[0] for v in INDUSTRIES.values()],
                "name_en": [v[1] for v in INDUSTRIES.values()],
                "sector": [v[2] for v in INDUSTRIES.values()],
            },
        ),
        "companies": companies,
        "waves": _waves(responses),
        "service_scores": service,
        "responses": responses,
        "commercial": commercial,
        "employer": employer,
    }
    return Benchmark(tables)


def _responses(rng, ids, waves, n, latent, hidden) -> pl.DataFrame:
    """Ratings on a 1–10 scale; 1% coded 99 (don't know); weights around 1."""
    comp_idx = np.repeat(np.arange(len(ids))[:, None], len(waves), 1)
    wave_idx = np.repeat(np.arange(len(waves))[None, :], len(ids), 0)
    counts = n.ravel()
    c = np.repeat(comp_idx.ravel(), counts)
    w = np.repeat(wave_idx.ravel(), counts)
    years = np.array(waves)[w]
    true = latent[c, years - YEARS[0] + 1]
    x = rng.normal(true, RESPONDENT_SD)
    # hidden dissatisfaction: a quarter very unhappy, the rest happier, the mean near the true score
    angry = hidden[c] & (rng.random(len(c)) < 0.25)
    happy = hidden[c] & ~angry
    x = np.where(angry, rng.normal(4, 5, len(c)), x)
    x = np.where(happy, rng.normal((true - 0.25 * 4) / 0.75, 9, len(c)), x)
    rating = np.clip(np.rint(np.clip(x, 0, 100) / 100 * (SCALE_POINTS - 1)) + 1, 1, SCALE_POINTS)
    rating = np.where(rng.random(len(c)) < 0.01, 99, rating).astype(np.int64)
    # each wave's ~3,000 panel members rate several companies
    panel = np.maximum(3000 * len(c) // max(DEFAULT_RESPONDENTS, 1), 3000)
    respondent = years.astype(np.int64) * 10**7 + rng.integers(1, panel + 1, len(c))
    weight = np.round(rng.lognormal(0, 0.25, len(c)), 2)
    frame = _typed(
        "responses",
        {
            "respondent_id": respondent.astype(str),
            "year": years,
            "company_id": ids[c],
            "metric_id": ["servicescore"] * len(c),
            "rating": rating,
            "scale_points": np.full(len(c), SCALE_POINTS),
            "weight": weight,
        },
    )
    return frame


def _moments(rng, ids, waves, n, latent) -> pl.DataFrame:
    """Business-moment and dimension scores, each from the share of respondents who had that contact."""
    rows: dict[str, list] = {k: [] for k in ("company_id", "year", "metric_id", "value", "n", "sd")}
    persistent = {k: rng.normal(0, 3, len(ids)) for k in (*MOMENT_OFFSETS, *DIMENSION_OFFSETS)}
    items = [(f"moment_{k}", MOMENT_OFFSETS[k], MOMENT_SHARE[k], k) for k in MOMENT_OFFSETS]
    items += [(f"dim_{k}", DIMENSION_OFFSETS[k], 0.9, k) for k, _, _ in SERVICE_DIMENSIONS]
    for j, year in enumerate(waves):
        true = latent[:, year - YEARS[0] + 1]
        for metric, offset, share, key in items:
            nk = np.rint(n[:, j] * share).astype(int)
            ok = nk >= 2
            se = RESPONDENT_SD / np.sqrt(np.maximum(nk, 1))
            value = np.clip(true + offset + persistent[key] + rng.normal(0, se), 0, 100)
            sd = np.clip(rng.normal(RESPONDENT_SD, 2, len(ids)), 8, 35)
            rows["company_id"] += list(ids[ok])
            rows["year"] += [year] * int(ok.sum())
            rows["metric_id"] += [metric] * int(ok.sum())
            rows["value"] += list(np.round(value[ok], 2))
            rows["n"] += list(nk[ok])
            rows["sd"] += list(np.round(sd[ok], 2))
    return _typed("service_scores", rows)


def _commercial(rng, ids, industry, no_link, size, latent) -> pl.DataFrame:
    """Revenue, EBIT, staff and assets per fiscal year 2012–2025; margin and next-year growth follow
    service modestly, except for monopolies and authorities."""
    z = (latent - 70.0) / 6.0
    link = np.where(no_link, 0.0, 1.0)
    margin0 = np.array([INDUSTRIES[i][4] for i in industry]) + rng.normal(0, 2.5, len(ids))
    growth0 = np.array([INDUSTRIES[i][5] for i in industry])
    revenue = 800 * size * np.where(industry == "bank", 8, 1)
    assets_ratio = np.where(industry == "bank", 14.0, rng.uniform(0.6, 1.6, len(ids)))
    productivity = rng.uniform(1.2, 4.0, len(ids))  # MSEK revenue per employee
    out: dict[str, list] = {
        k: []
        for k in (
            "company_id",
            "fiscal_year",
            "revenue_msek",
            "ebit_msek",
            "employees",
            "total_assets_msek",
        )
    }
    for year in range(2012, 2026):
        t = year - 2012
        if year > 2012:
            growth = growth0 + 1.1 * link * z[:, t - 1] + rng.normal(0, 7, len(ids))
            growth = np.where(year == 2020, growth - 6, growth)
            revenue = revenue * (1 + growth / 100)
        margin = margin0 + 3.2 * link * z[:, t] + rng.normal(0, 3.5, len(ids))
        # monopoly rents do not depend on service: if anything the link runs the other way
        monopoly_margin = margin0 + 6 - 1.0 * z[:, t] + rng.normal(0, 3.5, len(ids))
        margin = np.where(no_link, monopoly_margin, margin)
        out["company_id"] += list(ids)
        out["fiscal_year"] += [year] * len(ids)
        out["revenue_msek"] += list(np.round(revenue, 1))
        ebit = np.round(revenue * margin / 100, 1)  # authorities have appropriations, not profits
        out["ebit_msek"] += [
            None if i == "myndigheter" else e for i, e in zip(industry, ebit, strict=True)
        ]
        out["employees"] += list(np.rint(revenue / productivity).astype(int))
        out["total_assets_msek"] += list(np.round(revenue * assets_ratio, 1))
    return _typed("commercial", out)


def _employer(rng, ids, latent) -> pl.DataFrame:
    """eNPS, staff turnover, attractiveness, employer rank (top 100) and a Glassdoor-like rating."""
    rows: dict[str, list] = {k: [] for k in ("company_id", "year", "metric_id", "value", "n")}
    quality = rng.normal(0, 1, len(ids))  # employer quality not explained by service

    def add(year, metric, values, n=None):
        rows["company_id"] += list(ids)
        rows["year"] += [year] * len(ids)
        rows["metric_id"] += [metric] * len(ids)
        rows["value"] += list(values)
        rows["n"] += list(n) if n is not None else [None] * len(ids)

    for year in YEARS:
        z = (latent[:, year - YEARS[0] + 1] - 70.0) / 6.0
        mix = 0.45 * z + np.sqrt(1 - 0.45**2) * quality
        enps = np.clip(8 + 6.5 * z + 10 * quality + rng.normal(0, 14, len(ids)), -100, 100)
        add(year, "enps", np.round(enps, 0), rng.integers(40, 900, len(ids)))
        turnover = np.clip(14 - 1.3 * z - 1.5 * quality + rng.normal(0, 4, len(ids)), 1, 60)
        add(year, "staff_turnover_pct", np.round(turnover, 1))
        attract = np.clip(50 + 7 * mix + rng.normal(0, 8, len(ids)), 0, 100)
        add(year, "employer_attractiveness", np.round(attract, 1))
        stars = np.clip(3.4 + 0.15 * z + 0.3 * quality + rng.normal(0, 0.3, len(ids)), 1, 5)
        add(year, "glassdoor_rating", np.round(stars, 2))
        order = np.argsort(-attract, kind="stable")
        rank = np.empty(len(ids), int)
        rank[order] = np.arange(1, len(ids) + 1)
        top = rank <= 100
        rows["company_id"] += list(ids[top])
        rows["year"] += [year] * int(top.sum())
        rows["metric_id"] += ["employer_rank"] * int(top.sum())
        rows["value"] += list(rank[top].astype(float))
        rows["n"] += [None] * int(top.sum())
    return _typed("employer", rows).sort("company_id", "year", "metric_id")


def _waves(responses: pl.DataFrame) -> pl.DataFrame:
    panel = responses.group_by("year").agg(pl.col("respondent_id").n_unique().alias("respondents"))
    counts = dict(panel.iter_rows())
    return _typed(
        "waves",
        {
            "year": list(YEARS),
            "status": ["cancelled" if y in CANCELLED else "published" for y in YEARS],
            "fieldwork_start": [None if y in CANCELLED else dt.date(y, 10, 1) for y in YEARS],
            "fieldwork_end": [None if y in CANCELLED else dt.date(y, 11, 30) for y in YEARS],
            "respondents": [counts.get(y) for y in YEARS],
            "note": [CANCELLED.get(y) for y in YEARS],
        },
    )


COMPANY_LEVEL = ("industries", "companies", "waves", "service_scores", "commercial", "employer")


def write(benchmark: Benchmark, out: Path, csv_responses: bool = False) -> list[Path]:
    """Write the company-level tables as CSV and the responses as Parquet (and CSV on request)."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in COMPANY_LEVEL:
        path = out / f"{name}.csv"
        benchmark.tables[name].write_csv(path, float_precision=None)
        written.append(path)
    path = out / "responses.parquet"
    benchmark.tables["responses"].write_parquet(
        path, compression="zstd", compression_level=10, statistics=False
    )
    written.append(path)
    if csv_responses:
        path = out / "responses.csv"
        benchmark.tables["responses"].write_csv(path)
        written.append(path)
    return written

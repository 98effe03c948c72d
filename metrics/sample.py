"""The bundled sample benchmark: fictional Swedish companies in real Swedish industries, 2013–2025.

Deterministic (a fixed seed; `servicemirror sample` rewrites the committed files byte for byte) and
built to the parameters in `shared/domain.md`: company scores around 70 (between-company SD about 6,
industry effects ±8), respondent SD about 20, year-to-year autocorrelation about 0.8, n from about
30 to 400, 2020 and 2021 cancelled.

The links a board would ask about are *planted* as correlations with the true service score at the
company-year level (`PLANTED`), so the analytics can be checked against known answers: each outcome
is `ρ·z + √(1 − ρ²)·ε`, with z the standardised true score and ε independent unit-variance noise made
of industry, company and year parts. Monopolies and public authorities get no commercial link. A few
companies (`Benchmark.planted["hidden_dissatisfaction"]`) have a mean that looks fine while a quarter
of their respondents are very dissatisfied. Business moments differ in how closely they follow the
total (`MOMENT_NOISE`): the planted order of importance.

Every company name is invented; no real company is named. Columns and types come from the schema.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl
import polars.selectors as cs

from metrics.aggregate import aggregate_responses
from metrics.schema import BUSINESS_MOMENTS, SERVICE_DIMENSIONS, TABLES

SEED = 20130
YEARS = tuple(range(2013, 2026))
FIRST_FISCAL_YEAR = 2012
CANCELLED = {
    2020: "Inställd på grund av covid-19 / cancelled (COVID-19)",
    2021: "Ingen mätning / no wave",
}
SCALE_POINTS = 10
RESPONDENT_SD = 20.0
DEFAULT_RESPONDENTS = 300_000
HIDDEN_PER_SAMPLE = 4
HIDDEN_SHARE_ANGRY = 0.25

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

# industry_id: (name_sv, name_en, sector, effect on the 0–100 score)
INDUSTRIES: dict[str, tuple[str, str, str, float]] = {
    "apotek": ("Apotek", "Pharmacies", "handel", 7.5),
    "hotell": ("Hotell", "Hotels", "besöksnäring", 6.0),
    "fastighetsmaklare": ("Fastighetsmäklare", "Estate agents", "tjänster", 4.0),
    "gym-och-traning": ("Gym och träning", "Gyms and fitness", "tjänster", 3.5),
    "mobler-och-inredning": ("Möbler och inredning", "Furniture and interiors", "handel", 2.5),
    "dagligvaruhandel": ("Dagligvaruhandel", "Grocery retail", "handel", 2.0),
    "klader-och-mode": ("Kläder och mode", "Clothing and fashion", "handel", 1.5),
    "byggvaruhandel": ("Byggvaruhandel", "DIY and building supplies", "handel", 1.0),
    "e-handel": ("E-handel", "E-commerce", "handel", 1.0),
    "bilhandel": ("Bilhandel", "Car dealers", "handel", 0.5),
    "hemelektronik": ("Hemelektronik", "Consumer electronics", "handel", 0.0),
    "resor": ("Resebyråer", "Travel agencies", "besöksnäring", 0.0),
    "forsakring": ("Försäkring", "Insurance", "finans", -1.0),
    "bank": ("Bank", "Banking", "finans", -2.0),
    "vard": ("Vårdcentraler", "Health centres", "offentligt", -2.5),
    "flyg": ("Flyg", "Airlines", "transport", -4.0),
    "energi": ("Energi", "Energy", "energi", -5.0),
    "kollektivtrafik": ("Kollektivtrafik", "Public transport", "transport", -6.0),
    "bredband-och-tv": ("Bredband och tv", "Broadband and TV", "telekom", -6.5),
    "post-och-logistik": ("Post och logistik", "Post and logistics", "transport", -7.0),
    "telekom": ("Telekom", "Telecom operators", "telekom", -8.0),
    "myndigheter": ("Myndigheter", "Public authorities", "offentligt", -8.5),
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

# Business moments: (offset from the total score, share of respondents who had that contact,
# company-specific SD). The larger the company-specific SD, the less the moment follows the total:
# the planted order of importance runs from the smallest to the largest.
MOMENTS: dict[str, tuple[float, float, float]] = {
    "first_contact": (2.0, 0.70, 1.5),
    "purchase": (3.0, 0.75, 2.5),
    "delivery": (1.0, 0.65, 3.0),
    "getting_started": (0.0, 0.55, 3.5),
    "getting_more": (-3.0, 0.45, 5.0),
    "questions": (-2.0, 0.60, 2.0),
    "complaint": (-6.0, 0.32, 4.0),
    "change": (-4.0, 0.40, 4.5),
    "farewell": (-9.0, 0.28, 6.0),
}
DIMENSIONS: dict[str, tuple[float, float, float]] = {
    "treatment": (3.0, 0.9, 2.0),
    "accessibility": (-3.0, 0.9, 3.0),
    "competence": (1.0, 0.9, 2.5),
    "proactivity": (-5.0, 0.9, 4.0),
}
assert set(MOMENTS) == {k for k, _, _ in BUSINESS_MOMENTS}
assert set(DIMENSIONS) == {k for k, _, _ in SERVICE_DIMENSIONS}


@dataclass
class Benchmark:
    """The generated tables, typed as the schema says, and what was planted in them."""

    tables: dict[str, pl.DataFrame]
    planted: dict[str, object] = field(default_factory=dict)


def _typed(table: str, columns: dict) -> pl.DataFrame:
    """A frame with exactly the schema's columns, in its order and dtypes (absent ones as nulls)."""
    dtypes = TABLES[table].dtypes()
    frame = pl.DataFrame(columns)
    return frame.select(
        pl.col(c).cast(t) if c in frame.columns else pl.lit(None, t).alias(c)
        for c, t in dtypes.items()
    )


def _companies(rng: np.random.Generator, scale: int) -> pl.DataFrame:
    rows = []
    used: set[str] = set()
    for industry in INDUSTRIES:
        count = (9 if industry == "myndigheter" else int(rng.integers(7, 12))) * scale
        for k in range(count):
            if industry == "myndigheter":
                name = _AUTHORITIES[k % 9] + (f" {k // 9 + 1}" if k >= 9 else "")
            else:
                for attempt in range(1000):
                    stem = str(rng.choice(_FIRST)) + str(rng.choice(_SECOND))
                    name = f"{stem} {_SUFFIX[industry]}" + (
                        f" {attempt // 50 + 2}" if attempt >= 50 else ""
                    )
                    if name not in used:
                        break
            used.add(name)
            ownership = str(rng.choice(["listed", "private", "private", "listed", "cooperative"]))
            monopoly = False
            if industry == "myndigheter":
                ownership = "public_authority"
            elif k < scale and industry in (
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


def _latent_scores(rng: np.random.Generator, industry: np.ndarray) -> np.ndarray:
    """True service score per company (rows) and calendar year 2012–2026 (columns), AR(1) ≈ 0.8."""
    effect = np.array([INDUSTRIES[i][3] for i in industry])
    base = 70.0 + effect + rng.normal(0, 4.0, len(industry))
    years = len(YEARS) + 2
    u = np.zeros((len(industry), years))
    u[:, 0] = rng.normal(0, 3.0, len(industry))
    for t in range(1, years):
        u[:, t] = 0.8 * u[:, t - 1] + rng.normal(0, 3.0 * np.sqrt(1 - 0.64), len(industry))
    trend = np.linspace(-0.5, 1.0, years)
    return np.clip(base[:, None] + u + trend[None, :], 5, 98)


def _col(year: int) -> int:
    """Column of a calendar year in the latent matrix (column 0 is 2012)."""
    return year - FIRST_FISCAL_YEAR


class _Noise:
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


def _planted(z: np.ndarray, rho: float, noise: np.ndarray) -> np.ndarray:
    return rho * z + np.sqrt(1 - rho**2) * noise


def generate(respondents: int = DEFAULT_RESPONDENTS, seed: int = SEED, scale: int = 1) -> Benchmark:
    """The whole sample benchmark.

    `respondents` sets the size of the responses table (n per company grows with it); `scale`
    multiplies the number of companies (for checking the analytics on a larger sample).
    """
    rng = np.random.default_rng(seed)
    companies = _companies(rng, scale)
    n_comp = companies.height
    ids = companies["company_id"].to_numpy()
    industry = companies["industry_id"].to_numpy()
    no_link = (companies["ownership"] == "public_authority").to_numpy() | companies[
        "is_monopoly"
    ].to_numpy()
    latent = _latent_scores(rng, industry)
    z = (latent - latent.mean()) / latent.std()
    size = rng.lognormal(0, 1.0, n_comp)  # relative company size: revenue and sample size
    entry = np.where(rng.random(n_comp) < 0.12, rng.choice([2015, 2016, 2017, 2022], n_comp), 2013)
    hidden = _pick_hidden(rng, latent, industry, no_link, HIDDEN_PER_SAMPLE * scale)

    waves = [y for y in YEARS if y not in CANCELLED]
    base_n = np.clip(rng.lognormal(np.log(140), 0.6, (n_comp, len(waves))), 30, 420)
    base_n *= np.clip(size, 0.6, 1.6)[:, None] / np.clip(size, 0.6, 1.6).mean()
    measured = np.array([[y >= e for y in waves] for e in entry])
    per_respondent = respondents / (base_n * measured).sum()
    n = np.maximum(np.rint(base_n * per_respondent), min(25 * per_respondent, 25)).astype(int)
    n = n * measured

    responses = _responses(rng, ids, waves, n, latent, hidden)
    # published to 4 decimals: far coarser than the last-bit jitter of parallel float sums, so the
    # committed files are reproduced byte for byte
    scores = aggregate_responses(responses).with_columns(cs.float().round(4)).collect()
    moments = _moments(rng, ids, waves, n, latent)
    noise = _Noise(rng, industry)
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
        "service_scores": pl.concat([scores, moments]).sort("company_id", "year", "metric_id"),
        "responses": responses,
        "commercial": _commercial(rng, noise, ids, industry, no_link, size, z),
        "employer": _employer(noise, ids, z),
    }
    planted = {
        **PLANTED,
        "measurement_attenuation": _attenuation(scores, ids, latent),
        "hidden_dissatisfaction": sorted(ids[hidden].tolist()),
        "importance_order": [f"moment_{k}" for k in sorted(MOMENTS, key=lambda m: MOMENTS[m][2])],
        "autocorrelation": 0.8,
        "respondent_sd": RESPONDENT_SD,
    }
    return Benchmark(tables, planted)


def _attenuation(scores: pl.DataFrame, ids: np.ndarray, latent: np.ndarray) -> float:
    """Correlation of the observed total score with the true one. A planted correlation ρ with
    the true score shows as ρ times this with the observed score (sampling error, a 10-point scale
    and its ends all blur the truth a little)."""
    index = {c: i for i, c in enumerate(ids)}
    total = scores.filter(pl.col("metric_id") == "servicescore")
    rows = np.array([index[c] for c in total["company_id"]])
    true = latent[rows, total["year"].to_numpy() - FIRST_FISCAL_YEAR]
    return float(np.corrcoef(total["value"].to_numpy(), true)[0, 1])


def _pick_hidden(rng, latent, industry, no_link, count) -> np.ndarray:
    """Companies clearly above their industry's median, one per industry at most."""
    means = latent.mean(axis=1)
    medians = {i: np.median(means[industry == i]) for i in set(industry)}
    # at least 2 points above the median, and at most 74 so the happy majority's ratings have
    # headroom below the top of the scale (clipped ratings would pull the mean down)
    above = np.array([medians[industry[k]] + 2 <= means[k] <= 74 for k in range(len(means))])
    candidates = np.flatnonzero(above & ~no_link)
    chosen: list[int] = []
    seen: set[str] = set()
    for k in rng.permutation(candidates):
        if industry[k] not in seen or len(seen) >= len(medians):
            chosen.append(int(k))
            seen.add(industry[k])
        if len(chosen) == count:
            break
    mask = np.zeros(len(means), bool)
    mask[chosen] = True
    return mask


def _responses(rng, ids, waves, n, latent, hidden) -> pl.DataFrame:
    """Ratings on a 1–10 scale; 1% coded 99 (don't know); weights around 1."""
    comp_idx = np.repeat(np.arange(len(ids))[:, None], len(waves), 1)
    wave_idx = np.repeat(np.arange(len(waves))[None, :], len(ids), 0)
    counts = n.ravel()
    c = np.repeat(comp_idx.ravel(), counts)
    w = np.repeat(wave_idx.ravel(), counts)
    years = np.array(waves)[w]
    true = latent[c, years - FIRST_FISCAL_YEAR]
    x = rng.normal(true, RESPONDENT_SD)
    # hidden dissatisfaction: a quarter very unhappy, the rest happier, the mean near the true score
    p = HIDDEN_SHARE_ANGRY
    angry = hidden[c] & (rng.random(len(c)) < p)
    happy = hidden[c] & ~angry
    x = np.where(angry, rng.normal(4, 5, len(c)), x)
    x = np.where(happy, rng.normal((true - p * 4) / (1 - p), 9, len(c)), x)
    rating = np.clip(np.rint(np.clip(x, 0, 100) / 100 * (SCALE_POINTS - 1)) + 1, 1, SCALE_POINTS)
    rating = np.where(rng.random(len(c)) < 0.01, 99, rating).astype(np.int64)
    # each wave's ~3,000 panel members rate several companies
    panel = max(3000 * len(c) // DEFAULT_RESPONDENTS, 3000)
    respondent = years.astype(np.int64) * 10**7 + rng.integers(1, panel + 1, len(c))
    weight = np.round(rng.lognormal(0, 0.25, len(c)), 2)
    return _typed(
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


def _moments(rng, ids, waves, n, latent) -> pl.DataFrame:
    """Business-moment and dimension scores, each from the share of respondents who had that contact."""
    rows: dict[str, list] = {k: [] for k in ("company_id", "year", "metric_id", "value", "n", "sd")}
    items = [(f"moment_{k}", *v) for k, v in MOMENTS.items()]
    items += [(f"dim_{k}", *v) for k, v in DIMENSIONS.items()]
    persistent = {metric: rng.normal(0, sd, len(ids)) for metric, _, _, sd in items}
    for j, year in enumerate(waves):
        true = latent[:, _col(year)]
        for metric, offset, share, _ in items:
            nk = np.rint(n[:, j] * share).astype(int)
            ok = nk >= 2
            se = RESPONDENT_SD / np.sqrt(np.maximum(nk, 1))
            value = np.clip(true + offset + persistent[metric] + rng.normal(0, se), 0, 100)
            sd = np.clip(rng.normal(RESPONDENT_SD, 2, len(ids)), 8, 35)
            rows["company_id"] += list(ids[ok])
            rows["year"] += [year] * int(ok.sum())
            rows["metric_id"] += [metric] * int(ok.sum())
            rows["value"] += list(np.round(value[ok], 2))
            rows["n"] += list(nk[ok])
            rows["sd"] += list(np.round(sd[ok], 2))
    return _typed("service_scores", rows)


def _commercial(rng, noise: _Noise, ids, industry, no_link, size, z) -> pl.DataFrame:
    """Revenue, EBIT, staff and assets per fiscal year 2012–2025. EBIT margin follows same-year
    service and growth follows last year's service, as planted; monopolies and authorities have no
    link, and authorities report no EBIT (they have appropriations, not profits)."""
    margin_std = np.where(
        no_link[:, None],
        _planted(z, PLANTED["ebit_margin_pct_monopolies"], noise.draw((0.0, 0.25, 0.75))),
        _planted(z, PLANTED["ebit_margin_pct"], noise.draw((0.0, 0.25, 0.75))),
    )
    margin = 8.0 + 5.0 * margin_std
    lagged = np.concatenate([z[:, :1], z[:, :-1]], axis=1)  # service of the previous year
    growth_std = _planted(
        lagged, PLANTED["revenue_growth_pct_next_year"], noise.draw((0.0, 0.2, 0.8))
    )
    growth_std = np.where(no_link[:, None], noise.draw((0.0, 0.2, 0.8)), growth_std)
    growth = 3.0 + 7.0 * growth_std
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
    authority = industry == "myndigheter"
    for year in range(FIRST_FISCAL_YEAR, YEARS[-1] + 1):
        t = _col(year)
        if year > FIRST_FISCAL_YEAR:
            revenue = revenue * (1 + growth[:, t] / 100)
        ebit = np.round(revenue * margin[:, t] / 100, 1)
        out["company_id"] += list(ids)
        out["fiscal_year"] += [year] * len(ids)
        out["revenue_msek"] += list(np.round(revenue, 1))
        out["ebit_msek"] += [None if a else e for a, e in zip(authority, ebit, strict=True)]
        out["employees"] += list(np.rint(revenue / productivity).astype(int))
        out["total_assets_msek"] += list(np.round(revenue * assets_ratio, 1))
    return _typed("commercial", out)


def _employer(noise: _Noise, ids, z) -> pl.DataFrame:
    """eNPS, staff turnover, attractiveness, employer rank (top 100) and a Glassdoor-like rating."""
    rows: dict[str, list] = {k: [] for k in ("company_id", "year", "metric_id", "value", "n")}
    shares = (0.0, 0.25, 0.75)
    enps = np.clip(10 + 20 * _planted(z, PLANTED["enps"], noise.draw(shares)), -100, 100)
    turnover = np.clip(
        14 + 4 * _planted(z, PLANTED["staff_turnover_pct"], noise.draw(shares)), 0.5, 60
    )
    attract = np.clip(
        50 + 10 * _planted(z, PLANTED["employer_attractiveness"], noise.draw(shares)), 0, 100
    )
    stars = np.clip(3.5 + 0.4 * _planted(z, PLANTED["glassdoor_rating"], noise.draw(shares)), 1, 5)
    respondents = noise.rng.integers(40, 900, (len(ids), z.shape[1]))

    def add(year: int, metric: str, values: np.ndarray, n=None, keep=None) -> None:
        keep = np.ones(len(ids), bool) if keep is None else keep
        rows["company_id"] += list(ids[keep])
        rows["year"] += [year] * int(keep.sum())
        rows["metric_id"] += [metric] * int(keep.sum())
        rows["value"] += list(values[keep])
        rows["n"] += list(n[keep]) if n is not None else [None] * int(keep.sum())

    for year in YEARS:
        t = _col(year)
        add(year, "enps", np.round(enps[:, t], 0), respondents[:, t])
        add(year, "staff_turnover_pct", np.round(turnover[:, t], 1))
        add(year, "employer_attractiveness", np.round(attract[:, t], 1))
        add(year, "glassdoor_rating", np.round(stars[:, t], 2))
        rank = np.empty(len(ids), int)
        rank[np.argsort(-attract[:, t], kind="stable")] = np.arange(1, len(ids) + 1)
        add(year, "employer_rank", rank.astype(float), keep=rank <= 100)
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
        benchmark.tables[name].write_csv(path)
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

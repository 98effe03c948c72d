"""The sample's service side: each company's true score over the years, the panel's ratings of it
(one rating per respondent, company and wave), the business moments and service dimensions, and
the few companies whose fine mean hides a large, very unhappy minority."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from metrics.sample.names import INDUSTRIES
from metrics.sample.typed import typed
from metrics.schema import BUSINESS_MOMENTS, LOW_BASE_N, SERVICE_DIMENSIONS

YEARS = tuple(range(2013, 2026))
FIRST_FISCAL_YEAR = 2012
CANCELLED = {
    2020: "Inställd på grund av covid-19 / cancelled (COVID-19)",
    2021: "Ingen mätning / no wave",
}
SCALE_POINTS = 10
RESPONDENT_SD = 20.0
PANEL = 3000
"""Panel members per wave in the default sample; each rates the companies they had contact with,
each of them once."""
HIDDEN_SHARE_ANGRY = 0.25

# Business moments: (offset from the total score, share of respondents who had that contact,
# company-specific SD). The larger the company-specific SD, the less the moment follows the total:
# the planted order of importance runs from the smallest to the largest.
MOMENTS: dict[str, tuple[float, float, float]] = {
    "first_contact": (2.0, 0.80, 1.5),
    "purchase": (3.0, 0.80, 2.5),
    "delivery": (1.0, 0.70, 3.0),
    "getting_started": (0.0, 0.60, 3.5),
    "getting_more": (-3.0, 0.50, 5.0),
    "questions": (-2.0, 0.65, 2.0),
    "complaint": (-6.0, 0.40, 4.0),
    "change": (-4.0, 0.45, 4.5),
    "farewell": (-9.0, 0.35, 6.0),
}
DIMENSIONS: dict[str, tuple[float, float, float]] = {
    "treatment": (3.0, 0.9, 2.0),
    "accessibility": (-3.0, 0.9, 3.0),
    "competence": (1.0, 0.9, 2.5),
    "proactivity": (-5.0, 0.9, 4.0),
}
assert set(MOMENTS) == {k for k, _, _ in BUSINESS_MOMENTS}
assert set(DIMENSIONS) == {k for k, _, _ in SERVICE_DIMENSIONS}


def column(year: int) -> int:
    """Column of a calendar year in the latent matrix (column 0 is 2012)."""
    return year - FIRST_FISCAL_YEAR


def latent_scores(rng: np.random.Generator, industry: np.ndarray) -> np.ndarray:
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


def respondents_per_wave(
    rng: np.random.Generator, size: np.ndarray, measured: np.ndarray, total: int
) -> np.ndarray:
    """Respondents per company (rows) and published wave (columns), `total` in all: a median near
    190 (panel members who had contact with the company), bigger companies more, and a low base
    (fewer than 50) in about one company-wave in fifty."""
    shape = measured.shape
    bigger = np.clip(size, 0.6, 1.6)[:, None] / np.clip(size, 0.6, 1.6).mean()
    base = np.clip(rng.lognormal(np.log(190), 0.45, shape) * bigger, 35, 450)
    per_respondent = total / (base * measured).sum()
    n = np.maximum(np.rint(base * per_respondent), min(25 * per_respondent, 25)).astype(int)
    return n * measured


def pick_hidden(rng, latent, industry, no_link, count) -> np.ndarray:
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


def responses(rng, ids, waves, n, latent, hidden, panel: int) -> pl.DataFrame:
    """Ratings on a 1–10 scale by a panel of `panel` members per wave, each rating a company at most
    once a wave; 1% coded 99 (don't know); survey weights around 1."""
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
    # the members who rated each company in a wave: drawn without replacement, so nobody rates
    # the same company twice in a wave
    members = np.concatenate(
        [rng.choice(panel, k, replace=False) + 1 for k in counts if k]
        or [np.zeros(0, dtype=np.int64)]
    )
    respondent = years.astype(np.int64) * 10**7 + members
    weight = np.round(rng.lognormal(0, 0.25, len(c)), 2)
    return typed(
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


def effective_respondents(responses: pl.DataFrame) -> pl.DataFrame:
    """Kish's effective n, (Σw)²/Σw², of each company, year and metric's valid ratings."""
    valid = responses.filter(pl.col("rating") <= pl.col("scale_points"))
    return valid.group_by("company_id", "year", "metric_id").agg(
        n_eff=(pl.col("weight").sum() ** 2 / (pl.col("weight") ** 2).sum()).round(2)
    )


def moments(rng, ids, waves, n, latent) -> pl.DataFrame:
    """Business-moment and dimension scores, each from the share of respondents who had that
    contact. As a publisher would, a moment is left out where fewer than the low base had it."""
    rows: dict[str, list] = {k: [] for k in ("company_id", "year", "metric_id", "value", "n", "sd")}
    items = [(f"moment_{k}", *v) for k, v in MOMENTS.items()]
    items += [(f"dim_{k}", *v) for k, v in DIMENSIONS.items()]
    persistent = {metric: rng.normal(0, sd, len(ids)) for metric, _, _, sd in items}
    for j, year in enumerate(waves):
        true = latent[:, column(year)]
        for metric, offset, share, _ in items:
            nk = np.rint(n[:, j] * share).astype(int)
            ok = nk >= LOW_BASE_N
            se = RESPONDENT_SD / np.sqrt(np.maximum(nk, 1))
            value = np.clip(true + offset + persistent[metric] + rng.normal(0, se), 0, 100)
            sd = np.clip(rng.normal(RESPONDENT_SD, 2, len(ids)), 8, 35)
            rows["company_id"] += list(ids[ok])
            rows["year"] += [year] * int(ok.sum())
            rows["metric_id"] += [metric] * int(ok.sum())
            rows["value"] += list(np.round(value[ok], 2))
            rows["n"] += list(nk[ok])
            rows["sd"] += list(np.round(sd[ok], 2))
    return typed("service_scores", rows)


def attenuation(scores: pl.DataFrame, ids: np.ndarray, latent: np.ndarray) -> float:
    """Correlation of the observed total score with the true one. A planted correlation ρ with
    the true score shows as ρ times this with the observed score (sampling error, a 10-point scale
    and its ends all blur the truth a little)."""
    index = {c: i for i, c in enumerate(ids)}
    total = scores.filter(pl.col("metric_id") == "servicescore")
    rows = np.array([index[c] for c in total["company_id"]])
    true = latent[rows, total["year"].to_numpy() - FIRST_FISCAL_YEAR]
    return float(np.corrcoef(total["value"].to_numpy(), true)[0, 1])


def within_reliability(scores: pl.DataFrame, ids: np.ndarray, latent: np.ndarray) -> float:
    """How much of a company's year-to-year movement in its observed total score is real: the slope
    of the true score on the observed one after removing each company's mean and each year's
    mean. A within-company regression on the observed score is attenuated by this factor."""
    index = {c: i for i, c in enumerate(ids)}
    total = scores.filter(pl.col("metric_id") == "servicescore")
    rows = np.array([index[c] for c in total["company_id"]])
    frame = total.select("company_id", "year", observed="value").with_columns(
        true=pl.Series(latent[rows, total["year"].to_numpy() - FIRST_FISCAL_YEAR])
    )
    for group in ("company_id", "year", "company_id"):  # alternating projections: two-way means
        frame = frame.with_columns(
            pl.col(c) - pl.col(c).mean().over(group) for c in ("observed", "true")
        )
    observed, true = frame["observed"].to_numpy(), frame["true"].to_numpy()
    return float((observed * true).sum() / (observed * observed).sum())


def wave_table(responses: pl.DataFrame) -> pl.DataFrame:
    """Every survey year, cancelled ones included, with the panel's size."""
    panel = responses.group_by("year").agg(pl.col("respondent_id").n_unique().alias("respondents"))
    counts = dict(panel.iter_rows())
    return typed(
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

"""The bundled sample benchmark: fictional Swedish companies in real Swedish industries, 2013–2025.

Deterministic (a fixed seed; `servicemirror sample` rewrites the committed files byte for byte) and
built to the parameters in `shared/domain.md`: company scores around 70 (between-company SD about 6,
industry effects ±8), respondent SD about 20, year-to-year autocorrelation about 0.8, n from about
30 to 450 with a median near 190 (a low base in about one company-wave in fifty), 2020 and 2021
cancelled. A panel of about 3,000 people per wave rates the companies, nobody the same company
twice in a wave; survey weights around 1 (Kish's effective n is published beside n).

The links a board would ask about are *planted* as correlations with the true service score at the
company-year level (`PLANTED`), so the analytics can be checked against known answers: each outcome
is `ρ·z + √(1 − ρ²)·ε`, with z the standardised true score and ε independent unit-variance noise made
of industry, company and year parts. Growth follows the previous year's service. Monopolies and
public authorities get no commercial link. A few companies (`Benchmark.planted
["hidden_dissatisfaction"]`) have a mean that looks fine while a quarter of their respondents are
very dissatisfied. Business moments differ in how closely they follow the total (`MOMENTS`): the
planted order of importance.

Modules: `names` (industries and invented companies), `service` (true scores, the panel's ratings,
moments), `outcomes` (commercial and employer metrics). Every company name is invented; no real
company is named. Columns and types come from the schema.

May import: all of `metrics` but `metrics.cli` (it writes what the loader reads).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl
import polars.selectors as cs

from metrics.aggregate import aggregate_responses
from metrics.sample import outcomes, service
from metrics.sample.names import INDUSTRIES, companies
from metrics.sample.outcomes import PLANTED, SPREAD
from metrics.sample.service import CANCELLED, MOMENTS, PANEL, RESPONDENT_SD, YEARS
from metrics.sample.typed import typed

__all__ = ["CANCELLED", "INDUSTRIES", "PLANTED", "YEARS", "Benchmark", "generate", "write"]

SEED = 20130
DEFAULT_RESPONDENTS = 400_000
HIDDEN_PER_SAMPLE = 4


@dataclass
class Benchmark:
    """The generated tables, typed as the schema says, and what was planted in them."""

    tables: dict[str, pl.DataFrame]
    planted: dict[str, object] = field(default_factory=dict)


def generate(respondents: int = DEFAULT_RESPONDENTS, seed: int = SEED, scale: int = 1) -> Benchmark:
    """The whole sample benchmark.

    `respondents` sets the size of the responses table (n per company grows with it); `scale`
    multiplies the number of companies (for checking the analytics on a larger sample).
    """
    rng = np.random.default_rng(seed)
    cast = companies(rng, scale)
    n_comp = cast.height
    ids = cast["company_id"].to_numpy()
    industry = cast["industry_id"].to_numpy()
    no_link = (cast["ownership"] == "public_authority").to_numpy() | cast["is_monopoly"].to_numpy()
    latent = service.latent_scores(rng, industry)
    z = (latent - latent.mean()) / latent.std()
    size = rng.lognormal(0, 1.0, n_comp)  # relative company size: revenue and sample size
    entry = np.where(rng.random(n_comp) < 0.12, rng.choice([2015, 2016, 2017, 2022], n_comp), 2013)
    hidden = service.pick_hidden(rng, latent, industry, no_link, HIDDEN_PER_SAMPLE * scale)

    waves = [y for y in YEARS if y not in CANCELLED]
    measured = np.array([[y >= e for y in waves] for e in entry])
    n = service.respondents_per_wave(rng, size, measured, respondents)
    panel = max(PANEL * respondents // DEFAULT_RESPONDENTS, PANEL, int(n.max()))
    responses = service.responses(rng, ids, waves, n, latent, hidden, panel)
    # published to 4 decimals: far coarser than the last-bit jitter of parallel float sums, so the
    # committed files are reproduced byte for byte
    scores = (
        aggregate_responses(responses)
        .drop("n_eff")
        .join(
            service.effective_respondents(responses).lazy(), on=["company_id", "year", "metric_id"]
        )
        .select(typed("service_scores", {}).columns)
        .with_columns(cs.float().round(4))
        .collect()
    )
    moments = service.moments(rng, ids, waves, n, latent)
    noise = outcomes.Noise(rng, industry)
    tables = {
        "industries": typed(
            "industries",
            {
                "industry_id": list(INDUSTRIES),
                "name_sv": [v[0] for v in INDUSTRIES.values()],
                "name_en": [v[1] for v in INDUSTRIES.values()],
                "sector": [v[2] for v in INDUSTRIES.values()],
            },
        ),
        "companies": cast,
        "waves": service.wave_table(responses),
        "service_scores": pl.concat([scores, moments]).sort("company_id", "year", "metric_id"),
        "responses": responses,
        "commercial": outcomes.commercial(rng, noise, ids, industry, no_link, size, z),
        "employer": outcomes.employer(noise, ids, z),
    }
    planted = {
        **PLANTED,
        "spread": SPREAD,
        "latent_sd": float(latent.std()),
        "measurement_attenuation": service.attenuation(scores, ids, latent),
        "within_reliability": service.within_reliability(scores, ids, latent),
        "hidden_dissatisfaction": sorted(ids[hidden].tolist()),
        "importance_order": [f"moment_{k}" for k in sorted(MOMENTS, key=lambda m: MOMENTS[m][2])],
        "autocorrelation": 0.8,
        "respondent_sd": RESPONDENT_SD,
    }
    return Benchmark(tables, planted)


COMPANY_LEVEL = ("industries", "companies", "waves", "service_scores", "commercial", "employer")


ABOUT = """# What the sample says about itself (see metrics/ingest/colmap.py): its conventions.
# (Its name and source are the app's own words, in the reader's language.)
[dataset]
nominations = 3   # ServiceScore names the top three of each industry
"""


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
    path = out / "dataset.toml"
    path.write_text(ABOUT, encoding="utf-8")
    written.append(path)
    if csv_responses:
        path = out / "responses.csv"
        benchmark.tables["responses"].write_csv(path)
        written.append(path)
    return written

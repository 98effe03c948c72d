"""The sample's cast: real Swedish industry categories and invented company names (compounds of
Swedish place-name parts that name no real company), with a few state-owned monopolies and public
authorities."""

from __future__ import annotations

import numpy as np
import polars as pl

from metrics.sample.typed import typed

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


def companies(rng: np.random.Generator, scale: int) -> pl.DataFrame:
    """7–11 invented companies per industry (nine public authorities), `scale` times over; in a few
    industries the first is state-owned, and a monopoly outside pharmacies."""
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
    return typed("companies", {k: [r[k] for r in rows] for k in rows[0]})

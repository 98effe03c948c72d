"""What the sample generator planted, against what the analytics recover from the published files.

    python bench/planted.py

The generator (`metrics.sample`) plants each outcome's correlation with the *true* service score of a
company-year (`PLANTED`); the analytics see the *measured* score (sampling error of a few hundred
respondents), so a recovered correlation is slightly attenuated, never inflated. Growth is planted
against the previous year's service and nothing the other way: the cross-lagged regression should
find service leading, and the other direction near zero. Monopolies and authorities get no
commercial link (planted 0) and are left out of the commercial figures.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from metrics.analytics import panel, relations
from metrics.ingest.load import load_dataset
from metrics.sample import PLANTED

ROOT = Path(__file__).resolve().parent.parent
SERVICE = "servicescore"


def main() -> None:
    tables = load_dataset(ROOT / "sample_data").tables
    values = relations.metric_values(
        tables["service_scores"], tables["commercial"], tables["employer"]
    )
    companies = tables["companies"]
    print(
        f"{'outcome':<32}{'planted r':>10}  recovered r [95% CI, company bootstrap]   n / companies"
    )
    for outcome, lag in (
        ("ebit_margin_pct", 0),
        ("revenue_growth_pct", 1),
        ("enps", 0),
        ("staff_turnover_pct", 0),
        ("employer_attractiveness", 0),
        ("glassdoor_rating", 0),
    ):
        if outcome not in set(values["metric_id"]):
            continue
        planted = PLANTED[outcome if lag == 0 else f"{outcome}_next_year"]
        r = relations.relation(values, companies, SERVICE, outcome, lag=lag).row(0, named=True)
        name = outcome + (" (next year)" if lag else "")
        print(
            f"{name:<32}{planted:>10.2f}  {r['pearson_r']:>6.2f} [{r['pearson_boot_low']:.2f}, {r['pearson_boot_high']:.2f}]"
            f"{'':>22}{r['n']:,} / {r['clusters']}"
        )
    print("\ncross-lagged, revenue growth (standardised β, errors clustered by company):")
    out = panel.cross_lagged(values, companies, SERVICE, "revenue_growth_pct")
    for row in out.iter_rows(named=True):
        print(
            f"  {row['direction']:<14} β = {row['beta']:.3f} ± {1.96 * row['se']:.3f}"
            f" [{row['ci_low']:.3f}, {row['ci_high']:.3f}], {row['n']:,} pairs, verdict {row['verdict']}"
        )
    print("\nwithin company (company and year fixed effects, clustered), outcome the year after:")
    print(
        "  (planted through the level links: each year's outcome follows that year's true service)"
    )
    for outcome in ("ebit_margin_pct", "revenue_growth_pct", "enps"):
        fe = panel.within_company(values, companies, SERVICE, outcome)
        print(
            f"  {outcome:<20} {fe['beta']:+.3f} per point [{fe['ci_low']:+.3f}, {fe['ci_high']:+.3f}],"
            f" {fe['n']:,} company-years"
        )


if __name__ == "__main__":
    main()

"""Analytics benchmark: every analytics function of `metrics/` on the bundled sample and on a company-level
dataset ten times larger (ten times the companies: the generator's `scale=10`).

    python bench/analytics.py            # sample and ×10
    python bench/analytics.py --reps 5   # more repetitions per function

Each function runs once cold (first call in the process) and then `--reps` times; the table shows the
median of those, the cold time, and the ×10 / sample ratio (a function whose work grows with companies
should be near 10 or below; the bootstraps' cost grows with the rows they resample).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))


def large_dataset(scale: int) -> Path:
    """The sample generator at `scale` times the companies, written once to bench/out/."""
    from metrics.sample import generate, write

    folder = OUT / f"analytics-x{scale}"
    if not (folder / "companies.csv").exists():
        write(generate(scale=scale), folder)
    return folder


def cases(tables: dict) -> dict[str, Callable[[], object]]:
    """One call of every analytics function, with the arguments the dashboard uses."""
    from metrics.analytics import (
        dissatisfaction,
        drivers,
        findings,
        mirror,
        panel,
        rankings,
        relations,
        views,
    )
    from metrics.schema import HEADLINE

    scores, companies, waves = tables["service_scores"], tables["companies"], tables["waves"]
    commercial, employer, catalogue = tables["commercial"], tables["employer"], tables["metrics"]
    year = rankings.published_years(waves)[-1]
    values = relations.metric_values(scores, commercial, employer)
    company = companies["company_id"][0]
    ranking = rankings.industry_ranking(scores, companies, waves, metric="servicescore")
    history = rankings.rank_history(ranking, waves)
    service, margin, growth = HEADLINE.service, HEADLINE.margin, HEADLINE.growth
    flags = dissatisfaction.dissatisfaction(tables["rating_counts"], companies, service, scores)
    quad = mirror.quadrants(values, companies, catalogue, HEADLINE.employer[0], HEADLINE.service)
    moves = mirror.quadrant_movement(quad, rankings.published_years(waves))
    ip = drivers.importance_performance(scores, companies, company, year, "servicescore")
    outcomes = [margin, growth]
    return {
        "rankings.company_scores": lambda: rankings.company_scores(
            scores, companies, "servicescore"
        ),
        "rankings.industry_ranking": lambda: rankings.industry_ranking(
            scores, companies, waves, metric="servicescore"
        ),
        "rankings.company_ranking": lambda: rankings.company_ranking(
            scores, companies, waves, metric="servicescore"
        ),
        "rankings.rank_history": lambda: rankings.rank_history(ranking, waves),
        "rankings.quarter_summary": lambda: rankings.quarter_summary(history),
        "rankings.side_by_side": lambda: rankings.side_by_side(ranking, waves, year),
        "relations.commercial_metrics": lambda: relations.commercial_metrics(commercial),
        "relations.metric_values": lambda: relations.metric_values(scores, commercial, employer),
        "relations.relation (bootstrap)": lambda: relations.relation(
            values, companies, service, margin
        ),
        "relations.relation_data": lambda: relations.relation_data(
            values, companies, service, margin
        ),
        "panel.cross_lagged": lambda: panel.cross_lagged(values, companies, service, growth),
        "panel.within_company": lambda: panel.within_company(values, companies, service, margin),
        "relations.correlation_matrix (one wave)": lambda: relations.correlation_matrix(
            values, companies, [service, *outcomes, *HEADLINE.employer], year=year
        ),
        "relations.service_quartiles": lambda: relations.service_quartiles(
            values, companies, service
        ),
        "relations.quartile_gap": lambda: relations.quartile_gap(
            values, companies, outcomes, service
        ),
        "mirror.quadrants": lambda: mirror.quadrants(
            values, companies, catalogue, HEADLINE.employer[0], service
        ),
        "mirror.quadrant_movement": lambda: mirror.quadrant_movement(
            quad, rankings.published_years(waves)
        ),
        "mirror.transition_counts": lambda: mirror.transition_counts(moves),
        "drivers.driver_importance": lambda: drivers.driver_importance(scores, "servicescore"),
        "drivers.importance_performance": lambda: drivers.importance_performance(
            scores, companies, company, year, "servicescore"
        ),
        "drivers.fix_first": lambda: drivers.fix_first(ip),
        "dissatisfaction.rating_distribution": lambda: dissatisfaction.rating_distribution(
            tables["rating_counts"]
        ),
        "dissatisfaction.dissatisfaction": lambda: dissatisfaction.dissatisfaction(
            tables["rating_counts"], companies, service, scores
        ),
        "dissatisfaction.hidden_companies": lambda: dissatisfaction.hidden_companies(flags),
        "views.company_ranking (labelled)": lambda: views.company_ranking(tables, "servicescore"),
        "views.relation_view (one wave)": lambda: (
            views.relation_view(
                tables,
                values,
                rankings.company_scores(scores, companies, "servicescore"),
                service,
                margin,
                year=year,
            ).points
        ),
        "findings.key_findings (all)": lambda: findings.key_findings(tables, company_id=company),
    }


def timed(fn: Callable[[], object], reps: int) -> tuple[float, float]:
    start = time.perf_counter()
    fn()
    cold = time.perf_counter() - start
    runs = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return cold, statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args()

    from metrics.ingest.load import load_dataset

    datasets = {"sample": ROOT / "sample_data", f"×{args.scale}": large_dataset(args.scale)}
    results: dict[str, dict[str, tuple[float, float]]] = {}
    sizes = {}
    for label, path in datasets.items():
        start = time.perf_counter()
        dataset = load_dataset(path)
        load_s = time.perf_counter() - start
        assert dataset.usable, dataset.report.to_text()
        t = dataset.tables
        sizes[label] = (t["companies"].height, t["service_scores"].height, load_s)
        results[label] = {name: timed(fn, args.reps) for name, fn in cases(t).items()}

    small, big = datasets
    for label, (companies, scores, load_s) in sizes.items():
        print(f"{label}: {companies:,} companies, {scores:,} scores, loaded in {load_s:.2f} s")
    header = (
        f"\n{'function':<38} {small + ' ms':>10} {'cold ms':>8} {big + ' ms':>10} "
        f"{'cold ms':>8} {'ratio':>6}"
    )
    print(header)
    print("-" * (len(header) - 1))
    total = {small: 0.0, big: 0.0}
    for name in results[small]:
        (c1, m1), (c2, m2) = results[small][name], results[big][name]
        total[small] += m1
        total[big] += m2
        print(
            f"{name:<38} {m1 * 1e3:>10.1f} {c1 * 1e3:>8.1f} {m2 * 1e3:>10.1f} {c2 * 1e3:>8.1f} "
            f"{m2 / m1:>6.1f}"
        )
    print("-" * (len(header) - 1))
    print(
        f"{'all of them':<38} {total[small] * 1e3:>10.1f} {'':>8} {total[big] * 1e3:>10.1f} "
        f"{'':>8} {total[big] / total[small]:>6.1f}"
    )


if __name__ == "__main__":
    main()

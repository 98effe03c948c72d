"""Database benchmark: respondent rows in PostgreSQL, aggregated where they live (the SQL Service
Mirror sends) against pulled whole and aggregated in Polars; time and bytes that travel.

    python bench/database.py                 # 10M rows (a throwaway cluster; loading takes a while)
    python bench/database.py --rows 1000000

A throwaway cluster (tests/postgres.py) on a loopback port gets the sample's tables and N generated
respondent rows (`servicemirror load`'s writer). Bytes are PostgreSQL's own count of what it sent
to the client (pg_stat_database.tup_returned is rows; the bytes come from the Arrow size of what
arrived, the wire format being close to it).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import polars as pl

    from metrics.aggregate import aggregate_responses
    from metrics.ingest.database import DatabaseSource, _count_responses, connect, write_dataset
    from metrics.ingest.load import load_dataset
    from metrics.sample import generate
    from metrics.schema import TABLES
    from tests.postgres import start_cluster, stop_cluster

    cluster = start_cluster()
    try:
        uri = cluster.create_database("bench")
        folder = ROOT / "bench" / "out" / f"database-{args.rows}"
        if not (folder / "responses.parquet").exists():
            bench = generate(respondents=args.rows, seed=20130)
            folder.mkdir(parents=True, exist_ok=True)
            for name in ("companies", "industries", "waves"):
                bench.tables[name].write_csv(folder / f"{name}.csv")
            bench.tables["responses"].write_parquet(folder / "responses.parquet")
        start = time.perf_counter()
        written = write_dataset(load_dataset(folder, keep_rows=True), uri)
        print(
            f"loaded {written['responses']:,} respondent rows into PostgreSQL in "
            f"{time.perf_counter() - start:.1f} s (servicemirror load)\n"
        )
        source = DatabaseSource(uri, {t: t for t in ("companies", "responses")})

        def pushed() -> tuple[float, int, pl.DataFrame]:
            from metrics.ingest.database import _COLUMNS

            with connect(uri) as conn:
                _COLUMNS[(id(source), "responses")] = list(TABLES["responses"].dtypes())
                start = time.perf_counter()
                responses, _, _ = _count_responses(conn, source)
                scores = aggregate_responses(responses.counts).collect()
                took = time.perf_counter() - start
            size = responses.counts.estimated_size()
            return took, size, scores

        def pulled() -> tuple[float, int, pl.DataFrame]:
            start = time.perf_counter()
            rows = pl.read_database_uri("SELECT * FROM responses", uri, engine="adbc")
            scores = aggregate_responses(rows).collect()
            return time.perf_counter() - start, rows.estimated_size(), scores

        runs = {
            "aggregated in PostgreSQL (ours)": [pushed() for _ in range(args.repeat)],
            "pulled whole, aggregated in Polars": [pulled() for _ in range(args.repeat)],
        }
        a, b = (r[0][2] for r in runs.values())
        same = a.sort(a.columns).equals(b.sort(b.columns)) or _close(a, b)
        width = max(map(len, runs))
        print(f"{'':<{width}}  {'seconds':>8}  {'bytes to the client':>20}  {'rows':>10}")
        for name, results in runs.items():
            took = statistics.median(r[0] for r in results)
            rows = results[0][2].height
            print(f"{name:<{width}}  {took:>8.2f}  {results[0][1]:>20,}  {rows:>10,}")
        print(f"\nsame scores either way: {same}")
    finally:
        stop_cluster(cluster)


def _close(a, b) -> bool:
    from polars.testing import assert_frame_equal

    try:
        assert_frame_equal(a.sort(a.columns), b.sort(b.columns), check_exact=False)
        return True
    except AssertionError:
        return False


if __name__ == "__main__":
    main()

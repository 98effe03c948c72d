"""Ingest benchmark: respondent rows -> validated company scores, ours against a pandas peer and the
bare Polars floor, at several sizes, from Parquet and from CSV.

    python bench/ingest.py                      # 100k, 1M and 10M rows, Parquet and CSV
    python bench/ingest.py --sizes 100k 1M      # quicker
    python bench/ingest.py --sizes 100M         # the big one: a 0.5 GB Parquet and a 4.6 GB CSV file

Each job runs in its own process, so that peak memory (RSS) is the job's own. A process imports
what it needs, runs the job once (cold) and again (warm: as the app runs, with the imports and the
file cache warm; the median of three runs where they take under 5 s together), and reports both; the
parent also times the whole process. The jobs:

- **ours**: `metrics.ingest.load.load_dataset(folder)` — reads every table, validates all of them against the
  data model (types, ranges, keys, references, row rules; the report of bad rows intact) and aggregates
  the responses into company scores (n, weighted mean, sd, shares).
- **peer**: what most teams would write: pandas reads the same files, pandera's pandas backend checks
  the same columns (types, ranges, allowed metrics, companies that exist, rating within the scale), and
  a pandas groupby computes the same aggregates.
- **floor**: a bare Polars scan and group_by of the responses file: the same aggregates, no validation.

Generated datasets are kept in bench/out/ (not committed) and reused.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

SIZES = {"100k": 100_000, "1M": 1_000_000, "10M": 10_000_000, "100M": 100_000_000}
JOBS = ("ours", "peer", "floor")
CHUNK = 10_000_000
COLOURS = {"ours": "#0072B2", "peer": "#E69F00", "floor": "#009E73"}
KEY = ["company_id", "year", "metric_id"]


# --- the three jobs (run in a child process) -------------------------------------------------------


def job_ours(folder: Path) -> int:
    from metrics.ingest.load import load_dataset

    dataset = load_dataset(folder)
    assert dataset.report.ok, dataset.report.summary()
    return dataset.tables["service_scores"].height


def job_floor(folder: Path) -> int:
    import polars as pl

    path = _responses(folder)
    lf = pl.scan_parquet(path) if path.suffix == ".parquet" else pl.scan_csv(path)
    valid = pl.col("rating").is_not_null() & ~pl.col("rating").is_in([98, 99])
    x = pl.when(valid).then((pl.col("rating") - 1) / (pl.col("scale_points") - 1) * 100)
    scores = lf.group_by(KEY).agg(value=x.mean(), n=valid.sum(), sd=x.std()).collect()
    return scores.height


def job_peer(folder: Path) -> int:
    import pandas as pd
    import pandera.pandas as pa

    path = _responses(folder)
    frame = pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path)
    companies = pd.read_csv(folder / "companies.csv", dtype={"company_id": str})
    metrics = pd.read_csv(folder / "metrics.csv")
    service = metrics.loc[metrics["domain"] == "service", "metric_id"].tolist()
    schema = pa.DataFrameSchema(
        {
            "respondent_id": pa.Column(str, coerce=True),
            "year": pa.Column(int, pa.Check.in_range(2000, 2100)),
            "company_id": pa.Column(str, pa.Check.isin(companies["company_id"].tolist())),
            "metric_id": pa.Column(str, pa.Check.isin(service)),
            "rating": pa.Column(float, pa.Check.ge(1), nullable=True, coerce=True),
            "scale_points": pa.Column(int, pa.Check.in_range(2, 11)),
            "weight": pa.Column(float, pa.Check.gt(0), nullable=True, required=False),
        },
        checks=pa.Check(
            lambda d: (
                d["rating"].isna() | d["rating"].isin([98, 99]) | (d["rating"] <= d["scale_points"])
            ),
            error="a rating from 1 to scale_points",
        ),
    )
    frame = schema.validate(frame, lazy=True)
    rating = frame["rating"].where(~frame["rating"].isin([98, 99]))
    w = frame["weight"].fillna(1.0) if "weight" in frame else pd.Series(1.0, index=frame.index)
    w = w.where(rating.notna(), 0.0)
    x = (rating - 1) / (frame["scale_points"] - 1) * 100
    parts = pd.DataFrame(
        {
            **{k: frame[k] for k in KEY},
            "w": w,
            "wx": w * x,
            "x": x,
            "wtop": w * (rating >= frame["scale_points"] - 1),
            "wbottom": w * (rating <= 2),
        }
    )
    grouped = parts.groupby(KEY, sort=True)
    sums = grouped[["w", "wx", "wtop", "wbottom"]].sum()
    scores = pd.DataFrame(
        {
            "value": sums["wx"] / sums["w"],
            "n": grouped["x"].count(),
            "sd": grouped["x"].std(),
            "share_positive_pct": sums["wtop"] / sums["w"] * 100,
            "share_negative_pct": sums["wbottom"] / sums["w"] * 100,
        }
    )
    scores = scores[scores["n"] > 0]
    return len(scores)


def _responses(folder: Path) -> Path:
    return next(p for p in (folder / "responses.parquet", folder / "responses.csv") if p.exists())


def child(job: str, folder: Path) -> None:
    start = time.perf_counter()
    run = {"ours": job_ours, "peer": job_peer, "floor": job_floor}[job]
    first_start = time.perf_counter()
    rows = run(folder)
    first = time.perf_counter() - first_start
    warms: list[float] = []
    while len(warms) < 3 and sum(warms) < 5:  # the median of three where they are quick
        warm_start = time.perf_counter()
        run(folder)
        warms.append(time.perf_counter() - warm_start)
    warm = sorted(warms)[len(warms) // 2]
    print(
        json.dumps(
            {"rows": rows, "first": first, "warm": warm, "in_process": time.perf_counter() - start}
        )
    )


# --- the parent: data, processes, table --------------------------------------------------------------


def dataset(size: int, fmt: str) -> Path:
    """A generated dataset with `size` respondent rows and no precomputed scores, cached on disk.
    Generated in a child process: a parent that had held the data would pass its peak memory on to
    every job it starts (Linux counts a forked child's RSS from the fork)."""
    folder = OUT / f"ingest-{size}-{fmt}"
    if not (folder / f"responses.{fmt}").exists():
        subprocess.run(
            [sys.executable, __file__, "--generate", str(size), fmt], check=True, cwd=ROOT
        )
    return folder


def generate(size: int, fmt: str) -> None:
    folder = OUT / f"ingest-{size}-{fmt}"
    import polars as pl

    from metrics.sample import generate
    from metrics.schema import default_metrics

    folder.mkdir(parents=True, exist_ok=True)
    # above 10M rows: the generator's 10M rows repeated, respondent ids made distinct (generating
    # 100M rows at once would need more memory than reading them)
    repeat = max(1, size // CHUNK)
    bench = generate(respondents=size // repeat, seed=20130)
    for name in ("companies", "industries", "waves"):
        bench.tables[name].write_csv(folder / f"{name}.csv")
    default_metrics().write_csv(folder / "metrics.csv")
    chunk = bench.tables["responses"].lazy()
    responses = pl.concat(
        [
            chunk.with_columns(respondent_id=pl.lit(f"{k}-") + pl.col("respondent_id"))
            if repeat > 1
            else chunk
            for k in range(repeat)
        ]
    )
    if fmt == "parquet":
        responses.sink_parquet(folder / "responses.parquet", compression="zstd")
    else:
        responses.sink_csv(folder / "responses.csv")


def measure(job: str, folder: Path) -> dict:
    """Run one job in its own process; wall time of the whole process and its peak RSS."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", job, str(folder)], stdout=subprocess.PIPE, cwd=ROOT
    )
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        return {"job": job, "failed": True, "wall": wall, "rss_mb": usage.ru_maxrss / 1024}
    result = json.loads(out.decode().strip().splitlines()[-1])
    return {"job": job, "wall": wall, "rss_mb": usage.ru_maxrss / 1024, **result}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["100k", "1M", "10M"], choices=list(SIZES))
    parser.add_argument(
        "--formats", nargs="+", default=["parquet", "csv"], choices=["parquet", "csv"]
    )
    parser.add_argument("--jobs", nargs="+", default=list(JOBS), choices=JOBS)
    parser.add_argument("--plot", type=Path, default=ROOT / "docs" / "ingest_scaling.png")
    parser.add_argument(
        "--big-peer",
        action="store_true",
        help="also run the pandas peer at 100M rows (it needs about 30 GB of memory)",
    )
    parser.add_argument("--child", nargs=2, metavar=("JOB", "FOLDER"), help=argparse.SUPPRESS)
    parser.add_argument("--generate", nargs=2, metavar=("SIZE", "FORMAT"), help=argparse.SUPPRESS)
    parser.add_argument("--plot-only", action="store_true", help="redraw the plot from the figures")
    args = parser.parse_args()
    if args.plot_only:
        _plot(json.loads((OUT / "ingest.json").read_text()), args.plot)
        return
    if args.generate:
        generate(int(args.generate[0]), args.generate[1])
        return
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return

    results = []
    header = (
        f"{'rows':>5} {'format':<7} {'job':<6} {'warm s':>7} {'first s':>7} {'process s':>9} "
        f"{'peak MB':>8} {'warm÷floor':>10} {'warm÷peer':>9} {'RSS÷floor':>9}"
    )
    print(header)
    print("-" * len(header))
    for size_name in args.sizes:
        for fmt in args.formats:
            folder = dataset(SIZES[size_name], fmt)
            skip = SIZES[size_name] > 10_000_000 and not args.big_peer
            runs = {job: measure(job, folder) for job in args.jobs if not (job == "peer" and skip)}
            if "peer" in args.jobs and skip:
                print(
                    f"{size_name:>5} {fmt:<7} {'peer':<6} skipped: pandas would need ~30 GB here "
                    "(--big-peer to try)"
                )
            floor, peer = runs.get("floor"), runs.get("peer")
            for job, r in runs.items():
                results.append({"size": SIZES[size_name], "format": fmt, **r})
                if r.get("failed"):
                    print(
                        f"{size_name:>5} {fmt:<7} {job:<6} {'failed':>7} {'':>7} {r['wall']:>9.2f} {r['rss_mb']:>8.0f}"
                    )
                    continue
                ratio = lambda a, b, k: f"{a[k] / b[k]:.2f}" if b and not b.get("failed") else "–"  # noqa: E731
                print(
                    f"{size_name:>5} {fmt:<7} {job:<6} {r['warm']:>7.2f} {r['first']:>7.2f} {r['wall']:>9.2f} "
                    f"{r['rss_mb']:>8.0f} {ratio(r, floor, 'warm'):>10} {ratio(r, peer, 'warm'):>9} "
                    f"{ratio(r, floor, 'rss_mb'):>9}"
                )
    OUT.mkdir(parents=True, exist_ok=True)
    # figures of earlier runs (other sizes) are kept, so that the curve spans 100k..100M
    store = OUT / "ingest.json"
    earlier = json.loads(store.read_text()) if store.exists() else []
    done = {(r["size"], r["format"], r["job"]) for r in results}
    results = [r for r in earlier if (r["size"], r["format"], r["job"]) not in done] + results
    store.write_text(json.dumps(sorted(results, key=lambda r: (r["size"], r["format"])), indent=1))
    _plot(results, args.plot)
    print(f"\nfigures in {OUT / 'ingest.json'}; scaling curve in {args.plot}")


def _plot(results: list[dict], path: Path) -> None:
    import plotly.graph_objects as go

    from dashboard.export.images import render

    fig = go.Figure()
    for fmt in sorted({r["format"] for r in results}):
        for job in JOBS:
            rows = sorted(
                (
                    r
                    for r in results
                    if r["format"] == fmt and r["job"] == job and not r.get("failed")
                ),
                key=lambda r: r["size"],
            )
            if rows:
                fig.add_trace(
                    go.Scatter(
                        x=[r["size"] for r in rows],
                        y=[r["warm"] for r in rows],
                        mode="lines+markers",
                        name=f"{job} ({fmt})",
                        line={"dash": "dot" if fmt == "csv" else "solid", "color": COLOURS[job]},
                    )
                )
    fig.update_xaxes(type="log", title="respondent rows")
    fig.update_yaxes(type="log", title="seconds (warm process)")
    fig.update_layout(
        title={
            "text": "Ingest: load + validate + aggregate, against the pandas peer and the Polars floor",
            "x": 0.06,
            "xanchor": "left",
        },
        margin={"l": 90, "t": 90},
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render(fig, "png", 1200, 700))


if __name__ == "__main__":
    main()

"""Export benchmark: one chart as PNG and SVG (cold and warm export process), and the board pack
(content, PPTX, PDF) on the bundled sample. Prints a table; run with `make bench-exports`.

    python bench/exports.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per warm figure (median)")
    args = parser.parse_args()

    import polars as pl

    from dashboard.charts import rankings as charts
    from dashboard.export import boardpack, images
    from metrics.analytics import views
    from metrics.ingest.load import load_dataset

    rows: list[tuple[str, float, str]] = []
    load_s, dataset = timed(lambda: load_dataset(ROOT / "sample_data"))
    rows.append(("load + validate the sample", load_s, ""))
    ranking = views.industry_ranking(dataset.tables, "servicescore").filter(pl.col("year") == 2025)
    fig = charts.ranking_bars(
        ranking,
        title="Industry ranking 2025",
        subtitle="22 industries",
        source="Source: sample. Service Mirror.",
    )
    cold, png = timed(lambda: images.render(fig, "png"))
    rows.append(("chart PNG, cold (starts Chromium)", cold, f"{len(png):,} B"))
    warm, png = timed(lambda: images.render(fig, "png"), args.repeat)
    rows.append(("chart PNG, warm", warm, f"{len(png):,} B"))
    warm_svg, svg = timed(lambda: images.render(fig, "svg"), args.repeat)
    rows.append(("chart SVG, warm", warm_svg, f"{len(svg):,} B"))

    def build():
        return boardpack.build(
            dataset.tables, "Sample benchmark", company="tele-03", lang="sv", anonymise=True
        )

    build_s, pack = timed(build, args.repeat)
    rows.append(("board pack content (findings, 8 slides)", build_s, f"{len(pack.slides)} slides"))
    pptx_s, pptx = timed(lambda: boardpack.to_pptx(pack), args.repeat)
    rows.append(("board pack → PPTX (native charts)", pptx_s, f"{len(pptx):,} B"))
    pdf_s, pdf = timed(lambda: boardpack.to_pdf(pack), args.repeat)
    rows.append(("board pack → PDF (6 chart images)", pdf_s, f"{len(pdf):,} B"))
    rows.append(("one click, PPTX (content + PPTX)", build_s + pptx_s, ""))
    rows.append(("one click, PDF (content + PDF)", build_s + pdf_s, ""))

    width = max(len(r[0]) for r in rows)
    print(f"{'step':<{width}}  {'seconds':>8}  size")
    print(f"{'-' * width}  {'-' * 8}  ----")
    for name, seconds, note in rows:
        print(f"{name:<{width}}  {seconds:>8.2f}  {note}")


if __name__ == "__main__":
    main()

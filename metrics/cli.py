"""The `servicemirror` command: validate a dataset, regenerate the sample, start the dashboard.

Heavy imports (polars, pandera) happen inside the commands, so `servicemirror --help` stays quick.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="Service Mirror: does good customer service pay? Tools for benchmark datasets.",
    no_args_is_help=True,
    add_completion=False,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = REPO_ROOT / "sample_data"


@app.command()
def validate(
    path: Annotated[Path, typer.Argument(help="A folder, workbook, wide file or zip.")],
    column_map: Annotated[
        Path | None, typer.Option("--map", help="A TOML column map for other layouts.")
    ] = None,
    csv_out: Annotated[
        Path | None, typer.Option("--csv", help="Also write the full report as CSV here.")
    ] = None,
    max_per_kind: Annotated[
        int, typer.Option(help="Problems listed per kind before '… and N more'.")
    ] = 20,
) -> None:
    """Check a dataset against the data model and print every problem. Exit 1 on errors."""
    from metrics.load import load_dataset

    dataset = load_dataset(path, column_map=column_map)
    report = dataset.report
    typer.echo(f"Dataset: {path}")
    for name, frame in dataset.tables.items():
        typer.echo(f"  {name}: {frame.height:,} rows")
    typer.echo("")
    typer.echo(report.to_text(max_per_kind=max_per_kind))
    if csv_out is not None:
        csv_out.write_bytes(report.to_csv())
        typer.echo(f"\nFull report written to {csv_out}")
    raise typer.Exit(code=0 if report.ok else 1)


@app.command()
def sample(
    out: Annotated[Path, typer.Option(help="Folder to write to.")] = SAMPLE_DIR,
    respondents: Annotated[
        int, typer.Option(help="Respondent rows to generate (e.g. 10000000 for benchmarks).")
    ] = 300_000,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 20130,
    csv_responses: Annotated[
        bool, typer.Option("--csv-responses", help="Also write responses as CSV.")
    ] = False,
) -> None:
    """Regenerate the sample benchmark (byte for byte with the defaults) and its data dictionary."""
    from metrics import dictionary
    from metrics.sample import generate, write

    benchmark = generate(respondents=respondents, seed=seed)
    written = write(benchmark, out, csv_responses=csv_responses)
    sizes = {p.name: p.stat().st_size for p in written}
    (out / "README.md").write_text(dictionary.render(sizes), encoding="utf-8")
    for name, size in sizes.items():
        typer.echo(f"{out / name}  {size:>12,} bytes")
    typer.echo(f"{out / 'README.md'}  (data dictionary)")


@app.command()
def dashboard(
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8501,
) -> None:
    """Start the Service Mirror dashboard on the bundled sample."""
    import subprocess

    app_path = REPO_ROOT / "dashboard" / "app.py"
    cmd = [sys.executable, "-m", "streamlit", "run", str(app_path), "--server.port", str(port)]
    raise typer.Exit(subprocess.call(cmd))


if __name__ == "__main__":
    app()

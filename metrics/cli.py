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


def say(key: str, lang: str = "en", /, err: bool = False, **params: object) -> None:
    """Print a text of the message catalogue (the commands without --lang speak English)."""
    from metrics.text.i18n import msg

    typer.echo(msg(key, **params).render(lang), err=err)


DATASET_HELP = "A named dataset of datasets.toml (see `servicemirror datasets`) instead of a path."


def _load(path: Path | None, column_map: Path | None, name: str | None, keep_rows: bool = False):
    """A dataset from a path, or by name from datasets.toml (exit 2 on an unknown name or a bad
    datasets.toml, 1 when its database cannot be used)."""
    if name is None:
        if path is None:
            say("cli.give_path", err=True)
            raise typer.Exit(2)
        from metrics.ingest.load import load_dataset

        return load_dataset(path, column_map=column_map, keep_rows=keep_rows)
    from metrics.ingest.database import DatabaseError
    from metrics.ingest.datasets import CatalogueError, load_named, read_catalogue

    try:
        named = read_catalogue()
    except CatalogueError as exc:
        say("cli.problem", err=True, problem=exc.reason)
        raise typer.Exit(2) from None
    if name not in named:
        say("cli.no_dataset", err=True, name=name, names=list(named))
        raise typer.Exit(2)
    try:
        return load_named(named[name])
    except DatabaseError as exc:
        say("cli.dataset_problem", err=True, name=name, problem=exc.reason)
        raise typer.Exit(1) from None


@app.command()
def datasets() -> None:
    """List the named datasets (the sample and those of datasets.toml)."""
    from metrics.ingest.database import redact
    from metrics.ingest.datasets import CatalogueError, catalogue_path, read_catalogue

    try:
        named = read_catalogue()
    except CatalogueError as exc:
        say("cli.problem", err=True, problem=exc.reason)
        raise typer.Exit(2) from None
    say("cli.datasets_from", path=str(catalogue_path()))
    for name, entry in named.items():
        where = redact(entry.uri) if entry.is_database else str(entry.path)
        typer.echo(f"  {name:<20} {where}")


@app.command()
def validate(
    path: Annotated[
        Path | None, typer.Argument(help="A folder, workbook, wide file or zip.")
    ] = None,
    column_map: Annotated[
        Path | None, typer.Option("--map", help="A TOML column map for other layouts.")
    ] = None,
    csv_out: Annotated[
        Path | None, typer.Option("--csv", help="Also write the full report as CSV here.")
    ] = None,
    max_per_kind: Annotated[
        int, typer.Option(help="Problems listed per kind before '… and N more'.")
    ] = 20,
    lang: Annotated[str, typer.Option(help="Language of the report: en or sv.")] = "en",
    name: Annotated[str | None, typer.Option("--dataset", help=DATASET_HELP)] = None,
) -> None:
    """Check a dataset against the data model and print every problem. Exit 1 on errors."""
    from metrics.text.i18n import lang_of

    lang = lang_of(lang)

    dataset = _load(path, column_map, name)
    path = path or name
    report = dataset.report
    say("cli.dataset", lang, path=str(path))
    for name, frame in dataset.tables.items():
        say("cli.rows", lang, table=name, n=frame.height)
    typer.echo("")
    typer.echo(report.to_text(max_per_kind=max_per_kind, lang=lang))
    if csv_out is not None:
        with csv_out.open("wb") as out:  # written as it is made: millions of rows are fine
            report.write_csv(out, lang)
        say("cli.report_written", lang, path=str(csv_out))
    raise typer.Exit(code=0 if report.ok else 1)


@app.command()
def load(
    source: Annotated[Path, typer.Argument(help="A folder, workbook, wide file or zip.")],
    into: Annotated[
        str,
        typer.Option(
            "--into",
            help="A postgresql:// URI. Leave the password out and set PGPASSWORD (or ~/.pgpass).",
        ),
    ],
    column_map: Annotated[
        Path | None, typer.Option("--map", help="A TOML column map for other layouts.")
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Drop and recreate tables that exist already.")
    ] = False,
) -> None:
    """Validate a file dataset and write it to PostgreSQL in one transaction: tables created from the
    data model (types, NOT NULL, primary keys). Refused, with the report, if the data has errors.
    Exit 1 when refused or when the database cannot be used."""
    from metrics.ingest.database import DatabaseError, redact, write_dataset
    from metrics.ingest.load import load_dataset

    dataset = load_dataset(source, column_map=column_map, keep_rows=True)
    if not dataset.report.ok or not dataset.usable:
        typer.echo(dataset.report.to_text(max_per_kind=20))
        say("cli.not_written", err=True)
        raise typer.Exit(code=1)
    try:
        written = write_dataset(dataset, into, replace=replace)
    except DatabaseError as exc:
        say("cli.db_not_written", err=True, uri=redact(into), problem=exc.reason)
        raise typer.Exit(code=1) from None
    say("cli.written", uri=redact(into))
    for table, rows in written.items():
        say("cli.rows", table=table, n=rows)


@app.command()
def sample(
    out: Annotated[Path, typer.Option(help="Folder to write to.")] = SAMPLE_DIR,
    respondents: Annotated[
        int, typer.Option(help="Respondent rows to generate (e.g. 10000000 for benchmarks).")
    ] = 400_000,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 20130,
    csv_responses: Annotated[
        bool, typer.Option("--csv-responses", help="Also write responses as CSV.")
    ] = False,
) -> None:
    """Regenerate the sample benchmark (byte for byte with the defaults) and its data dictionary."""
    from metrics.sample import generate, write
    from metrics.text import dictionary

    benchmark = generate(respondents=respondents, seed=seed)
    written = write(benchmark, out, csv_responses=csv_responses)
    sizes = {p.name: p.stat().st_size for p in written}
    (out / "README.md").write_text(dictionary.render(sizes), encoding="utf-8")
    for name, size in sizes.items():
        say("cli.file_bytes", path=str(out / name), n=size)
    say("cli.dictionary", path=str(out / "README.md"))


@app.command()
def dashboard(
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8501,
) -> None:
    """Start the Service Mirror dashboard on the bundled sample."""
    import subprocess

    app_path = REPO_ROOT / "dashboard" / "server.py"  # the app with its download guard
    cmd = [sys.executable, "-m", "streamlit", "run", str(app_path), "--server.port", str(port)]
    raise typer.Exit(subprocess.call(cmd))


@app.command()
def boardpack(
    dataset: Annotated[
        Path, typer.Argument(help="A folder, workbook, wide file or zip.")
    ] = SAMPLE_DIR,
    out: Annotated[Path, typer.Option(help="The deck to write: FILE.pptx or FILE.pdf.")] = Path(
        "boardpack.pptx"
    ),
    company: Annotated[
        str | None, typer.Option(help="Our company: its id or its name (never anonymised).")
    ] = None,
    industry: Annotated[
        str | None, typer.Option(help="An industry (id or name) to follow in the rank history.")
    ] = None,
    wave: Annotated[
        int | None, typer.Option(help="Survey year (default: the latest published).")
    ] = None,
    lang: Annotated[str, typer.Option(help="Language: en or sv.")] = "en",
    anonymise: Annotated[
        bool, typer.Option("--anonymise", help="Replace other companies' names by labels.")
    ] = False,
    column_map: Annotated[
        Path | None, typer.Option("--map", help="A TOML column map for other layouts.")
    ] = None,
    name: Annotated[str | None, typer.Option("--dataset", help=DATASET_HELP)] = None,
) -> None:
    """Write the board pack (16:9 PowerPoint or PDF) for a dataset. Exit 1 if it cannot be made."""
    from metrics.text.i18n import lang_of, tr

    lang = lang_of(lang)
    if out.suffix.lower() not in (".pptx", ".pdf"):
        say("cli.bad_out", lang, err=True, name=out.name)
        raise typer.Exit(2)
    data = _load(dataset, column_map, name)
    if not data.usable:
        typer.echo(data.report.to_text(max_per_kind=5), err=True)
        raise typer.Exit(1)
    tables = data.tables
    company_id = _resolve(company, tables["companies"], "company_id", "name", "company")
    industry_id = _resolve(industry, tables.get("industries"), "industry_id", "name_sv", "industry")

    from dashboard.export import boardpack as pack_module

    if name is not None:
        name = data.name if name != "sample" else tr("sample.name", lang)
    else:
        name = tr("sample.name", lang) if dataset.resolve() == SAMPLE_DIR else dataset.name
    try:
        pack = pack_module.build(
            tables,
            name,
            year=wave,
            company=company_id,
            industry=industry_id,
            lang=lang,
            anonymise=anonymise,
        )
        pack_module.write(pack, out)
    except ValueError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None
    say("cli.pack_written", lang, path=str(out), n=out.stat().st_size, slides=len(pack.slides))


def _resolve(value: str | None, table, id_column: str, name_column: str, what: str) -> str | None:
    """An id or a name (case-insensitive) -> the id; exit 2 with the choices when not found."""
    if value is None or table is None:
        return None
    import polars as pl

    hit = table.filter(
        (pl.col(id_column) == value)
        | (pl.col(name_column).str.to_lowercase() == value.lower())
        | (
            pl.col("name_en").str.to_lowercase() == value.lower()
            if "name_en" in table.columns
            else pl.lit(False)
        )
    )
    if hit.is_empty():
        say(f"cli.no_{what}", err=True, value=value)
        raise typer.Exit(2)
    return hit[id_column][0]


if __name__ == "__main__":
    app()

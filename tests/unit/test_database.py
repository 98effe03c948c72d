"""PostgreSQL for real (a throwaway cluster, no mocks): the sample loaded into it and read back equals
the files in every table and analytic; the database's own aggregation of the responses equals Polars';
bad data is refused with nothing written; a wrong password and a stopped server say so plainly."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from metrics.analytics import findings, views
from metrics.ingest.database import (
    DatabaseError,
    DatabaseSource,
    create_table_sql,
    load_database,
    redact,
    write_dataset,
)
from metrics.ingest.load import load_dataset
from metrics.schema import TABLES
from tests.conftest import SAMPLE_DIR

ALL = {t: t for t in TABLES}


def same(a: pl.DataFrame, b: pl.DataFrame) -> None:
    assert_frame_equal(a.sort(a.columns), b.sort(b.columns), check_exact=False)


@pytest.fixture(scope="module")
def loaded(postgres):
    """The sample in a fresh database: (the file dataset, the one read back from the database)."""
    uri = postgres.create_database("sample")
    written = write_dataset(load_dataset(SAMPLE_DIR, keep_rows=True), uri)
    assert written["responses"] == 399_931 and written["companies"] == 195
    return load_dataset(SAMPLE_DIR), load_database("sample", DatabaseSource(uri, ALL))


def test_every_table_reads_back_as_the_files_gave_it(loaded):
    files, db = loaded
    assert db.report.errors == 0, db.report.to_text()
    assert db.tables.keys() == files.tables.keys()
    for name in files.tables:
        same(db.tables[name], files.tables[name])
    assert db.responses_used == files.responses_used


def test_every_analytic_is_the_same(loaded):
    """Every analytics function of the analytics benchmark, on the files and on the database."""
    from bench.analytics import cases

    files, db = loaded
    ours, theirs = cases(db.tables), cases(files.tables)
    assert len(ours) >= 25
    for name, run in ours.items():
        a, b = run(), theirs[name]()
        if isinstance(a, pl.DataFrame):
            same(a, b)
        else:
            assert a == b, name
    assert findings.key_findings(db.tables, "tele-03", reps=200).equals(
        findings.key_findings(files.tables, "tele-03", reps=200)
    )
    same(
        views.industry_ranking(db.tables, "servicescore"),
        views.industry_ranking(files.tables, "servicescore"),
    )


def test_the_database_counts_bad_responses_as_polars_does(postgres, tmp_path):
    """Aggregation pushed down to the database: the same counts, the same problems and totals."""
    uri = postgres.create_database("bad")
    files = load_dataset(SAMPLE_DIR, keep_rows=True)
    rows = files.response_rows.head(5000).collect().with_row_index("i")
    rows = rows.with_columns(
        rating=pl.when(pl.col("i") < 30).then(pl.lit(42)).otherwise(pl.col("rating")),
        weight=pl.when(pl.col("i").is_between(30, 39))
        .then(pl.lit(-1.0))
        .otherwise(pl.col("weight")),
        company_id=pl.when(pl.col("i").is_between(40, 44))
        .then(pl.lit("nosuch"))
        .otherwise(pl.col("company_id")),
        year=pl.when(pl.col("i") == 45).then(pl.lit(2020)).otherwise(pl.col("year")),  # cancelled
    ).drop("i")
    rows = pl.concat([rows, rows.slice(100, 3)])  # three respondents who rated twice
    folder = tmp_path / "bad"
    folder.mkdir()
    for name in ("companies", "industries", "waves"):
        files.tables[name].write_csv(folder / f"{name}.csv")
    rows.write_parquet(folder / "responses.parquet")
    from_files = load_dataset(folder)
    # the same rows in the database, written directly (the loader would refuse them)
    import adbc_driver_postgresql.dbapi as dbapi

    with dbapi.connect(uri) as conn, conn.cursor() as cur:
        for name in ("companies", "industries", "waves"):
            cur.adbc_ingest(name, files.tables[name].to_arrow(), mode="create")
        cur.adbc_ingest("responses", rows.to_arrow(), mode="create")
        conn.commit()
    tables = {t: t for t in ("companies", "industries", "waves", "responses")}
    db = load_database("bad", DatabaseSource(uri, tables))
    same(db.tables["rating_counts"], from_files.tables["rating_counts"])
    same(db.tables["service_scores"], from_files.tables["service_scores"])
    summary = lambda d: sorted(  # noqa: E731
        (p.check, p.column, p.count if p.row is None and p.value is None else 1)
        for p in d.report.problems
        if p.table == "responses"
    )
    assert summary(db) == summary(from_files)
    assert [p.count for p in db.report.problems if p.check == "rated_twice"] == [1, 1, 1]
    listed = [p for p in db.report.problems if p.check == "reference"]
    assert listed and all(p.value.startswith("respondent ") for p in listed)


def test_bad_data_is_refused_and_nothing_is_written(postgres, tmp_path):
    from typer.testing import CliRunner

    from metrics.cli import app

    uri = postgres.create_database("refused")
    folder = tmp_path / "broken"
    folder.mkdir()
    files = load_dataset(SAMPLE_DIR)
    files.tables["companies"].write_csv(folder / "companies.csv")
    scores = files.tables["service_scores"].head(50).with_columns(year=pl.lit(1900))
    scores.write_csv(folder / "service_scores.csv")
    result = CliRunner().invoke(app, ["load", str(folder), "--into", uri])
    assert result.exit_code == 1, result.output
    assert "nothing was written" in result.output
    tables = pl.read_database_uri(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
        uri,
        engine="adbc",
    )
    assert tables.is_empty()


def test_load_command_writes_in_one_go(postgres):
    from typer.testing import CliRunner

    from metrics.cli import app

    uri = postgres.create_database("cli")
    result = CliRunner().invoke(app, ["load", str(SAMPLE_DIR), "--into", uri])
    assert result.exit_code == 0, result.output
    assert "399,931 rows" in result.output and postgres.uri() not in result.output
    again = CliRunner().invoke(app, ["load", str(SAMPLE_DIR), "--into", uri])
    assert again.exit_code == 1 and "already exists" in again.output  # --replace to overwrite
    assert (
        CliRunner().invoke(app, ["load", str(SAMPLE_DIR), "--into", uri, "--replace"]).exit_code
        == 0
    )


def test_wrong_password_and_stopped_server_are_said_plainly(postgres):
    uri = postgres.uri(password="wrong-secret")
    with pytest.raises(DatabaseError) as refused:
        load_database("x", DatabaseSource(uri, {"companies": "companies"}))
    assert "refused the user name or password" in str(refused.value)
    assert "wrong-secret" not in str(refused.value)
    from tests.postgres import start_cluster, stop_cluster

    stopped = start_cluster()
    stop_cluster(stopped)
    closed = stopped.uri()
    with pytest.raises(DatabaseError) as down:
        load_database("x", DatabaseSource(closed, {"companies": "companies"}))
    assert "cannot be reached" in str(down.value)
    assert "throwaway-test-password" not in str(down.value)
    assert redact(closed) == f"postgresql://servicemirror:***@{stopped.host}/postgres"


def test_tables_are_created_from_the_schema():
    sql = create_table_sql("service_scores")
    assert '"company_id" TEXT NOT NULL' in sql and '"value" DOUBLE PRECISION' in sql
    assert 'PRIMARY KEY ("company_id", "year", "metric_id")' in sql
    with pytest.raises(DatabaseError):
        load_database("x", DatabaseSource("postgresql://h/db", {"companies": 'x"; DROP TABLE y'}))


def test_named_datasets_from_datasets_toml(postgres, loaded, tmp_path, monkeypatch):
    """A database dataset by name: the password from the environment, never from the file."""
    from typer.testing import CliRunner

    from metrics.cli import app
    from metrics.ingest.datasets import CatalogueError, load_named, read_catalogue

    files, _ = loaded
    uri = postgres.uri("sample", password=None)
    toml = tmp_path / "datasets.toml"
    toml.write_text(
        f'[datasets.warehouse]\nuri = "{uri}"\npassword_env = "CX_PW"\nlabel = "Warehouse"\n'
        "tables = { " + ", ".join(f'{t} = "{t}"' for t in TABLES) + " }\n"
        f'[datasets.files]\npath = "{SAMPLE_DIR}"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("SERVICEMIRROR_DATASETS", str(toml))
    monkeypatch.setenv("CX_PW", "throwaway-test-password")
    named = read_catalogue()
    assert list(named) == ["sample", "warehouse", "files"]
    db = load_named(named["warehouse"])
    assert db.name == "Warehouse"
    same(db.tables["service_scores"], files.tables["service_scores"])
    result = CliRunner().invoke(app, ["validate", "--dataset", "warehouse"])
    assert result.exit_code == 0, result.output
    monkeypatch.setenv("CX_PW", "wrong")
    refused = CliRunner().invoke(app, ["validate", "--dataset", "warehouse"])
    assert refused.exit_code == 1 and "refused the user name or password" in refused.output
    unknown = CliRunner().invoke(app, ["validate", "--dataset", "nosuch"])
    assert unknown.exit_code == 2 and "warehouse" in unknown.output
    toml.write_text(f'[datasets.leaky]\nuri = "{postgres.uri()}"\ntables = {{ companies = "c" }}\n')
    with pytest.raises(CatalogueError, match="password in it"):
        read_catalogue()


def test_a_column_map_for_database_tables(postgres, loaded):
    """Database columns named otherwise (Swedish, or the vendor's own) mapped onto the data model."""
    import adbc_driver_postgresql.dbapi as dbapi

    files, _ = loaded
    uri = postgres.create_database("mapped")
    rows = load_dataset(SAMPLE_DIR, keep_rows=True).response_rows.collect()
    companies = files.tables["companies"].rename({"company_id": "foretag", "name": "namn"})
    answers = rows.rename({"company_id": "firm", "rating": "betyg"})
    with dbapi.connect(uri) as conn, conn.cursor() as cur:
        cur.adbc_ingest("foretag", companies.to_arrow(), mode="create")
        cur.adbc_ingest("svar", answers.to_arrow(), mode="create")
        for name in ("industries", "waves"):
            cur.adbc_ingest(name, files.tables[name].to_arrow(), mode="create")
        conn.commit()
    source = DatabaseSource(
        uri,
        {"companies": "foretag", "responses": "svar", "industries": "industries", "waves": "waves"},
        {
            "companies": {"foretag": "company_id", "namn": "name"},
            "responses": {"firm": "company_id", "betyg": "rating"},
        },
    )
    db = load_database("mapped", source)
    assert db.report.errors == 0, db.report.to_text()
    same(db.tables["rating_counts"], files.tables["rating_counts"])
    same(db.tables["companies"], files.tables["companies"])

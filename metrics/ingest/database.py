"""PostgreSQL as a dataset source, through ADBC (Arrow all the way, via Polars).

The data model's tables are read from a database and validated exactly like files. Respondent-level
responses are not pulled: the database counts them (respondents and weight per company, year, metric,
scale and rating, with the data model's row checks as SQL) and only those counts travel; from them the
scores follow as they do for a streamed file (`metrics.ingest.responses`). Plain standard SQL; only
the driver (`adbc_driver_postgresql`) and the `postgresql://` URI are PostgreSQL's.

`write_dataset` is the other way round: a validated dataset into PostgreSQL, the tables created from
the schema module (types, NOT NULL, primary keys), everything in one transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from urllib.parse import quote as url_quote

import polars as pl

from metrics.aggregate import COUNT_KEY, COUNTS_SCHEMA
from metrics.ingest.load import Dataset, NotStreamable, Streamed, load_tables
from metrics.ingest.read import RawTable
from metrics.ingest.repeats import REPEAT_KEY
from metrics.ingest.responses import Responses
from metrics.ingest.row_checks import FAIL, SPEC, RowCheck, check_bits, row_checks, sql_literal
from metrics.quality.report import MAX_DETAILED, Problem, row_problems
from metrics.quality.validate import Origin, describe_check
from metrics.schema import DEFAULTS, DONT_KNOW_CODES, ROW, TABLES
from metrics.text.i18n import Msg, msg

IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$")


CONNECT_TIMEOUT_S = 10
"""Seconds to wait for a database to answer a connection, unless the URI says otherwise."""
STATEMENT_TIMEOUT_S = 300
"""Longest a single query may run before the database stops it."""


class DatabaseError(Exception):
    """A database that cannot be reached or used; `reason` says why (never with a password)."""

    def __init__(self, reason: Msg):
        super().__init__(reason.render("en"))
        self.reason = reason


def redact(uri: str) -> str:
    """The URI without its password (for messages and logs)."""
    parts = urlsplit(uri)
    if parts.password is None:
        return uri
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


def quote(name: str) -> str:
    """A table name from the configuration as a quoted SQL identifier ("schema"."table")."""
    if not IDENTIFIER.match(name):
        raise DatabaseError(msg("db.not_a_name", name=name))
    return ".".join(f'"{part}"' for part in name.split("."))


def _message(exc: Exception, uri: str) -> Msg:
    """A driver error in plain words, with any password taken out."""
    text = str(exc)
    password = urlsplit(uri).password
    if password:
        text = text.replace(password, "***")
    text = re.sub(r"^(IO|INVALID_ARGUMENT|INTERNAL|UNKNOWN): \[libpq\] ", "", text).strip()
    host, port = urlsplit(uri).hostname, str(urlsplit(uri).port or 5432)
    if "ALREADY_EXISTS" in text or "already exists" in text:
        table = re.search(r'(?:relation|TABLE) "([^"]+)"', text)
        return msg("db.exists", table=table.group(1) if table else "")
    missing = re.search(r'relation "([^"]+)" does not exist', text)
    if missing:
        return msg("db.no_table", table=missing.group(1))
    if "password authentication failed" in text:
        return msg("db.auth")
    if "timeout expired" in text or "statement timeout" in text:
        return msg("db.timeout", host=host, port=port)
    if "Connection refused" in text or "could not connect" in text or "Failed to connect" in text:
        return msg("db.unreachable", host=host, port=port)
    return msg("db.driver", detail=text.splitlines()[0][:300] if text else type(exc).__name__)


def with_timeouts(uri: str) -> str:
    """The URI with a connect timeout and a statement timeout, unless it sets them itself: a
    database that accepts a connection and never answers must not hang every session."""
    parts = urlsplit(uri)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.setdefault("connect_timeout", str(CONNECT_TIMEOUT_S))
    if "options" not in query:
        query["options"] = f"-c statement_timeout={STATEMENT_TIMEOUT_S * 1000}"
    return urlunsplit(parts._replace(query=urlencode(query, quote_via=url_quote)))


def connect(uri: str):
    """An ADBC connection (a DB-API connection, not in autocommit), with timeouts."""
    try:
        import adbc_driver_postgresql.dbapi as dbapi
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise DatabaseError(msg("db.no_driver")) from exc
    try:
        return dbapi.connect(with_timeouts(uri))
    except Exception as exc:
        raise DatabaseError(_message(exc, uri)) from None


def query(conn, sql: str, uri: str = "") -> pl.DataFrame:
    try:
        return pl.read_database(sql, conn)
    except Exception as exc:
        raise DatabaseError(_message(exc, uri)) from None


# --- reading ---------------------------------------------------------------------------------------


@dataclass
class DatabaseSource:
    """Where a dataset's tables are in a database: table (or view) per data-model table, and a column
    map (database column -> data-model column) where names differ."""

    uri: str
    tables: dict[str, str]
    columns: dict[str, dict[str, str]] = field(default_factory=dict)

    def origin(self, table: str) -> str:
        return f"database table {self.tables[table]}"


def responses_sql(source: DatabaseSource, checks: list[RowCheck], by_row: list[int]) -> str:
    """The rating counts of the responses table, counted by the database, with the row checks that
    are judged per row (not per key) as a bitmask column."""
    rows = _responses_rows(source)
    fail = (
        " + ".join(f"CASE WHEN NOT {checks[i].sql} THEN {1 << i} ELSE 0 END" for i in by_row) or "0"
    )
    key = ", ".join(f'"{c}"' for c in COUNT_KEY)
    return (
        f"WITH r AS ({rows}) "
        f'SELECT {key}, {fail} AS "{FAIL}", COUNT(*) AS "respondents", '
        f'SUM(COALESCE("weight", 1.0)) AS "weight" '
        f"FROM r GROUP BY {key}, {fail}"
    )


def _responses_rows(source: DatabaseSource) -> str:
    """The responses as the data model has them: defaults filled in, don't-know codes as missing."""
    mapping = {
        canonical: column for column, canonical in source.columns.get("responses", {}).items()
    }
    dtypes = SPEC.dtypes()

    def col(name: str) -> str:
        return f'"{mapping.get(name, name)}"'

    present = _columns(source, "responses")
    default = sql_literal(DEFAULTS[("responses", "metric_id")])
    codes = ", ".join(str(c) for c in DONT_KNOW_CODES)
    sql_type = {pl.Int64: "BIGINT", pl.Float64: "DOUBLE PRECISION", pl.String: "VARCHAR"}
    parts = []
    for name, dtype in dtypes.items():
        if mapping.get(name, name) not in present:
            value = "NULL" if name != "metric_id" else default
            parts.append(f'CAST({value} AS {sql_type[dtype]}) AS "{name}"')
        elif name == "metric_id":
            parts.append(f'COALESCE(CAST({col(name)} AS VARCHAR), {default}) AS "metric_id"')
        elif name == "rating":
            parts.append(
                f"CASE WHEN {col(name)} IN ({codes}) THEN NULL ELSE CAST({col(name)} AS BIGINT) END"
                ' AS "rating"'
            )
        else:
            parts.append(f'CAST({col(name)} AS {sql_type[dtype]}) AS "{name}"')
    return f"SELECT {', '.join(parts)} FROM {quote(source.tables['responses'])}"


_COLUMNS: dict[tuple[int, str], list[str]] = {}


def _columns(source: DatabaseSource, table: str) -> list[str]:
    return _COLUMNS[(id(source), table)]


class DatabaseResponses(Responses):
    """Responses counted by the database; offending rows are looked up there (by respondent)."""

    conn: object = None
    source: DatabaseSource | None = None

    def first_rows(self, column: str, values: pl.DataFrame) -> pl.DataFrame:
        listed = ", ".join(sql_literal(v) for v in values[column].drop_nulls().to_list())
        where = f'"{column}" IN ({listed})' if listed else "FALSE"
        if values[column].null_count():
            where += f' OR "{column}" IS NULL'
        return _first(self.conn, self.source, where, column)

    def repeats(self) -> tuple[pl.DataFrame, int]:
        """As for a file, counted by the database (a repeat's place is its respondent)."""
        key = ", ".join(f'"{c}"' for c in REPEAT_KEY)
        found = query(
            self.conn,
            f"WITH r AS ({_responses_rows(self.source)}) SELECT {key}, COUNT(*) AS times, "
            f'COUNT(*) OVER () AS cases FROM r WHERE "respondent_id" IS NOT NULL '
            f"GROUP BY {key} HAVING COUNT(*) > 1 ORDER BY {key} LIMIT {MAX_DETAILED}",
            self.source.uri,
        )
        listed = found.select(
            pl.lit(None, pl.Int64).alias(ROW),
            pl.format("{}: {} {} {} ×{}", *REPEAT_KEY, "times").alias("value"),
        )
        return listed, int(found["cases"][0]) if found.height else 0


def _first(conn, source: DatabaseSource, where: str, column: str | None) -> pl.DataFrame:
    """The first rows matching `where`: (row: None, value: the respondent and the offending value)."""
    rows = _responses_rows(source)
    shown = f'"{column}"' if column else '"rating", "scale_points"'
    found = query(
        conn,
        f'WITH r AS ({rows}) SELECT "respondent_id", {shown} FROM r WHERE {where} '
        f"LIMIT {MAX_DETAILED}",
        source.uri,
    )
    values = [
        f"respondent {rid}: "
        + ", ".join(f"{k}={v}" for k, v in zip(found.columns[1:], rest, strict=True))
        if column is None
        else f"respondent {rid}: {rest[0]}"
        for rid, *rest in found.iter_rows()
    ]
    return pl.DataFrame(
        {ROW: [None] * len(values), "value": values}, schema={ROW: pl.Int64, "value": pl.String}
    )


def _count_responses(conn, source: DatabaseSource) -> tuple[Responses, list[Problem], int]:
    checks = row_checks()
    by_row = [
        i for i, c in enumerate(checks) if not set(c.passes.meta.root_names()) <= set(COUNT_KEY)
    ]
    groups = query(conn, responses_sql(source, checks, by_row), source.uri)
    groups = groups.with_columns(
        [pl.col(c).cast(t) for c, t in COUNTS_SCHEMA.items()] + [pl.col(FAIL).cast(pl.UInt64)]
    )
    by_key = [i for i in range(len(checks)) if i not in by_row]
    groups = groups.with_columns(pl.col(FAIL) | check_bits(checks, by_key))
    origin = Origin(source.origin("responses"))
    problems: list[Problem] = []
    for i, check in enumerate(checks):
        total = int(groups.filter((pl.col(FAIL) & (1 << i)) != 0)["respondents"].sum())
        if not total:
            continue
        first = _first(conn, source, f"NOT {check.sql}", check.column)
        what, wanted = describe_check(check.check)
        problems += row_problems(
            first,
            severity="error",
            what=what,
            wanted=wanted,
            check=check.check,
            table="responses",
            file=origin.file,
            sheet=None,
            column=check.column,
            total=total,
        )
    counts = groups.filter(pl.col(FAIL) == 0).select(list(COUNTS_SCHEMA))
    responses = DatabaseResponses(counts, pl.LazyFrame(), int(groups["respondents"].sum()), origin)
    responses.conn, responses.source = conn, source
    return responses, problems, responses.rows_read


def load_database(name: str, source: DatabaseSource) -> Dataset:
    """Load a dataset from a database: each table read and validated as a file would be, the
    responses counted by the database. Raises `DatabaseError` when the database cannot be used."""
    dataset = Dataset(name=name)
    unknown = [t for t in source.tables if t not in TABLES]
    if unknown:
        raise DatabaseError(msg("db.unknown_tables", tables=unknown))
    with connect(source.uri) as conn:
        found = {}
        for table, db_table in source.tables.items():
            present = query(
                conn, f"SELECT * FROM {quote(db_table)} WHERE 1 = 0", source.uri
            ).columns
            _COLUMNS[(id(source), table)] = present
            if table == "responses":
                continue
            frame = query(conn, f"SELECT * FROM {quote(db_table)}", source.uri)
            explicit = source.columns.get(table)
            raw = RawTable(frame=frame, file=source.origin(table))
            found[table] = (
                raw,
                {},
                {**{c: c for c in frame.columns}, **explicit} if explicit else None,
            )
        streamed = None
        if "responses" in source.tables:

            def counted() -> tuple[Responses | None, list[Problem], int]:
                return _count_responses(conn, source)

            streamed = Streamed(Origin(source.origin("responses")), counted, None)
        try:
            return load_tables(dataset, found, streamed)
        finally:
            for table in source.tables:
                _COLUMNS.pop((id(source), table), None)


# --- writing ---------------------------------------------------------------------------------------

SQL_TYPES = {
    pl.Int64: "BIGINT",
    pl.Float64: "DOUBLE PRECISION",
    pl.String: "TEXT",
    pl.Boolean: "BOOLEAN",
    pl.Date: "DATE",
}


def create_table_sql(table: str, name: str | None = None) -> str:
    """CREATE TABLE for a data-model table, from the schema module: types, NOT NULL, primary key."""
    spec = TABLES[table]
    lines = []
    for column, col in spec.columns.items():
        not_null = " NOT NULL" if not col.nullable else ""
        lines.append(f'"{column}" {SQL_TYPES[col.dtype.type]}{not_null}')
    if spec.key:
        lines.append("PRIMARY KEY (" + ", ".join(f'"{c}"' for c in spec.key) + ")")
    return f"CREATE TABLE {quote(name or table)} (\n  " + ",\n  ".join(lines) + "\n)"


__all__ = [
    "DatabaseError",
    "DatabaseSource",
    "NotStreamable",
    "create_table_sql",
    "load_database",
    "redact",
]


def write_dataset(dataset: Dataset, uri: str, replace: bool = False) -> dict[str, int]:
    """Write a loaded, valid dataset (`load_dataset(..., keep_rows=True)`) into PostgreSQL: each
    table created from the schema module and filled, all in one transaction (nothing is left
    half-written if anything fails). Returns the rows written per table."""
    out: dict[str, pl.DataFrame | pl.LazyFrame] = {}
    for table in TABLES:
        if table == "responses":
            frame = dataset.response_rows
        elif table == "service_scores" and dataset.response_rows is not None:
            frame = dataset.given_scores  # the rest is computed from the responses again
        else:
            frame = dataset.tables.get(table)
        if frame is not None:
            out[table] = frame
    written: dict[str, int] = {}
    conn = connect(uri)
    try:
        with conn.cursor() as cur:
            for table, frame in out.items():
                if replace:
                    cur.execute(f"DROP TABLE IF EXISTS {quote(table)}")
                cur.execute(create_table_sql(table))
                dtypes = TABLES[table].dtypes()
                typed = frame.lazy().select([pl.col(c).cast(t) for c, t in dtypes.items()])
                written[table] = 0
                for batch in typed.collect_batches(chunk_size=1_000_000):
                    if batch.height:
                        cur.adbc_ingest(table, batch.to_arrow(), mode="append")
                        written[table] += batch.height
        conn.commit()
    except DatabaseError:
        conn.rollback()
        raise
    except Exception as exc:
        conn.rollback()
        raise DatabaseError(_message(exc, uri)) from None
    finally:
        conn.close()
    return written

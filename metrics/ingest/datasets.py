"""Named datasets: `datasets.toml` lists the datasets the app and the CLI offer by name.

    [datasets."Nordic CX"]                 # a folder, a file, a workbook or a zip
    path = "/data/nordic-cx"               # relative paths are relative to datasets.toml
    column_map = "nordic-map.toml"         # optional, for other layouts

    [datasets.warehouse]                   # a PostgreSQL database
    uri = "postgresql://analyst@db.example.com:5432/cx"   # no password here, ever
    password_env = "CX_DB_PASSWORD"        # where the password is (else PGPASSWORD / ~/.pgpass)
    ttl_seconds = 600                      # how long the app keeps what it read
    tables = { companies = "cx.companies", service_scores = "cx.scores", responses = "cx.answers" }
    [datasets.warehouse.columns.responses] # database column = data-model column, where they differ
    firm = "company_id"

The file is `$SERVICEMIRROR_DATASETS`, else `datasets.toml` in the project folder (next to
`dashboard/`). The bundled sample is always there, as `sample`. A password is never read from the
file: from the environment variable `password_env` names, from the app's `.streamlit/secrets.toml`
(`[datasets.<name>] password = "…"`), or by libpq itself (PGPASSWORD, ~/.pgpass).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit, urlunsplit
from urllib.parse import quote as url_quote

from metrics.text.i18n import Msg, msg

ENV = "SERVICEMIRROR_DATASETS"
PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = PROJECT / "datasets.toml"
SAMPLE = "sample"
SAMPLE_DIR = PROJECT / "sample_data"
KEYS = {
    "path",
    "column_map",
    "uri",
    "password_env",
    "ttl_seconds",
    "tables",
    "columns",
    "label",
    "allow",
}


class CatalogueError(Exception):
    """datasets.toml cannot be used as it is; `reason` says where and why, by message key."""

    def __init__(self, reason: Msg):
        super().__init__(reason.render("en"))
        self.reason = reason


def _error(name: str, /, **params: object) -> CatalogueError:
    """A keyed error (`name` positional only: a message may have a `key` parameter itself)."""
    return CatalogueError(msg(f"datasets.{name}", **params))


@dataclass(frozen=True)
class NamedDataset:
    name: str
    label: str
    path: Path | None = None
    column_map: Path | None = None
    uri: str | None = None
    password_env: str | None = None
    ttl_seconds: int = 600
    tables: Mapping[str, str] = field(default_factory=dict)
    columns: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    allow: tuple[str, ...] | None = None
    """Who may see it: roles, e-mail addresses or "@domain"s; None: everyone let into the app."""

    def allows(self, user: str | None) -> bool:
        """Whether `user` (a role or an e-mail address; None when the app has no gate) may see it."""
        if self.allow is None:
            return True
        if user is None:
            return False
        who = user.lower()
        return any(
            who == rule.lower() or (rule.startswith("@") and who.endswith(rule.lower()))
            for rule in self.allow
        )

    @property
    def is_database(self) -> bool:
        return self.uri is not None

    def connection_uri(self, secrets: Mapping | None = None) -> str:
        """The URI with the password filled in from the environment or the app's secrets."""
        assert self.uri is not None
        password = os.environ.get(self.password_env) if self.password_env else None
        if password is None and secrets is not None:
            password = (secrets.get("datasets", {}) or {}).get(self.name, {}).get("password")
        if not password:
            return self.uri  # libpq may still find one (PGPASSWORD, ~/.pgpass)
        parts = urlsplit(self.uri)
        user = parts.username or ""
        host = parts.netloc.rpartition("@")[2]
        netloc = f"{user}:{url_quote(password, safe='')}@{host}"
        return urlunsplit(parts._replace(netloc=netloc))


def catalogue_path() -> Path:
    return Path(os.environ[ENV]) if os.environ.get(ENV) else DEFAULT_PATH


def sample_entry() -> NamedDataset:
    return NamedDataset(SAMPLE, "Sample benchmark (fictional companies)", path=SAMPLE_DIR)


def read_catalogue(path: Path | None = None) -> dict[str, NamedDataset]:
    """The named datasets: the sample first, then those of datasets.toml (if there is one).
    Raises `CatalogueError` saying where the file is wrong; never anything else."""
    path = path or catalogue_path()
    found = {SAMPLE: sample_entry()}
    if not path.exists():
        if os.environ.get(ENV):
            raise _error("no_file", path=str(path), env=ENV)
        return found
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        raise _error("unreadable", file=path.name) from None
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"line (\d+), column (\d+)", str(exc))
        line, column = at.groups() if at else ("?", "?")
        raise _error("not_toml", file=path.name, line=line, column=column) from None
    entries = data.get("datasets", {})
    if not isinstance(entries, dict):
        raise _error("not_a_table", file=path.name)
    for name, entry in entries.items():
        found[name] = _entry(name, entry, path)
    return found


def _text(entry: dict, key: str, where: str) -> str | None:
    value = entry.get(key)
    if value is not None and not (isinstance(value, str) and value.strip()):
        raise _error("not_text", where=where, key=key)
    return value


def _texts(value: object, where: str, key: str) -> dict[str, str]:
    """A table of texts (`tables = { companies = "cx.companies" }`)."""
    if not isinstance(value, dict) or not all(
        isinstance(v, str) and v.strip() for v in value.values()
    ):
        raise _error("not_text_table", where=where, key=key)
    return {str(k): v for k, v in value.items()}


def _entry(name: str, entry: object, path: Path) -> NamedDataset:
    where = msg("datasets.where", file=path.name, name=name)
    if not isinstance(entry, dict):
        raise _error("not_settings", where=where)
    unknown = set(entry) - KEYS
    if unknown:
        raise _error("unknown_settings", where=where, keys=sorted(unknown))
    if ("path" in entry) == ("uri" in entry):
        raise _error("path_or_uri", where=where)
    base = path.parent
    label = _text(entry, "label", where) or name
    allow = entry.get("allow")
    if allow is not None and not (
        isinstance(allow, list) and all(isinstance(a, str) and a for a in allow)
    ):
        raise _error("allow", where=where)
    allow = tuple(allow) if allow is not None else None
    if "path" in entry:
        column_map = _text(entry, "column_map", where)
        return NamedDataset(
            name,
            label,
            path=base / _text(entry, "path", where),
            column_map=base / column_map if column_map else None,
            allow=allow,
        )
    uri = _text(entry, "uri", where)
    try:
        parts = urlsplit(uri)
    except ValueError:  # an unclosed [ of an IPv6 address, say
        raise _error("uri", where=where) from None
    if parts.scheme not in ("postgresql", "postgres"):
        raise _error("scheme", where=where)
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise _error("port", where=where) from None
    query = {k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)}
    if parts.password is not None or "password" in query:
        raise _error("password", where=where)
    ttl = entry.get("ttl_seconds", 600)
    if isinstance(ttl, bool) or not isinstance(ttl, int) or ttl < 0:
        raise _error("ttl", where=where)
    tables = _texts(entry.get("tables"), where, "tables")
    if not tables:
        raise _error("tables", where=where)
    columns = entry.get("columns") or {}
    if not isinstance(columns, dict):
        raise _error("not_text_table", where=where, key="columns")
    return NamedDataset(
        name,
        label,
        uri=uri,
        password_env=_text(entry, "password_env", where),
        ttl_seconds=ttl,
        tables=tables,
        columns={str(t): _texts(m, where, f"columns.{t}") for t, m in columns.items()},
        allow=allow,
    )


def load_named(entry: NamedDataset, secrets: Mapping | None = None):
    """Load a named dataset. Files never raise (problems are in the report); a database that cannot
    be used raises `metrics.ingest.database.DatabaseError`."""
    if entry.is_database:
        from metrics.ingest.database import DatabaseSource, load_database

        source = DatabaseSource(
            entry.connection_uri(secrets),
            dict(entry.tables),
            {k: dict(v) for k, v in entry.columns.items()},
        )
        dataset = load_database(entry.label, source)
    else:
        from metrics.ingest.load import load_dataset

        dataset = load_dataset(entry.path, column_map=entry.column_map)
    dataset.name = entry.label
    return dataset

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
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote as url_quote
from urllib.parse import urlsplit, urlunsplit

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
    """datasets.toml cannot be used as it is; the message says where and why."""


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
    """The named datasets: the sample first, then those of datasets.toml (if there is one)."""
    path = path or catalogue_path()
    found = {SAMPLE: sample_entry()}
    if not path.exists():
        if os.environ.get(ENV):
            raise CatalogueError(f"{path}: no such file ({ENV} points to it)")
        return found
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CatalogueError(f"{path.name}: not readable as TOML ({exc})") from None
    entries = data.get("datasets", {})
    if not isinstance(entries, dict):
        raise CatalogueError(f"{path.name}: [datasets] must be a table of datasets")
    for name, entry in entries.items():
        found[name] = _entry(name, entry, path)
    return found


def _entry(name: str, entry: object, path: Path) -> NamedDataset:
    where = f"{path.name}, dataset '{name}'"
    if not isinstance(entry, dict):
        raise CatalogueError(f"{where}: expected a table of settings")
    unknown = set(entry) - KEYS
    if unknown:
        raise CatalogueError(f"{where}: unknown setting(s) {', '.join(sorted(unknown))}")
    if ("path" in entry) == ("uri" in entry):
        raise CatalogueError(f"{where}: give either path (files) or uri (a database)")
    base = path.parent
    label = str(entry.get("label", name))
    allow = entry.get("allow")
    if allow is not None and not (
        isinstance(allow, list) and all(isinstance(a, str) and a for a in allow)
    ):
        raise CatalogueError(f"{where}: allow must be a list of roles, addresses or @domains")
    allow = tuple(allow) if allow is not None else None
    if "path" in entry:
        column_map = entry.get("column_map")
        return NamedDataset(
            name,
            label,
            path=base / str(entry["path"]),
            column_map=base / str(column_map) if column_map else None,
            allow=allow,
        )
    uri = str(entry["uri"])
    parts = urlsplit(uri)
    if parts.scheme not in ("postgresql", "postgres"):
        raise CatalogueError(f"{where}: only postgresql:// URIs are supported")
    if parts.password is not None:
        raise CatalogueError(
            f"{where}: the URI has a password in it; take it out and set "
            "password_env (or PGPASSWORD, or .streamlit/secrets.toml)"
        )
    tables = entry.get("tables")
    if not isinstance(tables, dict) or not tables:
        raise CatalogueError(f'{where}: tables = {{ companies = "…", … }} is needed')
    return NamedDataset(
        name,
        label,
        uri=uri,
        password_env=entry.get("password_env"),
        ttl_seconds=int(entry.get("ttl_seconds", 600)),
        tables={str(k): str(v) for k, v in tables.items()},
        columns={
            str(t): {str(a): str(b) for a, b in m.items()}
            for t, m in (entry.get("columns") or {}).items()
        },
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

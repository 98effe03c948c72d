"""Hypothesis strategies for configuration files of odd shapes: column maps and datasets.toml entries
whose every value may be of the wrong type (a string where a table is expected, a list, a float
offset, a date, a table nested too deep…), with real keys mixed with made-up ones, written out as
TOML text. Used by tests/unit/test_fuzz_config.py."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import strategies as st

from metrics.ingest.datasets import KEYS
from metrics.schema import TABLES

NAMES = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=0,
    max_size=12,
)
"""Keys and texts: any character TOML can hold (no lone surrogates, no NUL)."""

SCALARS = st.one_of(
    NAMES,
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.datetimes(min_value=dt.datetime(1, 1, 1)),
)


def values(depth: int = 2):
    """Any TOML value: scalars, arrays and inline tables, nested a little."""
    return st.recursive(
        SCALARS,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(NAMES, inner, max_size=3)
        ),
        max_leaves=depth * 4,
    )


def keyed(known: list[str], value_of) -> st.SearchStrategy[dict]:
    """A table whose keys are mostly the real ones (`known`), some made up, each with `value_of`
    (a strategy, or a function of the key giving one)."""
    key = st.one_of(st.sampled_from(known), NAMES) if known else NAMES
    return st.dictionaries(key, st.deferred(lambda: values()), max_size=len(known) + 2).flatmap(
        lambda d: st.fixed_dictionaries(
            {k: (value_of(k) if callable(value_of) else value_of) for k in d}
        )
    )


COLUMN_NAMES = sorted({c for spec in TABLES.values() for c in spec.columns})


def _table_body(key: str):
    """The value of one key of `[tables.X]`: right-shaped or not."""
    right = {
        "source": NAMES,
        "columns": st.dictionaries(NAMES, st.one_of(st.sampled_from(COLUMN_NAMES), NAMES)),
        "constants": st.dictionaries(st.sampled_from(COLUMN_NAMES), SCALARS, max_size=3),
        "date_formats": st.dictionaries(NAMES, st.sampled_from(["%Y", "%d/%m/%Y", "%", "%Q"])),
        "offsets": st.dictionaries(st.sampled_from(COLUMN_NAMES), st.integers(-5, 5), max_size=2),
    }.get(key)
    return st.one_of(right, values()) if right is not None else values()


BODY_KEYS = ["source", "columns", "constants", "date_formats", "offsets"]

column_maps = st.fixed_dictionaries(
    {},
    optional={
        "tables": st.one_of(
            st.dictionaries(
                st.one_of(st.sampled_from(list(TABLES)), NAMES),
                st.one_of(keyed(BODY_KEYS, _table_body), values()),
                max_size=3,
            ),
            values(),
        ),
        "options": st.one_of(
            st.fixed_dictionaries({}, optional={"derive_companies": values()}), values()
        ),
        "extra": values(),
    },
)
"""A column map document (as a dict): right and wrong shapes at every level."""


def _uri():
    host = st.sampled_from(["127.0.0.1", "localhost", "[::1]", "[::1", "db.invalid", "", "a b"])
    port = st.one_of(
        st.none(), st.integers(-1, 70000).map(str), st.sampled_from(["x", "", "5432a"])
    )
    user = st.one_of(st.none(), st.sampled_from(["u", "u:secret", ":", "u@x"]))
    query = st.one_of(
        st.none(),
        st.sampled_from(
            ["password=p", "PassWord=p", "connect_timeout=2", "options=-c%20x", "&&=", "a"]
        ),
    )
    scheme = st.sampled_from(["postgresql", "postgres", "mysql", "", "postgresql:"])

    def build(parts):
        s, u, h, p, q = parts
        netloc = (f"{u}@" if u is not None else "") + h + (f":{p}" if p is not None else "")
        return f"{s}://{netloc}/db" + (f"?{q}" if q is not None else "")

    return st.one_of(st.tuples(scheme, user, host, port, query).map(build), NAMES)


def _dataset_value(key: str):
    right = {
        "path": st.sampled_from(["data", ".", "no/such/folder", "nul\x01name", ""]),
        "column_map": st.sampled_from(["map.toml", "none.toml", ""]),
        "uri": _uri(),
        "password_env": NAMES,
        "ttl_seconds": st.integers(-10, 10**12),
        "tables": st.dictionaries(st.sampled_from(list(TABLES)), NAMES, max_size=3),
        "columns": st.dictionaries(st.sampled_from(list(TABLES)), values(), max_size=2),
        "label": NAMES,
        "allow": st.lists(NAMES, max_size=3),
    }.get(key)
    return st.one_of(right, values()) if right is not None else values()


def _entry(required: str):
    """A dataset entry with `required` (path or uri) and any of the other settings."""
    others = sorted(KEYS - {"path", "uri"})
    return st.fixed_dictionaries(
        {required: _dataset_value(required)},
        optional={k: _dataset_value(k) for k in others},
    )


catalogues = st.fixed_dictionaries(
    {},
    optional={
        "datasets": st.one_of(
            st.dictionaries(
                NAMES,
                st.one_of(
                    _entry("uri"), _entry("path"), keyed(sorted(KEYS), _dataset_value), values()
                ),
                max_size=3,
            ),
            values(),
        ),
        "other": values(),
    },
)
"""A datasets.toml document (as a dict)."""


def _key(key: str) -> str:
    return _string(str(key))


def _string(text: str) -> str:
    # JSON strings are TOML basic strings, but for DEL, which TOML wants escaped
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _inline(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return "nan"
        if value in (float("inf"), float("-inf")):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {_inline(v)}" for k, v in value.items()) + "}"
    raise TypeError(type(value))


def to_toml(document: dict) -> str:
    """The document as TOML text: one `key = value` line per top-level key."""
    return "".join(f"{_key(k)} = {_inline(v)}\n" for k, v in document.items())

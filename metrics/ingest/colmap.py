"""Column maps: a small TOML file saying what a dataset's files are, for layouts the loader cannot
guess. Given with `--map FILE`, or found as `dataset.toml` in the dataset's folder or zip.

```toml
[dataset]                          # what the dataset says about itself
name = "Nordic Reputation 2022"    # shown on the Data page, in the pack's title and source lines
source = "Published ranking, Example Institute"
currency = "USD"                   # amounts are millions of this currency (default SEK)
level = "industry"                 # respondents name industries only (default: companies)
change_rule = "two_points"         # SKI: a change over 2 points is significant where no sd is known
nominations = 3                    # the top three of each industry are nominated

[options]
derive_companies = true            # build `companies` from the ids the other tables use

[metrics.reputation]               # a metric of this dataset: a row of its metrics catalogue
domain = "service"
label_en = "Reputation"
label_sv = "Anseende"
headline = true                    # the service metric the pages lead with

[wide]                             # one file with a row per company and year
columns = { Company = "company", Sector = "industry", Year = "year", Score = "reputation" }
ignore = ["Rank", "Change"]

[tables.commercial]                # a table from a file or sheet of another layout
source = "financials.csv"
columns = { Name = "company_id", Year = "fiscal_year", Revenue = "revenue_msek" }
match = "name"                     # company_id holds names: matched to the companies by name
offsets = { fiscal_year = -1 }     # the list of year Y reports fiscal year Y - 1
values = { Sector = { "1001" = "Processed food" } }   # codes of the source, recoded
ratings = { SATIS = "satisfaction", CONFIRM = "confirmation" }  # responses: a column per item
constants = { scale_points = 10 }  # columns the source lacks, the same on every row
date_formats = { date_review = "%d/%m/%Y" }   # source column -> strftime format
```
A source column mapped to a whole-number year with a date format gives that date's year.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from metrics.ingest.wide import WideMap
from metrics.schema import TABLES, About
from metrics.text.i18n import Msg, msg

MAP_NAMES = ("dataset.toml", "servicemirror.toml")
"""A column map found beside the data files under one of these names is applied by itself."""
METRIC_KEYS = {c for c in TABLES["metrics"].columns if c != "metric_id"}
ABOUT_KEYS = {"name", "source", "currency", "level", "change_rule", "nominations"}


class ColumnMapError(Exception):
    """The column map itself is wrong; `reason` says where, by message key."""

    def __init__(self, reason: Msg):
        super().__init__(reason.render("en"))
        self.reason = reason


@dataclass
class TableMap:
    table: str
    source: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    constants: dict[str, object] = field(default_factory=dict)
    date_formats: dict[str, str] = field(default_factory=dict)
    offsets: dict[str, int] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    ratings: dict[str, str] = field(default_factory=dict)
    match: str | None = None
    """"name": the company_id column holds company names, matched by `match_key`."""


@dataclass
class ColumnMap:
    tables: dict[str, TableMap]
    derive_companies: bool = False
    origin: str = "column map"
    about: About = field(default_factory=About)
    metrics: list[dict[str, object]] = field(default_factory=list)
    wide: WideMap | None = None


SHAPES = {
    dict: "colmap.shape_table",
    str: "colmap.shape_text",
    int: "colmap.shape_integer",
    bool: "colmap.shape_bool",
    list: "colmap.shape_list",
}


def _shaped(value: object, shape: type, file: str, where: str) -> object:
    """`value` if it has the shape the column map needs at `where`, else a ColumnMapError."""
    ok = isinstance(value, shape) and not (shape is int and isinstance(value, bool))
    if not ok:
        wanted = msg(SHAPES[shape])
        raise ColumnMapError(msg("colmap.wrong_shape", file=file, where=where, shape=wanted))
    return value


def _texts(body: dict, key: str, file: str, where: str) -> dict[str, str]:
    """A table of text values at `where.key` (absent: empty)."""
    table = _shaped(body.get(key) or {}, dict, file, f"{where}.{key}")
    return {str(k): _shaped(v, str, file, f"{where}.{key}.{k}") for k, v in table.items()}


def _known(keys: set[str], allowed: set[str], file: str, where: str) -> None:
    unknown = sorted(keys - allowed)
    if unknown:
        reason = msg("colmap.unknown_keys", file=file, where=where, keys=unknown)
        raise ColumnMapError(reason)


def read_column_map(path: str | Path) -> ColumnMap:
    """Parse and check a column map file. Raises `ColumnMapError` with the file and key at fault."""
    path = Path(path)
    file = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ColumnMapError(msg("colmap.unreadable", file=file)) from exc
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"line (\d+), column (\d+)", str(exc))
        line, column = at.groups() if at else ("?", "?")
        raise ColumnMapError(msg("colmap.not_toml", file=file, line=line, column=column)) from None
    unknown = set(data) - {"options", "tables", "dataset", "metrics", "wide"}
    if unknown:
        raise ColumnMapError(msg("colmap.unknown_sections", file=file, sections=sorted(unknown)))
    tables = {}
    for name, body in _shaped(data.get("tables") or {}, dict, file, "tables").items():
        tables[name] = _table_map(name, body, file)
    options = _shaped(data.get("options") or {}, dict, file, "options")
    _known(set(options), {"derive_companies"}, file, "[options]")
    derive = _shaped(options.get("derive_companies", False), bool, file, "derive_companies")
    return ColumnMap(
        tables,
        derive,
        file,
        about=_about(data.get("dataset"), file),
        metrics=_metrics(data.get("metrics"), file),
        wide=_wide(data.get("wide"), file),
    )


def _table_map(name: str, body: object, file: str) -> TableMap:
    where = f"[tables.{name}]"
    if name not in TABLES:
        raise ColumnMapError(msg("colmap.not_a_table", file=file, name=name, tables=list(TABLES)))
    body = _shaped(body, dict, file, where)
    keys = {
        "source",
        "columns",
        "constants",
        "date_formats",
        "offsets",
        "values",
        "ratings",
        "match",
    }
    _known(set(body), keys, file, where)
    spec = TABLES[name]
    columns = _texts(body, "columns", file, where)
    extra = {"industry_id"} if name == "responses" else set()  # industry-level respondents
    for src, target in columns.items():
        if target not in spec.columns and target not in extra:
            reason = msg(
                "colmap.not_a_column",
                file=file,
                where=where,
                source=src,
                target=target,
                columns=list(spec.columns),
            )
            raise ColumnMapError(reason)
    source = body.get("source")
    offsets = _shaped(body.get("offsets") or {}, dict, file, f"{where}.offsets")
    values = _shaped(body.get("values") or {}, dict, file, f"{where}.values")
    match = body.get("match")
    if match is not None and match != "name":
        raise ColumnMapError(msg("colmap.match", file=file, where=where))
    return TableMap(
        table=name,
        source=None if source is None else _shaped(source, str, file, f"{where}.source"),
        columns=columns,
        constants=dict(_shaped(body.get("constants") or {}, dict, file, f"{where}.constants")),
        date_formats=_texts(body, "date_formats", file, where),
        offsets={str(k): _shaped(v, int, file, f"{where}.offsets.{k}") for k, v in offsets.items()},
        values={
            str(col): {
                str(k): str(v) for k, v in _texts(values, col, file, f"{where}.values").items()
            }
            for col in values
        },
        ratings=_texts(body, "ratings", file, where) if name == "responses" else {},
        match=match,
    )


def _about(body: object, file: str) -> About:
    if body is None:
        return About()
    body = _shaped(body, dict, file, "[dataset]")
    _known(set(body), ABOUT_KEYS, file, "[dataset]")
    texts = {
        k: _shaped(v, str, file, f"[dataset].{k}") for k, v in body.items() if k != "nominations"
    }
    if texts.get("level") not in (None, "company", "industry"):
        raise ColumnMapError(msg("colmap.level", file=file))
    if texts.get("change_rule") not in (None, "interval", "two_points"):
        raise ColumnMapError(msg("colmap.change_rule", file=file))
    nominations = body.get("nominations")
    if nominations is not None:
        _shaped(nominations, int, file, "[dataset].nominations")
    return About(
        name=texts.get("name"),
        source=texts.get("source"),
        currency=texts.get("currency", "SEK"),
        level=texts.get("level", "company"),
        change_rule=texts.get("change_rule", "interval"),
        nominations=nominations,
    )


def _metrics(body: object, file: str) -> list[dict[str, object]]:
    """`[metrics.ID]` sections as rows of the metrics table (as text; validated with it). Only the
    domain is needed: labels default to the id, the unit to a 0–100 index, higher is better."""
    rows = []
    for metric_id, entry in _shaped(body or {}, dict, file, "[metrics]").items():
        where = f"[metrics.{metric_id}]"
        entry = _shaped(entry, dict, file, where)
        _known(set(entry), METRIC_KEYS, file, where)
        if "domain" not in entry:
            raise ColumnMapError(msg("colmap.metric_domain", file=file, where=where))
        row = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in entry.items()}
        row.setdefault("label_en", metric_id)
        row.setdefault("label_sv", row["label_en"])
        row.setdefault("unit", "index")
        row.setdefault("higher_is_better", "true")
        if row["unit"] == "index" and "scale_min" not in row and "scale_max" not in row:
            row |= {"scale_min": "0", "scale_max": "100"}
        rows.append({"metric_id": metric_id, **row})
    return rows


def _wide(body: object, file: str) -> WideMap | None:
    if body is None:
        return None
    body = _shaped(body, dict, file, "[wide]")
    _known(set(body), {"source", "columns", "ignore"}, file, "[wide]")
    ignore = _shaped(body.get("ignore") or [], list, file, "[wide].ignore")
    source = body.get("source")
    return WideMap(
        source=None if source is None else _shaped(source, str, file, "[wide].source"),
        columns=_texts(body, "columns", file, "[wide]"),
        ignore=[_shaped(h, str, file, "[wide].ignore") for h in ignore],
    )

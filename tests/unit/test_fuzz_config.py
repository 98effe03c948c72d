"""Fuzzed configuration: column maps and datasets.toml entries of any shape never raise anything but
their own keyed errors, and loading with them gives a report, never a traceback (strategies in
tests/hostile/toml_shapes.py)."""

from __future__ import annotations

import tomllib

from hypothesis import HealthCheck, example, given, settings

from metrics.ingest.colmap import ColumnMapError, read_column_map
from metrics.ingest.database import redact, with_timeouts
from metrics.ingest.datasets import CatalogueError, load_named, read_catalogue
from metrics.ingest.load import load_dataset
from metrics.text.i18n import Msg
from tests.conftest import tiny_tables
from tests.hostile.toml_shapes import catalogues, column_maps, to_toml

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _folder(root):
    folder = root / "data"
    folder.mkdir(exist_ok=True)
    for name, frame in tiny_tables().items():
        frame.write_csv(folder / f"{name}.csv")
    return folder


def test_the_toml_writer_writes_what_tomllib_reads():
    document = {"tables": {"a b": {"x": [1, 2.5, "é\x7f"], "y": {"z": True}}}, "n": -3}
    assert tomllib.loads(to_toml(document)) == document


@SETTINGS
@given(document=column_maps)
@example(document={"tables": {"companies": {"offsets": {"year": 1.5}}}})
@example(document={"tables": {"companies": "columns"}, "options": []})
@example(
    document={"tables": {"service_scores": {"columns": {"x": "year"}, "date_formats": {"x": "%Q"}}}}
)
def test_a_column_map_of_any_shape_is_a_keyed_error_or_a_report(tmp_path_factory, document):
    root = tmp_path_factory.mktemp("cmap")
    path = root / "map.toml"
    path.write_text(to_toml(document), encoding="utf-8")
    try:
        read_column_map(path)
    except ColumnMapError as exc:
        assert isinstance(exc.reason, Msg) and exc.reason.render("sv")
    dataset = load_dataset(_folder(root), column_map=path)  # never raises
    checks = {p.check for p in dataset.report.problems}
    assert "unexpected" not in checks, [p.sentence() for p in dataset.report.problems]
    assert dataset.report.summary()


@SETTINGS
@given(document=catalogues)
@example(document={"datasets": {"x": {"uri": "postgresql://[::1/db", "tables": {"a": "b"}}}})
@example(document={"datasets": {"x": {"uri": "postgresql://h:99999/db", "tables": {"a": "b"}}}})
@example(document={"datasets": {"x": {"path": "nul\x01x"}, "y": {"uri": 1}}})
def test_a_datasets_toml_of_any_shape_is_a_keyed_error_or_datasets(tmp_path_factory, document):
    root = tmp_path_factory.mktemp("cat")
    _folder(root)
    (root / "map.toml").write_text('[tables.companies]\ncolumns = { id = "company_id" }\n')
    path = root / "datasets.toml"
    path.write_text(to_toml(document), encoding="utf-8")
    try:
        named = read_catalogue(path)
    except CatalogueError as exc:
        assert isinstance(exc.reason, Msg) and exc.reason.render("sv")
        return
    for entry in named.values():
        if entry.is_database:  # never connected to here: the URI is only prepared
            uri = entry.connection_uri({})
            assert with_timeouts(uri) and redact(uri)
            continue
        dataset = load_named(entry)  # files: never raises
        checks = {p.check for p in dataset.report.problems}
        assert "unexpected" not in checks, [p.sentence() for p in dataset.report.problems]

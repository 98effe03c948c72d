"""The `servicemirror` command as an analyst uses it from the shell."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from metrics.cli import app
from tests.conftest import SAMPLE_DIR

runner = CliRunner()


def test_validate_sample_exits_zero():
    result = runner.invoke(app, ["validate", str(SAMPLE_DIR)])
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output and "the dataset is valid" in result.output


def test_validate_broken_copy_exits_one_with_row_column_value(sample_copy: Path, tmp_path: Path):
    path = sample_copy / "companies.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[3].split(",")
    cells[header.index("ownership")] = "family"
    lines[3] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    csv_out = tmp_path / "report.csv"
    result = runner.invoke(app, ["validate", str(sample_copy), "--csv", str(csv_out)])
    assert result.exit_code == 1
    assert (
        "companies.csv, row 4, column 'ownership': value not allowed (value 'family')"
        in result.output
    )
    assert (
        "expected one of: listed, private, state_owned, public_authority, cooperative"
        in result.output
    )
    assert csv_out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_validate_missing_path_exits_one(tmp_path: Path):
    result = runner.invoke(app, ["validate", str(tmp_path / "nothing")])
    assert result.exit_code == 1 and "no such file or folder" in result.output


def test_help_is_quick_to_import():
    """The console script starts without importing polars or pandera."""
    code = "import sys, metrics.cli; print('polars' in sys.modules, 'pandera' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_loading_does_not_import_pandas():
    """pandera's pandas API (and pandas) stay out of a CLI process: they cost 0.4 s of start-up."""
    code = (
        "import sys; from metrics.ingest.load import load_dataset; d = load_dataset('sample_data'); "
        "print(d.report.errors, d.usable, 'pandas' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[2],
    )
    assert out.stdout.split() == ["0", "True", "False"]


def test_the_example_datasets_toml_reads(monkeypatch):
    from metrics.ingest.datasets import read_catalogue

    example = Path(__file__).parents[2] / "datasets.example.toml"
    named = read_catalogue(example)
    assert list(named) == ["sample", "Nordic CX 2025", "warehouse"]
    assert named["warehouse"].is_database and named["warehouse"].columns["responses"]["firm"]
    monkeypatch.setenv("CX_DB_PASSWORD", "s3cret/with:chars")
    assert named["warehouse"].connection_uri() == (
        "postgresql://analyst:s3cret%2Fwith%3Achars@db.example.com:5432/cx"
    )

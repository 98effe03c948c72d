"""The test suite's own rules: real public files skip outside CI and fail in CI when absent."""

from __future__ import annotations

import pytest

from tests import conftest


def test_missing_real_files_skip_outside_ci_and_fail_in_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(conftest, "REALDATA", tmp_path)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="not found"):
        conftest.require_realdata("acsi_sample_2015.xlsx")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"CI=true but acsi_sample_2015\.xlsx"):
        conftest.require_realdata("acsi_sample_2015.xlsx")
    (tmp_path / "acsi_sample_2015.xlsx").write_bytes(b"x")
    assert conftest.require_realdata("acsi_sample_2015.xlsx") == tmp_path

"""The hostile corpus (tests/hostile/corpus.py), every case: a clear report, no exception and no
traceback, memory bounded, and the source files byte-identical afterwards.

The cases are loaded in one child process, so that a case that went wrong (a zip bomb expanded, say)
shows in that process's peak memory instead of taking the test run down.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.corpus import CASES, build

ROOT = Path(__file__).resolve().parents[2]
MAX_RSS_MB = 1500
"""Peak memory of the child that loads the whole corpus (the 300 MB zip bomb must not expand)."""

CHILD = r"""
import json, resource, sys, traceback
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from tests.hostile.corpus import CASES
from tests.unit.test_i18n import english_left
from metrics.ingest.load import load_dataset
out = []
for i, case in enumerate(CASES):
    path = Path(sys.argv[2]) / sys.argv[3 + i]
    try:
        if case.upload_limit:
            from dashboard.state import load_upload
            from tests.app.test_app_shell import FakeUpload
            files = sorted(p for p in Path(path).rglob("*") if p.is_file())
            dataset = load_upload([FakeUpload(p.name, p.read_bytes()) for p in files],
                                  max_bytes=case.upload_limit)
        else:
            dataset = load_dataset(path)
        report = dataset.report
        text = "\n".join(" | ".join(str(v) for v in (p.severity, p.message, p.value, p.expected,
                                                      p.check)) for p in report.problems)
        out.append({"name": case.name, "text": text, "usable": dataset.usable,
                    "checks": [p.check for p in report.problems], "error": None,
                    "english_left": english_left(report.problems)})
    except BaseException:
        out.append({"name": case.name, "error": traceback.format_exc()})
    out[-1]["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def digest(path: Path) -> dict[str, str]:
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    built = build(root)
    before = {case.name: digest(path) for case, path in built}
    rel = [str(path.relative_to(root)) for _, path in built]
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT), str(root), *rel],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found = {r["name"]: r for r in json.loads(done.stdout.strip().splitlines()[-1])}
    after = {case.name: digest(path) for case, path in built}
    leaked = [p for p in Path("/tmp").glob("evil.csv")]
    return found, before, after, leaked


def test_the_corpus_is_complete():
    assert len(CASES) >= 25  # every kind the hardening issue lists, and a few more


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_case(case, results):
    found, before, after, leaked = results
    r = found[case.name]
    assert r["error"] is None, r["error"]  # no exception escaped the loader
    assert "Traceback" not in r["text"] and "unexpected" not in r["checks"], r["text"]
    for expected in case.expect:
        assert expected.lower() in r["text"].lower(), (expected, r["text"])
    if case.usable is not None:
        assert r["usable"] == case.usable, r["text"]
    assert before[case.name] == after[case.name], "a source file changed"
    assert not leaked, "a zip member was written outside its folder"
    assert r["rss_mb"] < MAX_RSS_MB
    assert not r["english_left"], r["english_left"]  # the Swedish report says it too

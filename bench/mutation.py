"""The mutation score per module, from mutmut's results (run `make mutation`, or `mutmut run` first).

A mutant is *killed* when a test fails with it, *timeout* when the tests hang (also detected);
*survived* means no test noticed the change. Score = (killed + timeout) / checked mutants.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DETECTED = ("killed", "timeout")


def results() -> dict[str, Counter]:
    """mutmut's status of every mutant, counted per module."""
    out = subprocess.run(
        [str(Path(sys.executable).with_name("mutmut")), "results", "--all", "true"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    by_module: dict[str, Counter] = defaultdict(Counter)
    for line in out.splitlines():
        if ":" not in line:
            continue
        name, status = (part.strip() for part in line.rsplit(":", 1))
        by_module[name.rsplit(".", 1)[0]][status] += 1
    return by_module


def main() -> None:
    by_module = results()
    if not by_module:
        print("No mutation results: run `make mutation` (or `.venv/bin/mutmut run`) first.")
        return
    print(
        f"{'module':42} {'mutants':>7} {'killed':>7} {'timeout':>7} {'survived':>8} {'other':>6} {'score':>6}"
    )
    total: Counter = Counter()
    for module in sorted(by_module):
        c = by_module[module]
        total.update(c)
        checked = sum(v for k, v in c.items() if k not in ("not checked", "skipped"))
        detected = sum(c[k] for k in DETECTED)
        other = checked - detected - c["survived"]
        score = f"{100 * detected / checked:.0f}%" if checked else "–"
        print(
            f"{module:42} {checked:7} {c['killed']:7} {c['timeout']:7} {c['survived']:8} {other:6} {score:>6}"
        )
    checked = sum(v for k, v in total.items() if k not in ("not checked", "skipped"))
    detected = sum(total[k] for k in DETECTED)
    print(
        f"{'all':42} {checked:7} {total['killed']:7} {total['timeout']:7} {total['survived']:8}"
        f" {checked - detected - total['survived']:6} {100 * detected / max(checked, 1):5.0f}%"
    )


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# The three mutants issue 15 names, applied one at a time to a scratch copy of the repository; the
# analytics tests must fail on each ("killed"). Your checkout is never touched.
#     bash bench/named_mutants.sh
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
git -C "$ROOT" archive HEAD | tar -x -C "$SCRATCH"
mutate() { # name file old new
  cp "$SCRATCH/$2" "$SCRATCH/$2.orig"
  "$PY" - "$SCRATCH/$2" "$3" "$4" <<'PY'
import sys
path, old, new = sys.argv[1:]
text = open(path).read()
assert old in text, f"the code to mutate is gone: {old!r}"
open(path, "w").write(text.replace(old, new, 1))
PY
  if (cd "$SCRATCH" && PYTHONPATH="$SCRATCH" "$PY" -m pytest -q -x -p no:cacheprovider \
      tests/unit/test_relations.py tests/unit/test_panel.py tests/unit/test_stats.py \
      tests/unit/test_findings.py >"$SCRATCH/$1.log" 2>&1); then
    echo "$1: SURVIVED"
  else
    echo "$1: killed by $(grep -m1 '^FAILED' "$SCRATCH/$1.log" | cut -d' ' -f2)"
  fi
  mv "$SCRATCH/$2.orig" "$SCRATCH/$2"
}
mutate outcome_leads_computed_as_service_leads metrics/analytics/panel.py \
  '("outcome_leads", "s1", "o0", "s0"),' '("outcome_leads", "o1", "s0", "o0"),'
mutate quartile_gap_exclusion_dropped metrics/analytics/relations.py \
  'compared = companies.filter(~_no_link(companies)) if excluded else companies' 'compared = companies'
mutate bootstrap_resamples_rows_not_companies metrics/analytics/relations.py \
  'top["company_id"].to_numpy(),
            bottom["company_id"].to_numpy(),' 'None,
            None,'

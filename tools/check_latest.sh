#!/usr/bin/env bash
# The other side of the lock (opt-in, not part of CI): install gvcpanel from the ranges in
# pyproject.toml with the newest releases into a throwaway environment, report the versions that
# differ from requirements/lock-test.txt, run the whole test suite there, then run the default
# pipeline in both environments and compare the tables (LaTeX, to the printed digits = bytes).
#   bash tools/check_latest.sh            # the locked environment is .venv (README Quick start)
#   LOCKED=/path/to/venv bash tools/check_latest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
locked=${LOCKED:-.venv}
[ -x "$locked/bin/snakemake" ] || { echo "no locked environment at $locked (README Quick start)"; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
latest="$work/venv"

echo "== newest releases within pyproject.toml's ranges"
python3 -m venv "$latest"
"$latest/bin/pip" install -q --upgrade --no-cache-dir -e ".[test,docs]"
"$latest/bin/python" - <<'PY'
from gvcpanel.report.provenance import installed_versions, lock_differences, read_lock

diff = lock_differences(read_lock("requirements/lock-test.txt"), installed_versions())
print("\n".join(f"  {n}: locked {v['locked']}, newest {v['installed']}" for n, v in diff.items())
      or "  the newest releases are the locked ones")
PY

echo "== test suite, newest releases"
"$latest/bin/python" -m pytest -q -p no:cacheprovider

echo "== default pipeline in both environments"
"$locked/bin/snakemake" --cores all -q --config results="$work/locked"
"$latest/bin/snakemake" --cores all -q --config results="$work/latest"
if diff -r "$work/locked/tables" "$work/latest/tables"; then
    echo "tables identical between the locked and the newest-release environments"
else
    echo "tables DIFFER (above)"; exit 1
fi

#!/usr/bin/env bash
# Refresh the lock files from the ranges in pyproject.toml: the newest releases that satisfy them,
# every transitive dependency pinned with the SHA-256 of each of its distribution files.
#   requirements/lock.txt       the pipeline (README Quick start, line 1)
#   requirements/lock-test.txt  the pipeline, the test tools and the documentation site (line 2, CI)
# The locks are resolved for the reference platform, CPython 3.11 on Linux x86-64.
# After refreshing: run the whole test suite from the new lock and check that the "paper vs run"
# tables are unchanged (tools/check_latest.sh does both against the previous environment).
set -euo pipefail
cd "$(dirname "$0")/.."
tool=$(mktemp -d)
trap 'rm -rf "$tool"' EXIT
python3 -m venv "$tool/venv"
"$tool/venv/bin/pip" install -q "uv>=0.9,<1"
common=(--python-version 3.11 --python-platform x86_64-unknown-linux-gnu --generate-hashes -q)
"$tool/venv/bin/uv" pip compile pyproject.toml "${common[@]}" -o requirements/lock.txt
"$tool/venv/bin/uv" pip compile pyproject.toml --extra test --extra docs "${common[@]}" \
    -o requirements/lock-test.txt
git --no-pager diff --stat -- requirements/

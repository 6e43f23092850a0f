#!/usr/bin/env bash
# Runs every test tier of followup_app:
#   1. ruff (lint + format check) and the Frappe-free pytest suite in tests/ (core + metadata),
#      in a private virtualenv (.venv-test) that this script creates with the test extra;
#   2. the integration tier on a real bench (tools/integration.sh), or one line saying it was skipped.
set -euo pipefail
cd "$(dirname "$0")"

python=""
for candidate in python3 python3.12 python3.11 python3.10; do
	if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
		python=$candidate
		break
	fi
done
[ -n "$python" ] || { echo "run_tests: Python >= 3.10 is required" >&2; exit 1; }

venv=.venv-test
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e ".[test]"

"$venv/bin/ruff" check .
"$venv/bin/ruff" format --check .
"$venv/bin/pytest"

FOLLOWUP_TEST_PYTHON="$PWD/$venv/bin/python" bash tools/integration.sh

#!/usr/bin/env bash
# Integration tier: runs the app's FrappeTestCase suite on an existing ERPNext v15 or v16 bench site.
#
# Finding the bench: $FOLLOWUP_BENCH, else the first of /opt/frappe-bench, ~/frappe-bench that holds
# apps/frappe, apps/erpnext, env/ and sites/. The site: $FOLLOWUP_SITE, else sites/currentsite.txt, else
# the only site of the bench. Site commands go straight to the bench's Frappe CLI
# (`env/bin/python -m frappe.utils.bench_helper frappe`, what `bench --site` runs), so no `bench` CLI is
# needed and root may run them. Without a bench this prints one "integration: skipped (...)" line.
#
# With a bench it links apps/followup_app to this checkout, then proves the app lifecycle
# (install if needed, migrate twice, uninstall leaving no custom field behind, install again)
# and runs `bench --site SITE run-tests --app followup_app`; then the browser suite in tests/e2e.
set -euo pipefail
checkout="$(cd "$(dirname "$0")/.." && pwd)"
test_python="${FOLLOWUP_TEST_PYTHON:-python3}"

bench_dir=""
for candidate in "${FOLLOWUP_BENCH:-}" /opt/frappe-bench "$HOME/frappe-bench"; do
	if [ -n "$candidate" ] && [ -d "$candidate/apps/frappe" ] && [ -d "$candidate/apps/erpnext" ] \
		&& [ -x "$candidate/env/bin/python" ] && [ -d "$candidate/sites" ]; then
		bench_dir=$candidate
		break
	fi
done
if [ -z "$bench_dir" ]; then
	echo "integration: skipped (no bench: set FOLLOWUP_BENCH to an ERPNext v15 or v16 bench, or create /opt/frappe-bench)"
	echo "e2e: skipped (no bench)"
	exit 0
fi

site="${FOLLOWUP_SITE:-}"
if [ -z "$site" ] && [ -s "$bench_dir/sites/currentsite.txt" ]; then
	site="$(tr -d '[:space:]' <"$bench_dir/sites/currentsite.txt")"
fi
if [ -z "$site" ]; then
	mapfile -t sites < <(cd "$bench_dir/sites" && ls -d -- */ 2>/dev/null | sed 's#/$##' | while read -r s; do [ -f "$s/site_config.json" ] && echo "$s"; done)
	[ "${#sites[@]}" -eq 1 ] && site="${sites[0]}"
fi
if [ -z "$site" ]; then
	echo "integration: skipped (no bench site: $bench_dir has no single site; set FOLLOWUP_SITE)"
	echo "e2e: skipped (no bench site)"
	exit 0
fi
echo "integration: bench $bench_dir, site $site"

# The machine's MariaDB must answer; one started from a shell that has since ended is gone.
if command -v mysqladmin >/dev/null && ! mysqladmin --connect-timeout=5 status >/dev/null 2>&1; then
	echo "integration: MariaDB does not answer; starting it"
	service mariadb start >/dev/null 2>&1 || service mysql start >/dev/null 2>&1 || true
fi

# Point the bench at this checkout.
app_link="$bench_dir/apps/followup_app"
if [ -e "$app_link" ] && [ ! -L "$app_link" ]; then
	echo "integration: $app_link is a real directory; replace it with a symlink to a checkout" >&2
	exit 1
fi
ln -sfn "$checkout" "$app_link"
grep -qx followup_app "$bench_dir/sites/apps.txt" || printf '\nfollowup_app\n' >>"$bench_dir/sites/apps.txt"
sed -i '/^$/d' "$bench_dir/sites/apps.txt"
# With the app's declared dependencies (pyproject.toml), as `bench get-app` installs them.
"$bench_dir/env/bin/python" -m pip install --quiet --disable-pip-version-check -e "$app_link"

cd "$bench_dir/sites"
run_bench() { ../env/bin/python -m frappe.utils.bench_helper frappe --site "$site" "$@"; }

if ! run_bench list-apps | grep -q '^followup_app'; then
	run_bench install-app followup_app
fi
run_bench migrate
run_bench migrate

# Uninstall must leave no custom field behind; then install again for the test run.
orphan_query="$("$test_python" -c "
import json, sys
sys.path.insert(0, '$checkout')
from followup_app.setup.custom_fields import CUSTOM_FIELDS
names = [f'{dt}-{field[\"fieldname\"]}' for dt, fields in CUSTOM_FIELDS.items() for field in fields]
print(json.dumps({'doctype': 'Custom Field', 'filters': {'name': ['in', names]}, 'pluck': 'name'}))
")"
run_bench uninstall-app followup_app --yes --no-backup
# `execute` prints the result only when it is not empty.
orphans="$(run_bench execute frappe.get_all --kwargs "$orphan_query" | tail -n 1)"
if [ -n "$orphans" ] && [ "$orphans" != "[]" ]; then
	echo "integration: uninstall left custom fields behind: $orphans" >&2
	exit 1
fi
echo "integration: uninstall removed every custom field"
run_bench install-app followup_app

# Run the suite; the closing line counts what ran.
log="$(mktemp)"
set +e
run_bench run-tests --app followup_app 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# Frappe v16 prints one "Ran N tests" block per test category: every block counts.
ran="$({ grep -Eo '^Ran [0-9]+ tests?' "$log" || true; } | { grep -Eo '[0-9]+' || true; } | awk '{ total += $1 } END { print total + 0 }')"
failed="$({ grep -E '^FAILED \(' "$log" || true; } | { grep -Eo '[0-9]+' || true; } | awk '{ total += $1 } END { print total + 0 }')"
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
	failed=1
fi
passed=$((ran > failed ? ran - failed : 0))
echo "integration: $passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] || exit 1

# The browser suite (tests/e2e): the personas in the desk of the site, served with a worker.
cd "$checkout"
chromium="${FOLLOWUP_E2E_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
	echo "e2e: skipped (no chromium at $chromium: apt install chromium fonts-noto-cjk)"
	exit 0
fi
if [ ! -d "$bench_dir/sites/assets/frappe/dist" ]; then
	echo "e2e: skipped (the bench's desk assets are not built: bench build)"
	exit 0
fi
# The app's public files, as `bench build` links them.
ln -sfn "$app_link/followup_app/public" "$bench_dir/sites/assets/followup_app"
"$bench_dir/env/bin/python" -m pip install --quiet --disable-pip-version-check "playwright>=1.45,<2" "pytest>=8,<9"
FOLLOWUP_E2E_BENCH="$bench_dir" FOLLOWUP_E2E_SITE="$site" FOLLOWUP_E2E_CHROMIUM="$chromium" \
	"$bench_dir/env/bin/python" -m pytest tests/e2e -p no:cacheprovider -o addopts="" -rA --tb=short

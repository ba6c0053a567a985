#!/usr/bin/env bash
# Smoke test of lfjb on its declared floors (ci/floors.txt): a second venv, Python 3.11, every runtime
# dependency at the oldest release pyproject.toml allows; then validate a board, write one pack, and
# run a few fast test files that need no test extras. Run from the repo root; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${LFJB_FLOORS_VENV:-.venv-floors}"
python3 -m venv "$venv"
"$venv/bin/pip" install -q -c ci/floors.txt . "pytest>=8"
"$venv/bin/pip" list 2>/dev/null | grep -iE '^(typer|click|rich|jinja2|markupsafe|weasyprint|pandas|numpy|pyarrow|openpyxl|python-calamine|altair|vl-convert-python|pyyaml|pydantic|filelock|odfpy) '

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
lfjb="$venv/bin/lfjb"
"$lfjb" --help >/dev/null  # typer < 0.16 fails here on Click >= 8.2
"$lfjb" pack --help >/dev/null
"$lfjb" validate --board wolverhampton
"$lfjb" pack --month 2025-03 --board wolverhampton --out "$out" --format pdf,html,json,ods,xlsx
for f in wolverhampton-board-pack-2025-03.pdf wolverhampton-summary-2025-03.html wolverhampton-pack-2025-03.json \
         wolverhampton-pack-2025-03.ods wolverhampton-pack-2025-03.xlsx; do
  test -s "$out/wolverhampton/2025-03/$f" || { echo "floors smoke: $f was not written" >&2; exit 1; }
done
# A usage error goes through Click's error path (where typer < 0.16 breaks on Click 8.2): exit code 2.
set +e
"$lfjb" pack --month 2025-13 --board wolverhampton --out "$out" >/dev/null 2>&1
code=$?
set -e
[ "$code" -eq 2 ] || { echo "floors smoke: a bad --month gave exit code $code, not 2" >&2; exit 1; }

"$venv/bin/python" -m pytest -q -p no:cacheprovider tests/inputs/test_extract.py tests/inputs/test_action_log.py tests/charts/test_charts.py

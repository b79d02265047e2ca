#!/usr/bin/env bash
# data/demo/ must be exactly what scripts/make-demo-data.py cuts from the national files.
# Exit 77 (CTest: skipped) when the national tree is missing outside CI; in CI it must be there.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="${PALLIACARTE_DATA_ROOT:-../shared/data}"
if [ ! -d "$root" ]; then
  echo "needs the national data tree $root (set PALLIACARTE_DATA_ROOT)"
  if [ -n "${CI:-}" ]; then exit 1; fi
  exit 77
fi
scripts/make-demo-data.py --check --source "$root"

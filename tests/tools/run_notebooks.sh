#!/usr/bin/env bash
# Executes every notebook in notebooks/ on the demo data, as a reader would open and run it;
# fails on the first cell that raises. Usage: tests/tools/run_notebooks.sh [PALLIACARTE_BINARY]
# (Debian's jupyter-nbconvert and python3-ipykernel; the kernel is /usr/bin/python3.)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -n "${1:-}" ]; then PALLIACARTE_BIN=$(readlink -f "$1"); export PALLIACARTE_BIN; fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export PALLIACARTE_CACHE_DIR="$out/cache" PYDEVD_DISABLE_FILE_VALIDATION=1
status=0
for nb in notebooks/*.ipynb; do
  start=$SECONDS
  if jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
       --output-dir "$out" "$nb" > "$out/log" 2>&1; then
    echo "notebook $nb: executed in $((SECONDS - start)) s"
  else
    echo "notebook $nb: FAILED"
    sed -e "s/\x1b\[[0-9;]*m//g" "$out/log" | grep -v -E "Debugger warning|frozen modules|Xfrozen|PYDEVD" | tail -40
    status=1
  fi
done
exit $status

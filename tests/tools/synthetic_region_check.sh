#!/usr/bin/env bash
# The region-size run of the country by road (CI): Auvergne-Rhône-Alpes on a synthetic network
# of ~2 million junctions generated from the population grid (scripts/bench-national.sh
# --region aura, in a scratch folder), imported and analysed; then its figures are checked
# against each other (check_analysis_consistency.py) and the compact graph's size is checked.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
PALLIACARTE_BENCH_DIR="$work" scripts/bench-national.sh --region aura
nodes=$(grep -o '^  [0-9 ]* nœuds' "$work/import.log" | tr -dc '0-9')
merged=$(grep -o 'compact : [0-9 ]* nœuds' "$work/import.log" | tr -dc '0-9')
echo "compact graph: $nodes nodes, $merged merged"
[ "$nodes" -gt 1500000 ] || { echo "expected over 1.5 million junctions, got $nodes"; exit 1; }
[ "$merged" -gt 100000 ] || { echo "expected degree-2 chains merged, got $merged"; exit 1; }
/usr/bin/python3 tests/tools/check_analysis_consistency.py "$work/out-aura"

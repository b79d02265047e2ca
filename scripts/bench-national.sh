#!/usr/bin/env bash
# The country by road, on a SYNTHETIC national network (no real national road data is
# reachable here): generates it as an OSM PBF (tests/bench/make_synthetic_roads.cpp, cached),
# imports it into the cached compact graph (palliacarte inspect), then runs the analysis of
# HAD and hospitals with the real national communes, the 1 km population grid and the national
# FINESS file (palliacarte analyze). The import (`inspect --prepare`) also cuts the population
# grid by the communes and builds the raster of snaps, both cached, as every analysis reuses
# them. Prints the import time, the analysis time and their peak RSS. Country-scale: run
# outside CI.
# Usage: scripts/bench-national.sh [--region aura] [--keep-cache]
#   --region aura   Auvergne-Rhône-Alpes only (≈ 1.5 million junctions: the CI-size run)
#   --keep-cache    reuse the imported graph and prepared caches (by default the cache is
#                   emptied first, so the import is measured)
# Data: ../shared/data next to the checkout, or $PALLIACARTE_DATA_ROOT. Work files go to
# $PALLIACARTE_BENCH_DIR (default ~/.cache/palliacarte/bench-national).
set -euo pipefail
cd "$(dirname "$0")/.."
region=france
keep_cache=0
while [ $# -gt 0 ]; do
  case "$1" in
    --region) region=$2; shift 2 ;;
    --keep-cache) keep_cache=1; shift ;;
    *) echo "usage: scripts/bench-national.sh [--region aura] [--keep-cache]" >&2; exit 2 ;;
  esac
done
data_root="${PALLIACARTE_DATA_ROOT:-$(cd .. && pwd)/shared/data}"
work="${PALLIACARTE_BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/palliacarte/bench-national}"
mkdir -p "$work"
bin=build/service/palliacarte
gen=build/tests/palliacarte_make_synthetic_roads
if [ ! -x "$bin" ] || [ ! -x "$gen" ]; then scripts/build.sh > /dev/null; fi

case "$region" in
  france)
    bbox="-180,-90,180,90"
    deps=$(awk -F, 'NR > 1 && length($1) == 2 {printf "%s\"%s\"", sep, $1; sep=","}' data/departements.csv) ;;
  aura)
    bbox="2.0,44.1,7.2,46.81"
    deps='"01","03","07","15","26","38","42","43","63","69","73","74"' ;;
  *) echo "bench-national: unknown region $region (france, aura)" >&2; exit 2 ;;
esac
pbf="$work/synthetic-$region.osm.pbf"
if [ ! -s "$pbf" ]; then
  echo "== generating $pbf"
  "$gen" "$data_root/population/census2021_1km_france.csv" "$work/tmp.osm.pbf" --bbox "$bbox"
  mv "$work/tmp.osm.pbf" "$pbf"
else
  echo "== $pbf (cached; delete it to generate again)"
fi

config="$work/synthetic-$region.json"
sed -e "s|@ROADS@|$pbf|" -e "s|@DEPARTEMENTS@|$deps|" -e "s|@CACHE@|$work/cache|" \
    -e "s|@REGION@|$region|" tests/configs/synthetic-by-road.json.in > "$config"
if [ "$keep_cache" = 0 ]; then rm -rf "$work/cache"; fi

measure() {  # label, command…: wall time and peak RSS of the command
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > "$work/$label.log" 2>&1 || {
    cat "$work/$label.log"; exit 1; }
  read -r secs kb < "$work/time.txt"
  awk -v l="$label" -v s="$secs" -v k="$kb" 'BEGIN {printf "%-8s %8.1f s   peak RSS %6.2f GB\n", l, s, k / 1048576}'
}
echo "== import (inspect --prepare: PBF → compact graph, cut grid, raster of snaps; cached)"
measure import "$bin" inspect --prepare --data-root "$data_root" "$config"
grep -E "Réseau routier|graphe compact|construit|chargé|Préparé|^  (population points|snapping index|catchment surface)" \
  "$work/import.log" || true
echo "== analysis (analyze, graph from the cache)"
measure analyze "$bin" analyze --data-root "$data_root" "$config" --out "$work/out-$region" \
  --maps none
grep -E "seuil|Durées" "$work/analyze.log" || true
echo "outputs: $work/out-$region"

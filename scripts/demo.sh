#!/usr/bin/env bash
# One command on a fresh Debian 12 machine: installs what palliacarte needs, builds it, and runs
# the main job — the coverage analysis — on a demo territory whose data ship in data/demo/
# (nothing else is needed: no ../shared, no download).
# Usage: scripts/demo.sh [corse | hauts-de-seine] [analyze options…]
#   corse           (default) the 360 communes of Corsica by road on the island's OSM network
#   hauts-de-seine  the 36 communes of the 92 and the filière « soins palliatifs 92 », crow-fly
# Outputs go to out/<territory>/ (report.md, atlas.pdf, the QGIS project coverage.qgz over
# coverage.gpkg, GeoJSON, CSV, maps); the last lines name them and the web map's command.
set -euo pipefail
cd "$(dirname "$0")/.."
territory=corse
case "${1:-}" in
  corse | hauts-de-seine) territory=$1; shift ;;
esac
# PALLIACARTE_BIN: an already built palliacarte to run instead (the tests use it).
bin="${PALLIACARTE_BIN:-}"
if [ -z "$bin" ]; then
  scripts/install-deps.sh
  scripts/build.sh --app
  bin=./build/service/palliacarte
fi
out="${PALLIACARTE_DEMO_OUT:-out/$territory}"
"$bin" analyze "data/$territory.json" --out "$out" "$@"
echo "Résultats :"
echo "  rapport      $out/report.md"
if [ -f "$out/atlas.pdf" ]; then echo "  atlas (PDF)  $out/atlas.pdf"; fi
echo "  projet QGIS  $out/coverage.qgz (couches dans $out/coverage.gpkg)"
echo "  carte web    $bin serve data/$territory.json, puis http://127.0.0.1:8080/carte"

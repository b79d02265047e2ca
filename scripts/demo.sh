#!/usr/bin/env bash
# One command on a fresh Debian 12 machine: installs dependencies, builds, and runs the main
# job — the coverage analysis — on the Hauts-de-Seine demo territory.
# Outputs go to out/hauts-de-seine (coverage.gpkg for QGIS, GeoJSON, CSV, report.md, maps).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
out="${PALLIACARTE_DEMO_OUT:-out/hauts-de-seine}"
./build/service/palliacarte analyze data/hauts-de-seine.json --out "$out" "$@"
echo "Rapport : $out/report.md — couches QGIS : $out/coverage.gpkg"

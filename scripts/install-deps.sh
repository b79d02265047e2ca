#!/usr/bin/env bash
# Installs palliacarte's dependencies from Debian 12 (bookworm) packages.
# Usage: scripts/install-deps.sh [--test]
#   (none)  what building and running palliacarte needs
#   --test  also what the tests, benchmarks and notebooks need (GoogleTest, Google Benchmark,
#           headless QGIS, networkx, Jupyter and geopandas, PostgreSQL 15 + PostGIS 3: the
#           tests start a throwaway cluster of their own, tests/tools/pg_cluster.sh)
# Idempotent: skips apt-get entirely when every package is already installed.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config ninja-build
  libgdal-dev gdal-bin libproj-dev proj-bin libgeos-dev
  libboost-dev libosmium2-dev libprotozero-dev libbz2-dev zlib1g-dev libexpat1-dev
  libpistache-dev nlohmann-json3-dev
  libcurl4-openssl-dev libarchive-dev libssl-dev
  libcairo2-dev libpango1.0-dev fonts-dejavu-core
)
if [ "${1:-}" = "--test" ]; then
  PACKAGES+=(
    clang-format libgtest-dev libgmock-dev libbenchmark-dev
    python3-networkx python3-qgis qgis-providers sqlite3 curl
    jupyter-nbconvert python3-ipykernel python3-geopandas python3-matplotlib
    python3-gdal python3-jsonschema libarchive-tools osmium-tool time
    nodejs clang libclang-rt-14-dev nginx chromium poppler-utils
    postgresql-15 postgresql-15-postgis-3 wrk
  )
fi

# npm packages, pinned by each package-lock.json, reinstalled only when the lock file changed:
# the web map's MapLibre GL JS (service/web) always; with --test, the Node tools the tests use
# (tests/tools: the OpenAPI validator, puppeteer-core, a vector tile decoder).
npm_ci() {
  local dir
  dir="$(cd "$(dirname "$0")/../$1" && pwd)"
  if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.package-lock.json.installed"; then
    echo "install-deps: npm ci in $1"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
    cp "$dir/package-lock.json" "$dir/node_modules/.package-lock.json.installed"
  fi
}
install_node_tools() {
  command -v npm > /dev/null || { $SUDO apt-get install -y -qq --no-install-recommends npm; }
  # The analysis does not need the web map: without the npm registry, say so and go on (the
  # tests do need it).
  if ! npm_ci service/web; then
    [ "${1:-}" = "--test" ] && exit 1
    echo "install-deps: MapLibre GL JS not installed (npm ci in service/web failed):" \
         "serve will answer /carte with 503 until it is" >&2
  fi
  [ "${1:-}" = "--test" ] || return 0
  npm_ci tests/tools
}

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages already installed"
  install_node_tools "$@"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
install_node_tools "$@"

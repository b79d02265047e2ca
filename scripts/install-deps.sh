#!/usr/bin/env bash
# Installs palliacarte's dependencies from Debian 12 (bookworm) packages.
# Usage: scripts/install-deps.sh [--test]
#   (none)  what building and running palliacarte needs
#   --test  also what the tests, benchmarks and notebooks need (GoogleTest, Google Benchmark,
#           headless QGIS, networkx, Jupyter and geopandas)
# Idempotent: skips apt-get entirely when every package is already installed.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config ninja-build
  libgdal-dev gdal-bin libproj-dev proj-bin libgeos-dev
  libboost-dev libosmium2-dev libprotozero-dev libbz2-dev zlib1g-dev libexpat1-dev
  libpistache-dev nlohmann-json3-dev
  libcurl4-openssl-dev libarchive-dev libssl-dev
)
if [ "${1:-}" = "--test" ]; then
  PACKAGES+=(
    clang-format libgtest-dev libgmock-dev libbenchmark-dev
    python3-networkx python3-qgis qgis-providers sqlite3 curl
    jupyter-nbconvert python3-ipykernel python3-geopandas python3-matplotlib
    python3-gdal python3-jsonschema libarchive-tools
    nodejs clang libclang-rt-14-dev nginx
  )
fi

# The Node tools the tests use (tests/tools/package.json: the OpenAPI validator), from the npm
# registry, pinned by package-lock.json; reinstalled only when the lock file changed.
install_node_tools() {
  [ "${1:-}" = "--test" ] || return 0
  command -v npm > /dev/null || { $SUDO apt-get install -y -qq --no-install-recommends npm; }
  local tools
  tools="$(cd "$(dirname "$0")/../tests/tools" && pwd)"
  if ! cmp -s "$tools/package-lock.json" "$tools/node_modules/.package-lock.json.installed"; then
    echo "install-deps: npm ci in tests/tools"
    npm ci --prefix "$tools" --no-audit --no-fund --loglevel=error
    cp "$tools/package-lock.json" "$tools/node_modules/.package-lock.json.installed"
  fi
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

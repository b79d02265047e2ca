#!/usr/bin/env bash
# Installs palliacarte's build and test dependencies from Debian 12 (bookworm) packages.
# Idempotent: skips apt-get entirely when every package is already installed.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config ninja-build clang-format
  libgdal-dev gdal-bin libproj-dev proj-bin libgeos-dev
  libboost-dev libosmium2-dev libprotozero-dev libbz2-dev zlib1g-dev libexpat1-dev
  libpistache-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3-networkx
  python3-qgis qgis-providers sqlite3 curl
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

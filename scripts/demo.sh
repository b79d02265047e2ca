#!/usr/bin/env bash
# One command on a fresh Debian 12 machine: installs dependencies, builds, and runs the main
# job on the Hauts-de-Seine demo territory.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
./build/service/palliacarte inspect data/hauts-de-seine.json "$@"

#!/usr/bin/env bash
# Configures and builds palliacarte. Usage: scripts/build.sh [--sanitize]
# Release build in build/, AddressSanitizer+UBSan build in build-asan/.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build
flags=(-DCMAKE_BUILD_TYPE=Release)
if [ "${1:-}" = "--sanitize" ]; then
  build_dir=build-asan
  flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DPALLIACARTE_SANITIZE=ON -DPALLIACARTE_BUILD_BENCHMARKS=OFF)
fi
generator=()
if command -v ninja >/dev/null; then generator=(-G Ninja); fi
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  cmake -S . -B "$build_dir" "${generator[@]}" "${flags[@]}"
fi
cmake --build "$build_dir" -j "$(nproc)"

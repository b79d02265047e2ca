#!/usr/bin/env bash
# Configures and builds palliacarte. Usage: scripts/build.sh [--app | --sanitize | --fuzz]
#   (none)      release build in build/ with the tests and benchmarks
#   --app       release build in build/ of the palliacarte command only (what the demo needs)
#   --sanitize  AddressSanitizer + UBSan build of the tests and the libFuzzer targets in
#               build-asan/ (clang: libFuzzer comes with it; no benchmarks)
#   --fuzz      the same build, the fuzz targets only (scripts/fuzz.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build
flags=(-DCMAKE_BUILD_TYPE=Release -DPALLIACARTE_BUILD_TESTS=ON -DPALLIACARTE_BUILD_BENCHMARKS=ON)
target=()
case "${1:-}" in
  --app)
    flags=(-DCMAKE_BUILD_TYPE=Release -DPALLIACARTE_BUILD_TESTS=OFF)
    target=(--target palliacarte) ;;
  --sanitize | --fuzz)
    build_dir=build-asan
    export CC=clang CXX=clang++
    flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DPALLIACARTE_SANITIZE=ON -DPALLIACARTE_FUZZ=ON
           -DPALLIACARTE_BUILD_TESTS=ON -DPALLIACARTE_BUILD_BENCHMARKS=OFF)
    if [ "$1" = "--fuzz" ]; then
      target=(--target fuzz_targets)
    fi
    # A tree configured with another compiler cannot switch: start it again.
    if [ -f "$build_dir/CMakeCache.txt" ] &&
       ! grep -q "CMAKE_CXX_COMPILER:.*clang++" "$build_dir/CMakeCache.txt"; then
      rm -rf "$build_dir"
    fi ;;
  "") ;;
  *) echo "usage: scripts/build.sh [--app | --sanitize | --fuzz]" >&2; exit 2 ;;
esac
# PALLIACARTE_WERROR=ON (.ci/run sets it): warnings fail the build. Off by default, so that a
# newer compiler's new warning does not stop someone trying palliacarte.
flags+=(-DPALLIACARTE_WERROR="${PALLIACARTE_WERROR:-OFF}")
generator=()
if [ ! -f "$build_dir/CMakeCache.txt" ] && command -v ninja >/dev/null; then generator=(-G Ninja); fi
# Configured every time: the options above decide what is built (cheap when nothing changed).
cmake -S . -B "$build_dir" "${generator[@]}" "${flags[@]}" > /dev/null
cmake --build "$build_dir" -j "$(nproc)" "${target[@]}"

#!/usr/bin/env bash
# Draws the build's layer graph: one box per library (palliacarte::<layer>) and the program,
# an arrow per layer linked. Usage: scripts/draw-targets.sh [OUT.svg]  (default build/targets.svg;
# needs a configured build/ and Graphviz's `dot`: apt-get install graphviz).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build/targets.svg}
command -v dot >/dev/null || { echo "dot manquant : apt-get install graphviz" >&2; exit 1; }
[ -f build/CMakeCache.txt ] || { echo "build/ n'est pas configuré : scripts/build.sh" >&2; exit 1; }
# The options file must sit in the build tree; only the libraries and the program are drawn.
cat > build/CMakeGraphVizOptions.cmake <<'OPTIONS'
set(GRAPHVIZ_EXTERNAL_LIBS FALSE)
set(GRAPHVIZ_IGNORE_TARGETS ".*_links" ".*_tests" ".*_fuzzer" "palliacarte_bench.*"
    "palliacarte_make.*" "palliacarte_pgrouting.*")
set(GRAPHVIZ_GENERATE_PER_TARGET FALSE)
set(GRAPHVIZ_GENERATE_DEPENDERS FALSE)
OPTIONS
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" build/CMakeGraphVizOptions.cmake' EXIT
(cd build && cmake --graphviz="$tmp/targets.dot" . > /dev/null)
dot -Tsvg "$tmp/targets.dot" -o "$out"
echo "$out"

#!/usr/bin/env bash
# On Corsica, what a planner waits for on the web map: the on-demand catchment of each HAD and
# hospital at 15, 30 and 45 minutes (/analysis/catchment, 5 requests each, the median per
# structure), and the cold `catchments` vector tiles at zoom 8 (the first request after start,
# 3 fresh servers). Prints min, median and max.
# Usage: tests/bench/serve/corsica_latency.sh [BIN] [port]   (BIN: default build/service/palliacarte)
set -euo pipefail
cd "$(dirname "$0")/../../.."
bin=${1:-build/service/palliacarte}
port=${2:-18471}
base="http://127.0.0.1:$port"
log=$(mktemp)
pid=
start_server() {
  "$bin" serve data/corse.json --port "$port" --quiet --no-basemap > "$log" 2>&1 &
  pid=$!
  for _ in $(seq 300); do grep -q "servi sur" "$log" && return; sleep 0.2; done
  cat "$log"; exit 1
}
stop_server() { kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
trap 'stop_server; rm -f "$log"' EXIT
stats() { /usr/bin/python3 -c '
import statistics, sys
v = sorted(float(x) * 1000 for x in sys.stdin.read().split())
print(f"min {v[0]:.0f} ms, median {statistics.median(v):.0f} ms, max {v[-1]:.0f} ms ({len(v)})")'; }

start_server
ids=$(curl -s "$base/collections/structures/items?limit=1000" | /usr/bin/python3 -c '
import json, sys
for f in json.load(sys.stdin)["features"]:
    if f["properties"].get("type") in ("HAD", "HOPITAL") and f["geometry"]:
        print(f["properties"]["id"])')
medians=$(for id in $ids; do
  for _ in 1 2 3 4 5; do
    curl -s -o /dev/null -w "%{time_total}\n" "$base/analysis/catchment?structure=$id&minutes=15,30,45"
  done | /usr/bin/python3 -c 'import statistics, sys; print(statistics.median(float(x) for x in sys.stdin.read().split()))'
done)
echo "on-demand catchment, 15/30/45 min, median per structure: $(echo "$medians" | stats)"
stop_server

# The zoom-8 tiles over Corsica (8.5–9.6° E, 41.3–43.1° N).
tiles=$(/usr/bin/python3 -c '
import math
def tile(lon, lat, z=8):
    n = 2 ** z
    return int((lon + 180) / 360 * n), int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
(x0, y1), (x1, y0) = tile(8.5, 41.3), tile(9.6, 43.1)
print(" ".join(f"{y}/{x}" for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)))')
cold=$(for _ in 1 2 3; do
  start_server
  for t in $tiles; do
    curl -s -o /dev/null -w "%{time_total}\n" "$base/collections/catchments/tiles/WebMercatorQuad/8/$t"
  done
  stop_server
done)
echo "cold catchments tile, zoom 8 ($(echo $tiles | wc -w) tiles × 3 starts): $(echo "$cold" | stats)"

#!/usr/bin/env bash
# Serves the national territory and pages through the whole `communes` layer (34,868 polygons,
# 10,000 a page), first with one client, then with eight at once, printing the server's resident
# and peak memory (VmRSS/VmHWM) around each step: streaming must not hold a copy per request.
# Usage: tests/bench/serve/national_stream.sh [port]   (needs a release build in build/)
set -euo pipefail
cd "$(dirname "$0")/../../.."
port=${1:-18470}
base="http://127.0.0.1:$port"
log=$(mktemp)
build/service/palliacarte serve data/france-entiere.json --port "$port" --quiet > "$log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 900); do grep -q "servi sur" "$log" && break; sleep 1; done
cat "$log"
mem() { grep -E "VmRSS|VmHWM" "/proc/$pid/status" | tr -s ' \t' ' ' | tr '\n' ' '; echo; }
echo "ready: $(mem)"
for off in 0 10000 20000 30000; do
  curl -s -o /dev/null -w "page offset=$off: %{size_download} B, HTTP %{http_code}, %{time_total} s\n" \
    "$base/collections/communes/items?limit=10000&offset=$off"
done
curl -s -o /dev/null -H "Accept-Encoding: gzip" \
  -w "same first page gzipped: %{size_download} B, %{time_total} s\n" \
  "$base/collections/communes/items?limit=10000"
curl -s -o /dev/null -w "100-feature page: %{time_total} s\n" "$base/collections/communes/items?limit=100"
echo "after one client: $(mem)"
start=$SECONDS
clients=()
for _ in 1 2 3 4 5 6 7 8; do
  (for off in 0 10000 20000 30000; do
     curl -s -o /dev/null --limit-rate 20M "$base/collections/communes/items?limit=10000&offset=$off"
   done) &
  clients+=($!)
done
sleep 1
echo "while eight clients stream the layer: $(mem)"
wait "${clients[@]}"
echo "eight clients done in $((SECONDS - start)) s: $(mem)"

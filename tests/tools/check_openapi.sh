#!/usr/bin/env bash
# The service's /api document passes an OpenAPI 3.0 validator (tests/tools/validate_openapi.js).
# usage: check_openapi.sh PALLIACARTE_BINARY CONFIG
set -euo pipefail
binary=$1 config=$2
tools=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
"$binary" serve "$config" --port 0 --quiet > "$work/serve.txt" &
pid=$!
for _ in $(seq 300); do grep -q 127.0.0.1 "$work/serve.txt" && break; sleep 0.2; done
port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/serve.txt")
[ -n "$port" ] || { echo "serve did not start"; cat "$work/serve.txt"; exit 1; }
curl -s -f "http://127.0.0.1:$port/api" -o "$work/api.json"
node "$tools/validate_openapi.js" "$work/api.json"

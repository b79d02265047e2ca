#!/usr/bin/env bash
# palliacarte serve against QGIS Server, serving the same layers from the same GeoPackage on this
# machine, measured with wrk. QGIS Server runs as deployed: qgis_mapserv.fcgi, 2 FastCGI workers
# from spawn-fcgi, behind nginx; its OGC API - Features lives under /wfs3. palliacarte runs with
# 2 serving threads. Needs: wrk qgis-server nginx spawn-fcgi (Debian), a built palliacarte.
#
# usage: tests/bench/qgis_server/compare.sh [SECONDS per run, default 15]
set -euo pipefail
cd "$(dirname "$0")/../../.."
DURATION=${1:-15}
BIN=build/service/palliacarte
W=$(mktemp -d /tmp/palliacarte-vs-qgis.XXXXXX)
chmod 755 "$W"  # nginx workers (www-data) reach the FastCGI socket in it
PP=18461   # palliacarte
QP=18462   # nginx -> QGIS Server
cleanup() {
  [ -f "$W/nginx.pid" ] && kill "$(cat "$W/nginx.pid")" 2>/dev/null || true
  pkill -f "qgis_mapserv.fcgi" 2>/dev/null || true
  [ -n "${PALLIA_PID:-}" ] && kill "$PALLIA_PID" 2>/dev/null || true
  [ -n "${SEED_PID:-}" ] && kill "$SEED_PID" 2>/dev/null || true
}
trap cleanup EXIT

echo "== the GeoPackage both serve: analyze's coverage.gpkg + the communes layer"
$BIN analyze data/hauts-de-seine.json --out "$W/out" --quiet > /dev/null
cp "$W/out/coverage.gpkg" "$W/bench.gpkg"
$BIN serve data/hauts-de-seine.json --port $PP --quiet > /dev/null & SEED_PID=$!
for i in $(seq 50); do curl -sf "http://127.0.0.1:$PP/" > /dev/null && break; sleep 0.2; done
ogr2ogr -update "$W/bench.gpkg" "OAPIF:http://127.0.0.1:$PP/" communes -t_srs EPSG:2154 -nln communes
kill $SEED_PID; wait $SEED_PID 2>/dev/null || true; SEED_PID=

echo "== QGIS Server: project, spawn-fcgi (2 workers), nginx"
/usr/bin/python3 tests/bench/qgis_server/make_project.py "$W/bench.gpkg" "$W/bench.qgs"
QGIS_PROJECT_FILE="$W/bench.qgs" QGIS_SERVER_LOG_LEVEL=2 QT_QPA_PLATFORM=offscreen \
  spawn-fcgi -s "$W/qgis.sock" -M 0666 -F 2 -- /usr/lib/cgi-bin/qgis_mapserv.fcgi > /dev/null
cat > "$W/nginx.conf" <<NGINX
worker_processes 2;
pid $W/nginx.pid;
error_log $W/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $W/tmp; fastcgi_temp_path $W/tmp; proxy_temp_path $W/tmp;
  uwsgi_temp_path $W/tmp; scgi_temp_path $W/tmp;
  server {
    listen 127.0.0.1:$QP;
    location / {
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_NAME "";
      fastcgi_param PATH_INFO \$uri;
      fastcgi_param QUERY_STRING \$query_string;
      fastcgi_pass unix:$W/qgis.sock;
    }
  }
}
NGINX
mkdir -p "$W/tmp"
nginx -c "$W/nginx.conf" -p "$W"
$BIN serve --gpkg "$W/bench.gpkg" --port $PP --threads 2 --quiet > /dev/null & PALLIA_PID=$!
for i in $(seq 50); do curl -sf "http://127.0.0.1:$PP/" > /dev/null && break; sleep 0.2; done

Q_ITEMS="/wfs3/collections/communes/items.json?limit=100"
P_ITEMS="/collections/communes/items?limit=100"
BBOX="bbox=2.22,48.82,2.26,48.86"
echo "== same answers?"
for pair in "$Q_ITEMS|$P_ITEMS" "/wfs3/collections/communes/items.json?limit=100&$BBOX|/collections/communes/items?limit=100&$BBOX"; do
  q=${pair%%|*}; p=${pair##*|}
  qn=$(curl -sf "http://127.0.0.1:$QP$q" | /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print(len(d['features']), d.get('numberMatched'))")
  pn=$(curl -sf "http://127.0.0.1:$PP$p" | /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print(len(d['features']), d.get('numberMatched'))")
  echo "  QGIS Server $q -> features, matched: $qn"
  echo "  palliacarte $p -> features, matched: $pn"
done

run() {  # name url connections
  local out
  out=$(wrk -t"$(( $3 < 2 ? 1 : 2 ))" -c"$3" -d"${DURATION}s" --latency -H "Accept-Encoding: gzip" "$2")
  local rps p50 p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  printf "| %s | %s | %s | %s | %s |\n" "$1" "$3" "$rps" "$p50" "$p99"
}
echo
echo "| server, query | connections | requests/s | p50 | p99 |"
echo "|---|---|---|---|---|"
run "QGIS Server, items limit=100" "http://127.0.0.1:$QP$Q_ITEMS" 8
run "palliacarte, items limit=100" "http://127.0.0.1:$PP$P_ITEMS" 8
run "QGIS Server, bbox" "http://127.0.0.1:$QP/wfs3/collections/communes/items.json?limit=100&$BBOX" 8
run "palliacarte, bbox" "http://127.0.0.1:$PP/collections/communes/items?limit=100&$BBOX" 8
run "palliacarte, items limit=100, 1 connection" "http://127.0.0.1:$PP$P_ITEMS" 1

#!/usr/bin/env bash
# palliacarte vs pgRouting on the same graph: the Corsica network as palliacarte routes it
# (largest strongly connected component, profile speeds), one 30-minute catchment and 100
# catchments of 30 minutes. pgRouting's time is measured inside PostgreSQL (clock_timestamp()
# around pgr_drivingDistance in a DO block), median of several runs; the script also checks
# that both engines reach the same nodes at the same times.
#
# Needs a running PostgreSQL with pgRouting (Debian: postgresql-15-pgrouting; the script
# installs it and starts the cluster when run as root) and a build (scripts/build.sh).
# usage: tests/bench/pgrouting/compare.sh [BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-$root/build}
db=palliacarte_pgrouting_bench

if [ "$(id -u)" = 0 ]; then
  dpkg -s postgresql-15-pgrouting >/dev/null 2>&1 ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15-pgrouting >/dev/null
  pg_lsclusters -h | grep -q online || pg_ctlcluster 15 main start
  psql_as() { su postgres -c "psql -X -q -v ON_ERROR_STOP=1 $*"; }
else
  psql_as() { sh -c "psql -X -q -v ON_ERROR_STOP=1 $*"; }
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 777 "$work"  # psql runs as postgres and writes its results here
"$build/tests/palliacarte_pgrouting_export" "$work"
chmod 644 "$work"/*

cat > "$work/run.sql" <<SQL
\\timing off
DROP DATABASE IF EXISTS $db;
CREATE DATABASE $db;
\\c $db
SET client_min_messages = warning;
CREATE EXTENSION pgrouting CASCADE;
CREATE TABLE edges (id bigint PRIMARY KEY, source bigint, target bigint, cost float8,
                    reverse_cost float8);
\\copy edges FROM '$work/edges.csv' CSV HEADER
CREATE TABLE sources (seq serial, node bigint);
\\copy sources (node) FROM '$work/sources.csv' CSV
ANALYZE edges;
CREATE TABLE timings (job text, ms float8);
DO \$\$
DECLARE t0 timestamptz; n bigint; first_source bigint; all_sources bigint[];
BEGIN
  SELECT node INTO first_source FROM sources ORDER BY seq LIMIT 1;
  SELECT array_agg(node ORDER BY seq) INTO all_sources FROM sources;
  FOR i IN 1..11 LOOP
    t0 := clock_timestamp();
    SELECT count(*) INTO n FROM pgr_drivingDistance(
      'SELECT id, source, target, cost, reverse_cost FROM edges', first_source, 1800, true);
    INSERT INTO timings VALUES ('one', extract(epoch FROM clock_timestamp() - t0) * 1000);
  END LOOP;
  FOR i IN 1..5 LOOP
    t0 := clock_timestamp();
    SELECT count(*) INTO n FROM pgr_drivingDistance(
      'SELECT id, source, target, cost, reverse_cost FROM edges', all_sources, 1800, true, false);
    INSERT INTO timings VALUES ('batch', extract(epoch FROM clock_timestamp() - t0) * 1000);
  END LOOP;
  FOR i IN 1..11 LOOP
    t0 := clock_timestamp();
    SELECT count(*) INTO n FROM edges;
    INSERT INTO timings VALUES ('edges_query', extract(epoch FROM clock_timestamp() - t0) * 1000);
  END LOOP;
END \$\$;
\\copy (SELECT job, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FROM timings GROUP BY job) TO '$work/pgrouting_timings.csv' CSV
\\copy (SELECT from_v, node, agg_cost FROM pgr_drivingDistance('SELECT id, source, target, cost, reverse_cost FROM edges', (SELECT array_agg(node ORDER BY seq) FROM sources), 1800, true, false)) TO '$work/pgrouting_times.csv' CSV
\\c postgres
DROP DATABASE $db;
SQL
chmod 644 "$work/run.sql"
psql_as -d postgres -f "$work/run.sql"

/usr/bin/python3 - "$work" <<'PY'
import csv, sys
work = sys.argv[1]
ours = {}
with open(f"{work}/palliacarte_times.csv") as f:
    for r in csv.DictReader(f):
        ours[(int(r["source"]), int(r["node"]))] = float(r["seconds"])
theirs = {}
with open(f"{work}/pgrouting_times.csv") as f:
    for source, node, cost in csv.reader(f):
        theirs[(int(source), int(node))] = float(cost)
common = ours.keys() & theirs.keys()
worst = max(abs(ours[k] - theirs[k]) for k in common)
# A node exactly at the limit may fall either side after rounding: count, don't fail.
only_ours = [k for k in ours.keys() - theirs.keys() if ours[k] < 1800 - 1e-3]
only_theirs = [k for k in theirs.keys() - ours.keys() if theirs[k] < 1800 - 1e-3]
t = dict(line.split() for line in open(f"{work}/palliacarte_timings.txt"))
p = {row[0]: float(row[1]) for row in csv.reader(open(f"{work}/pgrouting_timings.csv"))}
print(f"graph: {t['nodes']} nodes, {t['edges']} directed edges (Corsica, data/corse.json)")
print(f"agreement over 100 catchments of 30 min: {len(common)} (source, node) pairs in both, "
      f"{len(only_ours)} only in palliacarte, {len(only_theirs)} only in pgRouting, "
      f"largest time difference {worst:.6f} s")
one, batch = float(t["one_catchment_ms"]), float(t["batch_100_one_thread_ms"])
cores = float(t["batch_100_all_cores_ms"])
print(f"{'job':<34}{'pgRouting (ms)':>16}{'palliacarte (ms)':>18}{'ratio':>10}")
print(f"{'one 30-min catchment':<34}{p['one']:>16.2f}{one:>18.3f}{p['one'] / one:>9.0f}x")
print(f"{'100 catchments, one thread':<34}{p['batch']:>16.2f}{batch:>18.3f}{p['batch'] / batch:>9.0f}x")
print(f"{'100 catchments, ' + t['threads'] + ' threads':<34}{p['batch']:>16.2f}{cores:>18.3f}{p['batch'] / cores:>9.0f}x")
print(f"(pgRouting reads its edges with SQL on each call: 'SELECT count(*) FROM edges' alone "
      f"takes {p['edges_query']:.2f} ms)")
if only_ours or only_theirs or worst > 0.01:
    sys.exit("palliacarte and pgRouting disagree")
PY

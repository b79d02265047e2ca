#!/usr/bin/env bash
# A throwaway PostgreSQL 15 + PostGIS 3 cluster for the tests: never the machine's own.
#   pg_cluster.sh start STATE_FILE   initdb into a new temporary folder, start the server on a
#                                    Unix socket in that folder only (no TCP), create the
#                                    database `palliacarte_test` with PostGIS, and write the
#                                    folder and the GDAL connection string into STATE_FILE
#   pg_cluster.sh stop STATE_FILE    stop the server and remove the folder
# CTest runs `start` as a fixture set-up before the tests that need it and `stop` as its
# clean-up, which CTest runs even when those tests fail. initdb refuses root: as root the
# cluster belongs to the unprivileged `postgres` user (created by Debian's postgresql-common).
set -euo pipefail

action=${1:?usage: pg_cluster.sh start|stop STATE_FILE}
state=${2:?usage: pg_cluster.sh start|stop STATE_FILE}
bin=$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "pg_cluster.sh: PostgreSQL 15 is not installed (scripts/install-deps.sh --test)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  [ -f "$state" ] || return 0
  local dir
  dir=$(sed -n 's/^dir=//p' "$state")
  if [ -n "$dir" ] && [ -d "$dir/data" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  [ -n "$dir" ] && rm -rf "$dir"
  rm -f "$state"
}

case "$action" in
  start)
    stop
    dir=$(mktemp -d /tmp/palliacarte-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync -E UTF8 \
      --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }
    # Socket only, in the cluster's own folder; fsync off: the data is thrown away.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' -p 5432 -c fsync=off \
          -c synchronous_commit=off -c full_page_writes=off" start >/dev/null ||
      { cat "$dir/server.log" >&2; rm -rf "$dir"; exit 1; }
    printf 'dir=%s\nconnection=PG:host=%s port=5432 user=postgres dbname=palliacarte_test\n' \
      "$dir" "$dir" >"$state"
    "$bin/createdb" -h "$dir" -p 5432 -U postgres palliacarte_test
    if ! "$bin/psql" -q -h "$dir" -p 5432 -U postgres -d palliacarte_test \
        -c "CREATE EXTENSION postgis" 2>"$dir/postgis.log"; then
      cat "$dir/postgis.log" >&2
      echo "pg_cluster.sh: PostGIS 3 is not installed (postgresql-15-postgis-3)" >&2
      stop
      exit 1
    fi
    echo "PostgreSQL + PostGIS on the socket in $dir (database palliacarte_test)" ;;
  stop)
    stop ;;
  *)
    echo "usage: pg_cluster.sh start|stop STATE_FILE" >&2
    exit 2 ;;
esac

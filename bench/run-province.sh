#!/usr/bin/env bash
# The province benchmark (issue 5) in one command: installs PostgreSQL 15 + PostGIS 3 with apt
# when missing, starts a throwaway server of its own (data in $PGDATA_BENCH, default
# /tmp/pg-bench, port $PGPORT_BENCH, default 55433), runs
# `dotnet run -c Release --project bench/AlertWorker.Bench -- province --pg ...` (PostGIS, and the
# dispatch figure on SQLite and on this server) and stops the server again. Extra arguments go to
# the benchmark (e.g. --seed 7 --dispatch no).
# Needs root (apt, and initdb/postgres run as the postgres user) or a postgres install and a
# data folder the current user owns. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

PGDATA_BENCH=${PGDATA_BENCH:-/tmp/pg-bench}
PGPORT_BENCH=${PGPORT_BENCH:-55433}
PGBIN=/usr/lib/postgresql/15/bin

if [ ! -x "$PGBIN/postgres" ] || [ ! -e /usr/share/postgresql/15/extension/postgis.control ]; then
  echo "installing postgresql-15 and postgresql-15-postgis-3 with apt" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq postgresql-15 postgresql-15-postgis-3 >/dev/null
fi

# Run the server binaries as postgres when we are root (initdb refuses root).
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ ! -f "$PGDATA_BENCH/PG_VERSION" ]; then
  mkdir -p "$PGDATA_BENCH"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA_BENCH"
  as_pg "$PGBIN/initdb" -D "$PGDATA_BENCH" -U postgres --auth=trust -E UTF8 >/dev/null
fi
if as_pg "$PGBIN/pg_ctl" -D "$PGDATA_BENCH" status >/dev/null 2>&1; then
  echo "a server is already running on $PGDATA_BENCH; stop it first: $PGBIN/pg_ctl -D $PGDATA_BENCH stop" >&2
  exit 1
fi

# PostgreSQL at its best for a read-only join on a 2-core machine: the data fits in shared
# buffers, no JIT (it only adds compile time to millisecond queries), SSD-like page costs. Commits
# stay durable (fsync, synchronous_commit and full_page_writes as shipped), because the dispatch
# figure on this server is what a durable commit of each group of sends costs.
as_pg "$PGBIN/pg_ctl" -D "$PGDATA_BENCH" -l "$PGDATA_BENCH/server.log" -w -o \
  "-c listen_addresses=127.0.0.1 -p $PGPORT_BENCH -k $PGDATA_BENCH -c shared_buffers=512MB -c work_mem=64MB \
   -c maintenance_work_mem=512MB -c effective_cache_size=4GB -c random_page_cost=1.1 -c jit=off" start >/dev/null
trap 'as_pg "$PGBIN/pg_ctl" -D "$PGDATA_BENCH" -m fast -w stop >/dev/null' EXIT

dotnet run -c Release --project bench/AlertWorker.Bench -- province \
  --pg "Host=127.0.0.1;Port=$PGPORT_BENCH;Username=postgres;Database=postgres;Pooling=false" "$@"

#!/bin/sh
# Runs bench/matching/postgres.sql on a throwaway PostgreSQL 15 cluster on loopback, in a temp
# folder, as the postgres user when started as root. Usage: postgres.sh DATA_DIR [THRESHOLD...]
# where DATA_DIR holds persons.csv, truth.csv and requests.csv from `bench_matching generate`.
# SAMPLE=N times one tracing request in N (default 1: all); BATCH_MINUTES=M cancels the batch
# self-join after M minutes (default 0: never), for the sizes where it would run for hours.
set -eu
data=$(cd "$1" && pwd)
shift
thresholds=${*:-0.5}
bin=/usr/lib/postgresql/15/bin
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/retorno-pgbench.XXXXXX)
as_db() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$tmp" && chmod a+rx "$data" && chmod a+r "$data"/*.csv
port=55432
as_db "$bin/initdb" -D "$tmp/db" -A trust -U postgres >/dev/null
as_db "$bin/pg_ctl" -D "$tmp/db" -l "$tmp/log" -o "-p $port -k $tmp -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c work_mem=64MB -c maintenance_work_mem=256MB" -w start >/dev/null
trap 'as_db "$bin/pg_ctl" -D "$tmp/db" -m fast stop >/dev/null; rm -rf "$tmp"' EXIT
for t in $thresholds; do
    as_db psql -h "$tmp" -p "$port" -U postgres -d postgres -X -q -v dir="$data" -v threshold="$t" \
        -v sample="${SAMPLE:-1}" -v batch_minutes="${BATCH_MINUTES:-0}" \
        -f "$here/postgres.sql"
done
ps -o rss= -C postgres | awk '{s+=$1} END {printf "postgres_rss_mib %.0f (all backends)\n", s/1024}'

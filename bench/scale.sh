#!/usr/bin/env bash
# The console's page reads as the case table grows from 10 thousand to 10 million cases, on SQLite and PostgreSQL:
# each size is a fresh database filled with set-based SQL, every store read a page makes is timed (median of several
# calls), the table prints each read per size with the ratio 10M/10k (and 10M/1M, once the 30-day windows are full),
# the database's size on disk, and the database is deleted before the next size. 10 million cases take about 3 GB
# on SQLite and 5 GB on PostgreSQL (one at a time) and several minutes to fill; TMPDIR and --sqlite choose where;
# --max-rows 1000000 stops at 1 million. Sustained ingest through real servers and edges is bench/cluster.sh.
# PostgreSQL: pass --postgres 'Host=...;Database=...;Username=...' (or set RUNG_BENCH_POSTGRES); its public schema is
# dropped between sizes. Without it, a throwaway cluster is started with Debian's initdb/pg_ctl on a free loopback port.
# Usage: bench/scale.sh [--postgres CONNECTION] [--store sqlite|postgres] [--sizes 10000,100000,...] [--max-rows N] [--repeats R]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/bench/Rung.Bench.Scale/Rung.Bench.Scale.csproj"
dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly

args=("$@")
cluster=""
cleanup() {
  if [ -n "$cluster" ]; then
    run_pg "$bin/pg_ctl" -D "$cluster/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$cluster"
  fi
}
trap cleanup EXIT
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [[ " ${args[*]} " != *" --postgres "* ]] && [ -z "${RUNG_BENCH_POSTGRES:-}" ] && [[ " ${args[*]} " != *" --store sqlite "* ]]; then
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [ -x "$bin/initdb" ] || { echo "No PostgreSQL binaries (install Debian's postgresql) and no --postgres given." >&2; exit 2; }
  cluster="$(mktemp -d -t rung-bench-pg-XXXXXX)"
  [ "$(id -u)" -ne 0 ] || chown postgres "$cluster"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  run_pg "$bin/initdb" -D "$cluster/data" -A trust -U rung -E UTF8 --locale=C >/dev/null
  # Durable settings (fsync on): the figures are what a production cluster on this disk would give.
  run_pg "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -o "-p $port -c listen_addresses=127.0.0.1 -k $cluster" -w start >/dev/null
  run_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U rung rung_bench
  args+=(--postgres "Host=127.0.0.1;Port=$port;Username=rung;Database=rung_bench")
fi

dotnet "$root/bench/Rung.Bench.Scale/bin/Release/net10.0/Rung.Bench.Scale.dll" "${args[@]}"

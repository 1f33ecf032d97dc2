#!/usr/bin/env bash
# Scale-out figures: sustained cases/s into 1 and 2 store instances (one per `rung serve`) on SQLite and PostgreSQL,
# and the console's page queries as the case table grows from 10 thousand to 1 million cases (10 million with --huge).
# PostgreSQL: pass --postgres 'Host=...;Database=...;Username=...' (or set RUNG_BENCH_POSTGRES); the database is
# emptied between runs. Without it, a throwaway cluster is started with Debian's initdb/pg_ctl on a free loopback port.
# Usage: bench/scale.sh [--postgres CONNECTION] [--seconds S] [--batch B] [--max-rows N] [--huge]
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

if [[ " ${args[*]} " != *" --postgres "* ]] && [ -z "${RUNG_BENCH_POSTGRES:-}" ]; then
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

#!/usr/bin/env bash
# Scale-out of edge ingest, measured with the real commands: 2 `rung serve` processes on one store and 1, 2 and 4
# `rung edge run` processes forwarding their journals to them (edge k to server k mod 2), next to a baseline of one
# edge forwarding to one server. Each edge first decides its cases offline from a JSON-lines file with a trivial
# process model (a Python script answering "scrap" at 0.99 confidence: the model's speed is not what is measured),
# then all edges of a run forward at once. The figures are the servers' own counters (GET /api/v1/edges, "ingest"):
# sustained cases stored per second across the servers while every edge is forwarding, and the store's share of the
# journal route's time (configuration read, zone lookup, journal apply). Every run starts on a fresh store.
# --store sqlite: both servers share one data folder's rung.db. --store postgres: both servers use one database
# (--postgres CONNECTION, or RUNG_BENCH_POSTGRES, or a throwaway cluster started with Debian's initdb/pg_ctl).
# A run whose edges have not finished forwarding after --timeout seconds (default 900) is stopped, its edges killed, and
# its figures printed from what the servers stored until then, marked "(timed-out)".
# Usage: bench/cluster.sh [--store sqlite|postgres] [--postgres CONNECTION] [--cases N per edge, default 20000] [--edges "1 2 4"] [--timeout S]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
store=sqlite; postgres="${RUNG_BENCH_POSTGRES:-}"; cases=20000; edge_counts="1 2 4"; run_timeout=900
while [ $# -gt 0 ]; do
  case "$1" in
    --store) store="$2"; shift 2;;
    --postgres) postgres="$2"; shift 2;;
    --cases) cases="$2"; shift 2;;
    --edges) edge_counts="$2"; shift 2;;
    --timeout) run_timeout="$2"; shift 2;;
    *) echo "Unknown option '$1'. Options: --store sqlite|postgres --postgres CONNECTION --cases N --edges \"1 2 4\" --timeout S" >&2; exit 2;;
  esac
done
[[ "$store" == sqlite || "$store" == postgres ]] || { echo "--store takes sqlite or postgres, not '$store'." >&2; exit 2; }
max_edges=$(tr ' ' '\n' <<<"$edge_counts" | sort -n | tail -1)

dotnet build "$root/src/Rung.Cli" -c Release --nologo -v quiet -clp:ErrorsOnly
rung=(dotnet "$root/src/Rung.Cli/bin/Release/net10.0/rung.dll")
work="$(mktemp -d -t rung-cluster-XXXXXX)"
pids=(); cluster=""; bin=""
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "$cluster" ]; then run_pg "$bin/pg_ctl" -D "$cluster/data" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$cluster"; fi
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

if [ "$store" = postgres ] && [ -z "$postgres" ]; then
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [ -x "$bin/initdb" ] || { echo "No PostgreSQL binaries (install Debian's postgresql) and no --postgres given." >&2; exit 2; }
  cluster="$(mktemp -d -t rung-cluster-pg-XXXXXX)"; [ "$(id -u)" -ne 0 ] || chown postgres "$cluster"
  pg_port=$(free_port)
  run_pg "$bin/initdb" -D "$cluster/data" -A trust -U rung -E UTF8 --locale=C >/dev/null
  run_pg "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $cluster" -w start >/dev/null
  run_pg "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U rung rung_cluster
  postgres="Host=127.0.0.1;Port=$pg_port;Username=rung;Database=rung_cluster"
fi

cat > "$work/usecase.yaml" <<YAML
usecase: { id: cluster-bench, name: Cluster bench }
business: { kpi: scrap rate, unit: "%", baseline: 4, target: 2, owner: line3.lead, value_per_case: 0.3, currency: EUR }
agent:
  id: line3-quality
  scope: acme/dortmund/machining/line3/cell2
  initial_stage: AutoWithExceptions
  model: { kind: process, version: "bench-1", command: python3, args: [model.py], timeout: 10s }
  inputs:
    - { name: answer, unit: index, min: 0, max: 4 }
  actions:
    - { name: accept, severity: Medium }
    - { name: scrap, severity: Low }
    - { name: hold_for_inspection, severity: Low }
  default_action: hold_for_inspection
  slo: { window: 100000, accuracy_floor: 0.5, alert_line: 0.4 }
  calendar: { time_zone: Europe/Berlin, working_days: [Mon, Tue, Wed, Thu, Fri, Sat, Sun], hours: "00:00-23:59" }
YAML
model='import json, sys
for line in sys.stdin:
    r = json.loads(line)
    print(json.dumps({"id": r["id"], "action": "scrap", "confidence": 0.99, "explanation": [], "ood": False}), flush=True)'
: > "$work/empty.jsonl"
export RUNG_BENCH_PASSWORD="correct horse battery staple 42"

# A fresh server store with the use case published; prints the edge token.
fresh_store() {
  local dir="$1"
  rm -rf "$dir"; mkdir -p "$dir"
  if [ "$store" = postgres ]; then
    python3 - "$postgres" <<'PY'
import subprocess, sys
parts = dict(p.split("=", 1) for p in sys.argv[1].split(";") if "=" in p)
args = ["psql", "-q", "-h", parts.get("Host", "127.0.0.1"), "-p", parts.get("Port", "5432"), "-U", parts.get("Username", "postgres"), "-d", parts["Database"], "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"]
subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
PY
  fi
  "${rung[@]}" user add lead --name "Line Lead" --roles Owner --zones acme/dortmund/machining/line3 --password-env RUNG_BENCH_PASSWORD --by admin --data "$dir" >/dev/null
  "${rung[@]}" edge publish "$work/usecase.yaml" --data "$dir" --by lead >/dev/null
  "${rung[@]}" user token create line3-edge --roles Operator --zones acme/dortmund/machining/line3 --by admin --data "$dir" | tail -1
}
[ "$store" = sqlite ] || export RUNG_STORE="$postgres"

# Decide every edge's cases once, offline, into a template journal; each run forwards a copy.
setup="$work/setup"; token=$(fresh_store "$setup")
port=$(free_port); "${rung[@]}" serve --data "$setup" --urls "http://127.0.0.1:$port" >/dev/null 2>&1 & setup_pid=$!; pids+=("$setup_pid")
until curl -s -o /dev/null "http://127.0.0.1:$port"; do sleep 0.2; done
for k in $(seq 1 "$max_edges"); do
  dir="$work/edge$k"; mkdir -p "$dir"; printf '%s\n' "$model" > "$dir/model.py"
  python3 -c "
import json
with open('$work/in$k.jsonl','w') as f:
    for i in range($cases): f.write(json.dumps({'caseId':'e$k-%07d'%i,'features':{'answer':1}})+'\n')
"
  "${rung[@]}" edge run --server "http://127.0.0.1:$port" --token "$token" --data "$dir" --edge-id "edge$k" --input "$work/empty.jsonl" --exit-when-done >/dev/null
  "${rung[@]}" edge run --data "$dir" --input "$work/in$k.jsonl" --batch 200 --exit-when-done >/dev/null
done
kill "$setup_pid"; wait "$setup_pid" 2>/dev/null || true
echo "Decided $cases cases on each of $max_edges edges; forwarding them now." >&2

# One run: S servers on a fresh store, E edges forwarding; prints "cases/s store-share cpu-per-server".
run() {
  local servers="$1" edges="$2" dir="$work/server" urls=() spids=() epids=()
  local token; token=$(fresh_store "$dir")
  for s in $(seq 1 "$servers"); do
    local p; p=$(free_port); urls+=("http://127.0.0.1:$p")
    "${rung[@]}" serve --data "$dir" --urls "http://127.0.0.1:$p" >"$work/serve$s.log" 2>&1 & spids+=("$!"); pids+=("$!")
  done
  for u in "${urls[@]}"; do until curl -s -o /dev/null "$u"; do sleep 0.2; done; done
  for k in $(seq 1 "$edges"); do
    rm -rf "$work/run$k"; cp -r "$work/edge$k" "$work/run$k"
    local u="${urls[$(( (k - 1) % servers ))]}"
    "${rung[@]}" edge run --server "$u" --token "$token" --data "$work/run$k" --edge-id "edge$k" --input "$work/empty.jsonl" --exit-when-done >"$work/edge$k.log" 2>&1 & epids+=("$!")
  done
  python3 - "$run_timeout" "$token" "${urls[@]}" -- "${spids[@]}" -- "${epids[@]}" <<'PY'
import json, os, sys, time, urllib.request
deadline = time.monotonic() + float(sys.argv.pop(1))
token = sys.argv[1]
rest = sys.argv[2:]; cut = rest.index("--"); urls = rest[:cut]; rest = rest[cut + 1:]
cut = rest.index("--"); pids, edges = rest[:cut], rest[cut + 1:]
tick = os.sysconf("SC_CLK_TCK")
def cpu(pid):
    with open(f"/proc/{pid}/stat") as f: parts = f.read().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / tick
def sample():
    out = []
    for u in urls:
        req = urllib.request.Request(u + "/api/v1/edges", headers={"Authorization": "Bearer " + token})
        out.append(json.load(urllib.request.urlopen(req, timeout=30))["ingest"])
    return time.monotonic(), out, [cpu(p) for p in pids]
# From the first stored case to the last one seen stored, while any edge still runs. A batch whose answer was lost
# is stored but not counted (the edge sends it again and finds it applied), so the figure errs low, never high.
first = None; last = None; seen = -1
timed_out = False
while any(os.path.exists(f"/proc/{e}") and open(f"/proc/{e}/stat").read().split()[2] != "Z" for e in edges):
    t, ing, c = sample()
    stored = sum(i["stored"] for i in ing)
    if first is None and stored > 0: first = (t, ing, c)
    if first is not None and stored != seen: last = (t, ing, c); seen = stored
    if time.monotonic() > deadline:
        timed_out = True; break
    time.sleep(0.25)
if first is None or last is None or last[0] <= first[0]:
    print("nan nan nan"); sys.exit(0)
(t0, i0, c0), (t1, i1, c1) = first, last
stored = sum(i["stored"] for i in i1) - sum(i["stored"] for i in i0)
route = sum(i["routeSeconds"] for i in i1) - sum(i["routeSeconds"] for i in i0)
st = sum(i["storeSeconds"] for i in i1) - sum(i["storeSeconds"] for i in i0)
cpu_share = (sum(c1) - sum(c0)) / (t1 - t0) / len(pids)
print(f"{stored / (t1 - t0):.0f}{'(timed-out)' if timed_out else ''} {st / route if route else float('nan'):.2f} {cpu_share:.2f}")
PY
  # Edges still forwarding after the poller gave up (--timeout) are stopped rather than waited for.
  for pid in "${epids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" || echo "edge exited with $? (see $work)" >&2; done
  for pid in "${spids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
}

if [ "$store" = sqlite ]; then label="SQLite (both servers on one rung.db)"; else label="PostgreSQL (both servers on one database)"; fi
echo "Store: $label; $cases cases per edge, decided offline first; trivial Python process model."
read -r base_rate base_share base_cpu < <(run 1 1)
printf '%-22s %12s %12s %8s %14s %16s\n' "edges -> servers" "cases/s" "baseline" "ratio" "store share" "server CPU (cores)"
printf '%-22s %12s %12s %8s %14s %16s\n' "1 -> 1 (baseline)" "$base_rate" "$base_rate" "1.00" "$base_share" "$base_cpu"
for e in $edge_counts; do
  read -r rate share cpu_per < <(run 2 "$e")
  ratio=$(python3 -c "print(f'{$rate / $base_rate:.2f}')" 2>/dev/null || echo nan)
  printf '%-22s %12s %12s %8s %14s %16s\n' "$e -> 2" "$rate" "$base_rate" "$ratio" "$share" "$cpu_per"
done

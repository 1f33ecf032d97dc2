#!/usr/bin/env bash
# The edge runtime, measured with the real `rung` command: decisions/s on one edge with its durable journal (next to
# the same run with the journal on tmpfs as the baseline), p99 from input read to decision journalled, and
# forwarding throughput of the journal to a `rung serve` (next to the edge's own decision rate).
# The model is a small process model (JSON lines over stdin/stdout), the kind a plant's pilot model usually is.
# Then the same with the demo's own model (the in-process softmax pilot `rung demo` trains with seed 7, and its use
# case): decisions/s with the durable journal, and the latency from broker input to committed action through a
# private Mosquitto on a free loopback port and a real `rung edge run --broker`. A publisher stamps each part's trigger,
# `mosquitto_sub` on the command topics stamps each committed action (same machine clock, bench/edge_broker.py); the
# baseline is the same publisher and `mosquitto_sub` on the trigger topic itself, the broker's own floor.
# Usage: bench/edge.sh [CASES] [PARTS] [RATE]   (defaults 5000 cases; 1000 parts through the broker at 20 parts/s)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cases="${1:-5000}"; parts="${2:-1000}"; rate="${3:-20}"
dotnet build "$root/src/Rung.Cli" -c Release --nologo -v quiet -clp:ErrorsOnly
rung=(dotnet "$root/src/Rung.Cli/bin/Release/net10.0/rung.dll")
work="$(mktemp -d)"; shm="$(mktemp -d -p /dev/shm)"
server_pid=""; broker_pid=""; edge_pid=""
cleanup() { for pid in "$edge_pid" "$broker_pid" "$server_pid"; do [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true; done; rm -rf "$work" "$shm"; }
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"

cat > "$work/usecase.yaml" <<YAML
usecase: { id: edge-bench, name: Edge bench }
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
python3 -c "
import json
with open('$work/in.jsonl','w') as f:
    for i in range($cases): f.write(json.dumps({'caseId':'p%07d'%i,'features':{'answer':1}})+'\n')
"
: > "$work/empty.jsonl"

export RUNG_BENCH_PASSWORD="correct horse battery staple 42"
mkdir -p "$work/server"
"${rung[@]}" user add lead --name "Line Lead" --roles Owner --zones acme/dortmund/machining/line3 --password-env RUNG_BENCH_PASSWORD --by admin --data "$work/server" >/dev/null
token=$("${rung[@]}" user token create line3-edge --roles Operator --zones acme/dortmund/machining/line3 --by admin --data "$work/server" | tail -1)
"${rung[@]}" edge publish "$work/usecase.yaml" --data "$work/server" --by lead >/dev/null
"${rung[@]}" serve --data "$work/server" --urls "$url" >/dev/null & server_pid=$!
until curl -s -o /dev/null "$url"; do sleep 0.2; done

# Fetch the configuration once into each edge folder, then decide with no server.
for dir in "$work/disk" "$shm/tmpfs"; do
  mkdir -p "$dir"; printf '%s\n' "$model" > "$dir/model.py"
  "${rung[@]}" edge run --server "$url" --token "$token" --data "$dir" --input "$work/empty.jsonl" --exit-when-done >/dev/null
done

decide() { # folder -> seconds
  local start end
  start=$(date +%s.%N)
  "${rung[@]}" edge run --data "$1" --input "$work/in.jsonl" --batch 50 --exit-when-done >/dev/null
  end=$(date +%s.%N)
  python3 -c "print($end - $start)"
}
disk_s=$(decide "$work/disk")
shm_s=$(decide "$shm/tmpfs")
p99=$(sqlite3 "$work/disk/edge.db" "SELECT (decided_at - occurred_at) / 10000.0 FROM decisions ORDER BY 1 LIMIT 1 OFFSET (SELECT CAST(COUNT(*) * 0.99 AS INT) FROM decisions);")
p50=$(sqlite3 "$work/disk/edge.db" "SELECT (decided_at - occurred_at) / 10000.0 FROM decisions ORDER BY 1 LIMIT 1 OFFSET (SELECT CAST(COUNT(*) * 0.50 AS INT) FROM decisions);")

start=$(date +%s.%N)
"${rung[@]}" edge run --server "$url" --token "$token" --data "$work/disk" --input "$work/empty.jsonl" --exit-when-done >/dev/null
end=$(date +%s.%N)
fwd_s=$(python3 -c "print($end - $start)")

# The demo's model and use case, as `rung demo` trains and writes them (one simulated day is enough to train it),
# published to edges at AutoWithExceptions so its actions commit; the demo's journal gives the parts' features.
"${rung[@]}" demo --days 1 --speed 0 --console-port 0 --data "$work/demo" >/dev/null
sed 's/initial_stage: Shadow/initial_stage: AutoWithExceptions/' "$work/demo/usecase.contract.yaml" > "$work/demo-edge.yaml"
sqlite3 "$work/demo/rung.db" "SELECT features_json FROM decisions WHERE agent_id = 'line3-quality' ORDER BY id;" > "$work/demo-features.jsonl"
python3 - "$work" "$cases" <<'PY'
import json, sys
work, n = sys.argv[1], int(sys.argv[2])
rows = [json.loads(l) for l in open(f"{work}/demo-features.jsonl") if l.strip()]
with open(f"{work}/demo-in.jsonl", "w") as f:
    for i in range(n): f.write(json.dumps({"caseId": "d%07d" % i, "features": rows[i % len(rows)]}) + "\n")
PY
"${rung[@]}" edge publish "$work/demo-edge.yaml" --data "$work/server" --by lead >/dev/null
for dir in "$work/demo-disk" "$shm/demo-tmpfs" "$work/demo-broker"; do
  mkdir -p "$dir"; cp "$work/demo/pilot-model.json" "$work/demo/pilot-model.profile.json" "$dir/"
  "${rung[@]}" edge run --server "$url" --token "$token" --data "$dir" --input "$work/empty.jsonl" --exit-when-done >/dev/null
done
demo_input() { # folder -> seconds
  local start end
  start=$(date +%s.%N)
  "${rung[@]}" edge run --data "$1" --input "$work/demo-in.jsonl" --batch 50 --exit-when-done >/dev/null
  end=$(date +%s.%N)
  python3 -c "print($end - $start)"
}
demo_disk_s=$(demo_input "$work/demo-disk")
demo_shm_s=$(demo_input "$shm/demo-tmpfs")

mq_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
printf 'listener %s 127.0.0.1\nallow_anonymous true\nmax_queued_messages 0\nlog_dest none\n' "$mq_port" > "$work/mosquitto.conf"
mosquitto -c "$work/mosquitto.conf" & broker_pid=$!
until python3 -c "import socket; socket.create_connection(('127.0.0.1', $mq_port))" 2>/dev/null; do sleep 0.1; done
scope=$(sed -n 's/^  scope: *//p' "$work/demo-edge.yaml"); agent=$(sed -n '/^agent:/,$ s/^  id: *//p' "$work/demo-edge.yaml" | head -1)
read -r floor_n floor_sent floor_p50 floor_p99 floor_max < <(python3 "$root/bench/edge_broker.py" floor "$mq_port" "$work/demo-edge.yaml" "$work/demo-features.jsonl" "$parts" "$rate" x)
"${rung[@]}" edge run --data "$work/demo-broker" --broker "mqtt://127.0.0.1:$mq_port" >"$work/edge-broker.log" 2>&1 & edge_pid=$!
until grep -q "^Edge .* deciding" "$work/edge-broker.log"; do kill -0 "$edge_pid" || { cat "$work/edge-broker.log" >&2; exit 1; }; sleep 0.2; done
read -r edge_n edge_sent edge_p50 edge_p99 edge_max < <(python3 "$root/bench/edge_broker.py" edge "$mq_port" "$work/demo-edge.yaml" "$work/demo-features.jsonl" "$parts" "$rate" "$scope/rung/$agent/commands/#")
kill "$edge_pid"; wait "$edge_pid" 2>/dev/null || true; edge_pid=""
edge_decided=$(sqlite3 "$work/demo-broker/edge.db" "SELECT COUNT(*) FROM decisions WHERE case_id LIKE 'edge-%';")

python3 - "$cases" "$disk_s" "$shm_s" "$fwd_s" "$p50" "$p99" "$demo_disk_s" "$demo_shm_s" \
  "$edge_n" "$edge_sent" "$edge_p50" "$edge_p99" "$edge_max" "$floor_n" "$floor_sent" "$floor_p50" "$floor_p99" "$floor_max" "$edge_decided" "$rate" <<'PY'
import sys
a = sys.argv[1:]
n, disk, shm, fwd, p50, p99, ddisk, dshm = int(a[0]), *map(float, a[1:8])
en, es, ep50, ep99, emax, fn, fs, fp50, fp99, fmax, decided, rate = a[8:20]
print(f"cases: {n} (each run includes process start and model start)")
print(f"{'measure':58} {'edge':>12} {'baseline':>12} {'ratio':>7}")
print(f"{'decisions/s, durable journal vs tmpfs':58} {n/disk:12.0f} {n/shm:12.0f} {shm/disk:7.2f}")
print(f"{'forwarding cases/s vs edge decisions/s':58} {n/fwd:12.0f} {n/disk:12.0f} {disk/fwd:7.2f}")
print(f"{'input read -> decision journalled, ms p50/p99':58} {p50:12.1f} {p99:12.1f}")
print(f"demo's model (in-process softmax pilot, seed 7), {n} cases; through Mosquitto: {es} parts at {rate}/s")
print(f"{'decisions/s, durable journal vs tmpfs':58} {n/ddisk:12.0f} {n/dshm:12.0f} {dshm/ddisk:7.2f}")
def ratio(x, y):
    try: return f"{float(x) / float(y):7.1f}"
    except (ValueError, ZeroDivisionError): return "    nan"
print(f"{'broker input -> committed action vs broker floor, ms p50':58} {float(ep50):12.2f} {float(fp50):12.2f} {ratio(ep50, fp50)}")
print(f"{'broker input -> committed action vs broker floor, ms p99':58} {float(ep99):12.2f} {float(fp99):12.2f} {ratio(ep99, fp99)}")
print(f"{'broker input -> committed action vs broker floor, ms max':58} {float(emax):12.2f} {float(fmax):12.2f} {ratio(emax, fmax)}")
print(f"{'parts: decided by the edge / actions received (floor: received)':58} {decided + ' / ' + en:>12} {fn:>12}")
PY

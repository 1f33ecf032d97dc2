#!/usr/bin/env bash
# The edge runtime, measured with the real `rung` command: decisions/s on one edge with its durable journal (next to
# the same run with the journal on tmpfs as the baseline), p99 from input read to decision journalled, and
# forwarding throughput of the journal to a `rung serve` (next to the edge's own decision rate).
# The model is a small process model (JSON lines over stdin/stdout), the kind a plant's pilot model usually is.
# Usage: bench/edge.sh [CASES]   (default 5000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cases="${1:-5000}"
dotnet build "$root/src/Rung.Cli" -c Release --nologo -v quiet -clp:ErrorsOnly
rung=(dotnet "$root/src/Rung.Cli/bin/Release/net10.0/rung.dll")
work="$(mktemp -d)"; shm="$(mktemp -d -p /dev/shm)"
server_pid=""
cleanup() { [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true; rm -rf "$work" "$shm"; }
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

python3 - "$cases" "$disk_s" "$shm_s" "$fwd_s" "$p50" "$p99" <<'PY'
import sys
n, disk, shm, fwd, p50, p99 = int(sys.argv[1]), *map(float, sys.argv[2:])
print(f"cases: {n} (each run includes process start and model start)")
print(f"{'measure':44} {'edge':>12} {'baseline':>12} {'ratio':>7}")
print(f"{'decisions/s, durable journal vs tmpfs':44} {n/disk:12.0f} {n/shm:12.0f} {shm/disk:7.2f}")
print(f"{'forwarding cases/s vs edge decisions/s':44} {n/fwd:12.0f} {n/disk:12.0f} {disk/fwd:7.2f}")
print(f"{'input read -> decision journalled, ms p50/p99':44} {p50:12.1f} {p99:12.1f}")
PY

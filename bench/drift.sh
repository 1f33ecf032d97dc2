#!/usr/bin/env bash
# Measures the monitoring spine (drift detection delay, false alarms, per-case cost) and prints the tables.
# Usage: bench/drift.sh [--quick]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/bench/Rung.Bench.Drift/Rung.Bench.Drift.csproj"
dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly
exec dotnet "$root/bench/Rung.Bench.Drift/bin/Release/net10.0/Rung.Bench.Drift.dll" "$@"

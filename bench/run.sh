#!/usr/bin/env bash
# Builds the decision-path benchmark in Release and runs it; arguments go to the benchmark
# (for example: bench/run.sh --quick, bench/run.sh --cases 100000 --rounds 5).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet build "$root/bench/Rung.Bench" -c Release --nologo -v quiet
exec dotnet "$root/bench/Rung.Bench/bin/Release/net10.0/Rung.Bench.dll" "$@"

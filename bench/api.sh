#!/usr/bin/env bash
# Sustained cases/s and p50/p99 of the REST API's case submit endpoint (one case and batches) under a bounded
# load on loopback, next to a bare endpoint that does nothing on the same server.
# Usage: bench/api.sh [--count N] [--concurrency C] [--batch B] [--seconds S]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/bench/Rung.Bench.Api/Rung.Bench.Api.csproj"
dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly
exec dotnet "$root/bench/Rung.Bench.Api/bin/Release/net10.0/Rung.Bench.Api.dll" "$@"

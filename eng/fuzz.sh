#!/usr/bin/env bash
# Runs the randomized-input harness longer than CI does: every parser target gets SCALE times its CI budget of
# mutated and random inputs from SEED. Usage: eng/fuzz.sh [SCALE] [SEED]   (defaults: 50, 62443).
# A finding is printed with its seed and input number, and the input is saved under artifacts/fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
export RUNG_FUZZ_SCALE="${1:-50}"
export RUNG_FUZZ_SEED="${2:-62443}"
echo "fuzzing with seed $RUNG_FUZZ_SEED at $RUNG_FUZZ_SCALE x the CI budget"
dotnet test tests/Rung.Hardening.Tests -c "${CONFIGURATION:-Release}" -nologo \
  --filter "FullyQualifiedName~FuzzTests" --logger "console;verbosity=normal"

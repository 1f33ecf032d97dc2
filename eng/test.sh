#!/usr/bin/env bash
# Runs the whole test suite. Installs what the tests need from Debian's packages when it is missing,
# builds once, runs every test project, and ends with one line: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

need_packages=()
command -v python3 >/dev/null 2>&1 || need_packages+=(python3)          # the process-model adapter's test scripts
[ -e /usr/share/zoneinfo/Europe/Berlin ] || need_packages+=(tzdata)   # site calendars use IANA time zones
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || need_packages+=(mosquitto)   # MQTT tests start a private broker
command -v mosquitto_sub >/dev/null 2>&1 || need_packages+=(mosquitto-clients)                    # the other end of MQTT interop tests
[ -x /usr/bin/chromium ] || need_packages+=(chromium)                 # the web console's browser tests (Playwright drives the system Chromium)
command -v initdb >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need_packages+=(postgresql)   # the PostgreSQL store's tests start a throwaway cluster
if ((${#need_packages[@]} > 0)); then
  echo "Installing: ${need_packages[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi

configuration="${CONFIGURATION:-Release}"
log="$(mktemp -t rung-test-XXXXXX.log)"
trap 'rm -f "$log"' EXIT

dotnet build Rung.slnx -c "$configuration" -nologo -clp:ErrorsOnly
set +e
dotnet test Rung.slnx -c "$configuration" --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One summary line per test assembly: "Passed!  - Failed:     0, Passed:   416, Skipped: ..."
read -r passed failed < <(grep -E '^(Passed|Failed)!' "$log" \
  | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+).*/\2 \1/' \
  | awk '{p += $1; f += $2} END {print p + 0, f + 0}')
assemblies=$(grep -cE '^(Passed|Failed)!' "$log" || true)
expected=$(find tests -name '*.Tests.csproj' | wc -l)
if [ "$assemblies" -lt "$expected" ]; then
  echo "only $assemblies of $expected test assemblies reported results" >&2
  failed=$((failed + expected - assemblies))
  status=1
fi
echo "${passed} passed, ${failed} failed"
exit "$status"

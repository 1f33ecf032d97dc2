#!/usr/bin/env bash
# Subscriber receive throughput of Rung's MQTT client against mosquitto_sub on the same stream, through a
# private mosquitto it starts on a free loopback port, then the end-to-end latency of the plant path (tag change ->
# committed action on the command topic). Usage: bench/mqtt.sh [--quick] [--qos0 N] [--qos1 N] [--payload BYTES] [--e2e PARTS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/bench/Rung.Bench.Mqtt/Rung.Bench.Mqtt.csproj"
dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly
exec dotnet "$root/bench/Rung.Bench.Mqtt/bin/Release/net10.0/Rung.Bench.Mqtt.dll" "$@"

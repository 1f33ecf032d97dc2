#!/usr/bin/env bash
# Subscriber receive throughput of Rung's MQTT client against mosquitto_sub on the same stream, through a
# private mosquitto it starts on a free loopback port. Usage: bench/mqtt.sh [--quick] [--qos0 N] [--qos1 N] [--payload BYTES]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/bench/Rung.Bench.Mqtt/Rung.Bench.Mqtt.csproj"
dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly
exec dotnet "$root/bench/Rung.Bench.Mqtt/bin/Release/net10.0/Rung.Bench.Mqtt.dll" "$@"

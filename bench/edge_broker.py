#!/usr/bin/env python3
"""Broker input -> committed action, measured from outside the edge.

A publisher (a minimal MQTT 3.1.1 client over a raw socket, QoS 0) sends each part's tags and then its trigger at a
fixed rate, stamping the wall clock just before the trigger goes out; `mosquitto_sub -F '%U ...'` stamps each message
it receives on the same machine clock. The latency of a part is the subscriber's stamp minus the publisher's.

  edge:  the subscriber listens on the agent's command topics; a part counts once its committed action arrives.
  floor: the subscriber listens on the trigger topic itself: the same messages through the broker with nothing in
         between, the broker's own floor for this publisher and subscriber.

Usage: edge_broker.py edge|floor PORT CONTRACT_YAML FEATURES_JSONL PARTS RATE COMMAND_FILTER
Prints "received sent p50_ms p99_ms max_ms".
"""
import json, re, socket, struct, subprocess, sys, threading, time

mode, port, contract_path, features_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
parts, rate, command_filter = int(sys.argv[5]), float(sys.argv[6]), sys.argv[7]

text = open(contract_path).read()
tags = dict(re.findall(r'feature: (\w+), tag: "([^"]+)"', text))
trigger = re.search(r'trigger: \{ tag: "([^"]+)", key: (\w+)', text)
trigger_topic, key = trigger.group(1), trigger.group(2)
rows = [json.loads(line) for line in open(features_path) if line.strip()]


def remaining(n):
    out = bytearray()
    while True:
        byte, n = n % 128, n // 128
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def utf8(s):
    b = s.encode()
    return struct.pack("!H", len(b)) + b


def packet(kind, body):
    return bytes([kind]) + remaining(len(body)) + body


sock = socket.create_connection(("127.0.0.1", port))
sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
sock.sendall(packet(0x10, utf8("MQTT") + bytes([4, 0x02]) + struct.pack("!H", 60) + utf8(f"bench-line-{mode}")))
if sock.recv(4)[:1] != b"\x20":
    sys.exit("no CONNACK from the broker")


def publish(topic, payload, retain=False):
    sock.sendall(packet(0x30 | (1 if retain else 0), utf8(topic) + payload.encode()))


topic = trigger_topic if mode == "floor" else command_filter
sub = subprocess.Popen(["mosquitto_sub", "-h", "127.0.0.1", "-p", str(port), "-q", "1", "-t", topic, "-F", "%U %p"],
                       stdout=subprocess.PIPE, text=True, bufsize=1)
received = {}


def read():
    for line in sub.stdout:
        stamp, _, payload = line.partition(" ")
        try:
            body = json.loads(payload)
        except ValueError:
            continue
        part = body.get("case_id") if mode == "edge" else body.get(key)
        if part is not None and part not in received:
            received[part] = float(stamp)


threading.Thread(target=read, daemon=True).start()
time.sleep(1.0)  # mosquitto_sub connected and subscribed

sent = {}
gap = 1.0 / rate
start = time.monotonic()
for i in range(parts):
    row = rows[i % len(rows)]
    part = f"{mode}-{i:06d}"
    ms = int(time.time() * 1000)
    for feature, tag in tags.items():
        if feature in row:
            publish(tag, json.dumps({"value": row[feature], "timestamp": ms}), retain=True)
    sent[part] = time.time()
    publish(trigger_topic, json.dumps({key: part, "timestamp": ms}))
    pause = start + (i + 1) * gap - time.monotonic()
    if pause > 0:
        time.sleep(pause)

# Done once nothing new arrived for 3 s (a case the edge held as an exception sends no action).
last, count = time.monotonic(), -1
while time.monotonic() - last < 3.0:
    if len(received) != count:
        count, last = len(received), time.monotonic()
    time.sleep(0.1)
sub.terminate()
sock.close()

latencies = sorted((received[p] - sent[p]) * 1000 for p in sent if p in received)
if not latencies:
    print(f"0 {parts} nan nan nan")
    sys.exit(0)


def pct(q):
    return latencies[min(len(latencies) - 1, int(len(latencies) * q))]


print(f"{len(latencies)} {parts} {pct(0.50):.2f} {pct(0.99):.2f} {latencies[-1]:.2f}")

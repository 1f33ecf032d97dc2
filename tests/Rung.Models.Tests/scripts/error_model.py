"""Answers every request with an error of its own."""
import json
import sys

for line in sys.stdin:
    request = json.loads(line)
    print(json.dumps({"id": request["id"], "error": "weights not loaded: model.pkl missing"}), flush=True)

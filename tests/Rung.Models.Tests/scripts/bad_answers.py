"""Answers badly on demand, chosen by the feature "mode"; any other mode answers well."""
import json
import sys

for line in sys.stdin:
    request = json.loads(line)
    rid = request["id"]
    mode = request["features"].get("mode")
    good = {"id": rid, "action": "keep", "confidence": 0.7}
    if mode == 1:
        out = "this is not json"
    elif mode == 2:
        out = json.dumps(dict(good, id=rid + 1000))
    elif mode == 3:
        out = json.dumps(dict(good, confidence=float("nan")))
    elif mode == 4:
        out = json.dumps(dict(good, action="x" * (2 * 1024 * 1024)))
    elif mode == 5:
        out = json.dumps(dict(good, confidence="high"))
    elif mode == 6:
        out = json.dumps(dict(good, confidence=1.5))
    elif mode == 7:
        out = json.dumps(dict(good, explanation=[{"feature": "a", "contribution": float("inf")}]))
    elif mode == 8:
        out = json.dumps(dict(good, action=""))
    elif mode == 9:
        out = json.dumps(dict(good, explanation=[{"feature": "a", "contribution": "big"}]))
    else:
        out = json.dumps(good)
    sys.stdout.write(out + "\n")
    sys.stdout.flush()

"""A well-behaved model: 'scrap' when vibration_rms > 1, else 'keep'.

Echoes every feature into the explanation, names null features in "target"
and reports its own pid as "value" so tests can see restarts.
"""
import json
import os
import sys

for line in sys.stdin:
    request = json.loads(line)
    features = request["features"]
    nulls = [name for name, value in features.items() if value is None]
    action = "scrap" if (features.get("vibration_rms") or 0) > 1 else "keep"
    answer = {
        "id": request["id"],
        "action": action,
        "confidence": 0.93,
        "explanation": [
            {"feature": name, "contribution": value or 0.0} for name, value in features.items()
        ],
        "ood": bool(features.get("far_out")),
        "value": os.getpid(),
    }
    if nulls:
        answer["target"] = ",".join(nulls)
    print(json.dumps(answer), flush=True)

#!/usr/bin/env python3
"""Pilot quality model for the finishing cell (line 3, cell 2).

A logistic model of the probability that a finished part fails final inspection, fitted on
the pilot's labelled history, plus two hard rules for a damaged tool. Standard library only.

Protocol: JSON lines on stdin/stdout, one request per line, one answer per line.
  request: {"id": 7, "features": {"spindle_temp": 51.2, ...}}
  answer:  {"id": 7, "action": "scrap", "confidence": 0.93,
            "explanation": [{"feature": "vibration_rms", "contribution": 1.7}], "ood": false}
  or:      {"id": 7, "error": "message"}
"""

import json
import math
import sys

VERSION = "pilot-1.0"

# Feature -> (mean, standard deviation, weight) on the standardised feature, from the pilot's fit.
COEFFICIENTS = {
    "spindle_speed": (12000.0, 1800.0, 0.35),
    "feed_rate": (1800.0, 350.0, 0.55),
    "spindle_temp": (48.0, 7.5, 0.80),
    "vibration_rms": (3.2, 1.1, 1.60),
    "spindle_torque": (32.0, 8.0, 0.45),
    "tool_wear": (210.0, 110.0, 1.10),
    "ambient_temp": (22.0, 4.0, 0.15),
}
INTERCEPT = -3.3

# The range the pilot was trained on; outside it the model is guessing.
TRAINING_RANGE = {
    "spindle_speed": (6000.0, 18000.0),
    "feed_rate": (600.0, 3200.0),
    "spindle_temp": (18.0, 85.0),
    "vibration_rms": (0.4, 12.0),
    "spindle_torque": (5.0, 70.0),
    "tool_wear": (0.0, 520.0),
    "ambient_temp": (5.0, 40.0),
}

REQUIRED = [name for name in COEFFICIENTS if name != "ambient_temp"]
DEFAULT_AMBIENT = 22.0

ACCEPT_BELOW = 0.12
SCRAP_ABOVE = 0.80
TOOL_WORN_OUT_MIN = 540.0
VIBRATION_BREAKAGE = 18.0


def sigmoid(x):
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def read_features(raw):
    if not isinstance(raw, dict):
        raise ValueError("'features' must be an object")
    features = {}
    for name in COEFFICIENTS:
        value = raw.get(name)
        if value is None:
            if name in REQUIRED:
                raise ValueError("missing feature '%s'" % name)
            value = DEFAULT_AMBIENT
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ValueError("feature '%s' is not a finite number" % name)
        features[name] = float(value)
    return features


def decide(features):
    contributions = {}
    for name, (mean, sd, weight) in COEFFICIENTS.items():
        contributions[name] = weight * (features[name] - mean) / sd
    p_defect = sigmoid(INTERCEPT + sum(contributions.values()))

    ood = any(not (low <= features[name] <= high) for name, (low, high) in TRAINING_RANGE.items())

    if features["tool_wear"] >= TOOL_WORN_OUT_MIN or features["vibration_rms"] >= VIBRATION_BREAKAGE:
        action, confidence = "stop_line", 0.97
    elif p_defect >= SCRAP_ABOVE:
        action, confidence = "scrap", p_defect
    elif p_defect <= ACCEPT_BELOW:
        action, confidence = "accept", 1.0 - p_defect
    else:
        # Uncertain band: a person looks at the part. The confidence stays low, so an automatic stage
        # routes the case to a person rather than committing the hold on its own.
        action, confidence = "hold_for_inspection", max(p_defect, 1.0 - p_defect)

    top = sorted(contributions.items(), key=lambda item: abs(item[1]), reverse=True)[:3]
    explanation = [{"feature": name, "contribution": round(value, 3)} for name, value in top]
    return {
        "action": action,
        "confidence": round(confidence, 4),
        "explanation": explanation,
        "ood": ood,
    }


def answer(line):
    request_id = None
    try:
        request = json.loads(line)
        if not isinstance(request, dict):
            raise ValueError("a request must be a JSON object")
        request_id = request.get("id")
        features = read_features(request.get("features"))
        return {"id": request_id, **decide(features)}
    except (ValueError, TypeError) as error:
        return {"id": request_id, "error": str(error)}


def main():
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        sys.stdout.write(json.dumps(answer(line), separators=(",", ":")) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

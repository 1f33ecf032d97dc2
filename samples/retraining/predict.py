#!/usr/bin/env python3
"""A nearest-centroid model trained by train_nearest_centroid.py, answering Rung's JSON-lines protocol."""
import json
import math
import os
import sys

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "params.json"), encoding="utf-8") as f:
    PARAMS = json.load(f)
FEATURES, MEANS, STDS, CENTROIDS = PARAMS["features"], PARAMS["means"], PARAMS["stds"], PARAMS["centroids"]


def answer(request):
    values = request.get("features") or {}
    zs, ood = [], False
    for j, name in enumerate(FEATURES):
        v = values.get(name)
        if not isinstance(v, (int, float)) or not math.isfinite(v):
            v, ood = MEANS[j], True
        z = (v - MEANS[j]) / STDS[j]
        ood = ood or abs(z) > 4
        zs.append(z)
    distances = {c: sum((a - b) ** 2 for a, b in zip(zs, centre)) for c, centre in CENTROIDS.items()}
    best = min(distances, key=distances.get)
    weights = {c: math.exp(-0.5 * min(d, 1400.0)) for c, d in distances.items()}
    total = sum(weights.values())
    confidence = weights[best] / total if total > 0 else 1.0 / len(weights)
    return {"id": request["id"], "action": best, "confidence": min(max(confidence, 0.0), 1.0), "explanation": [], "ood": ood}


for line in sys.stdin:
    request = None
    try:
        request = json.loads(line)
        reply = answer(request)
    except Exception as exc:  # a bad line gets an error answer, never a crash
        reply = {"id": request.get("id", 0) if isinstance(request, dict) else 0, "error": str(exc)}
    sys.stdout.write(json.dumps(reply, allow_nan=False) + "\n")
    sys.stdout.flush()

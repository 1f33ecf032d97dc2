#!/usr/bin/env python3
"""A retraining command for Rung, Python 3 standard library only.

Usage: train_nearest_centroid.py DATASET_FOLDER OUTPUT_FOLDER

Reads DATASET_FOLDER/data.csv and dataset.json (the snapshot Rung exports), trains a nearest-centroid
classifier on standardised inputs, and writes into OUTPUT_FOLDER:
  params.json    the trained centroids and scaling
  predict.py     the model, speaking Rung's JSON-lines protocol on stdin/stdout
  training.json  how Rung runs the model (a process bundle) and what training measured
Rung registers OUTPUT_FOLDER as the challenger, signs it and runs its test gates.
"""
import csv
import hashlib
import json
import math
import os
import shutil
import sys


def main(dataset, output):
    with open(os.path.join(dataset, "dataset.json"), encoding="utf-8") as f:
        description = json.load(f)
    features = [c["name"] for c in description["schema"] if c["type"] == "number"]
    rows, labels = [], []
    with open(os.path.join(dataset, "data.csv"), newline="", encoding="utf-8") as f:
        for record in csv.DictReader(f):
            rows.append([float(record[n]) if record[n] != "" else math.nan for n in features])
            labels.append(record["label"])
    if not rows:
        print("the dataset has no rows", file=sys.stderr)
        return 3

    means, stds = [], []
    for j in range(len(features)):
        values = [r[j] for r in rows if math.isfinite(r[j])]
        mean = sum(values) / len(values) if values else 0.0
        var = sum((v - mean) ** 2 for v in values) / len(values) if values else 1.0
        means.append(mean)
        stds.append(max(math.sqrt(var), 1e-6))

    def z(row):
        return [((v if math.isfinite(v) else means[j]) - means[j]) / stds[j] for j, v in enumerate(row)]

    sums, counts = {}, {}
    for row, label in zip(rows, labels):
        zs = z(row)
        acc = sums.setdefault(label, [0.0] * len(features))
        for j, v in enumerate(zs):
            acc[j] += v
        counts[label] = counts.get(label, 0) + 1
    centroids = {label: [v / counts[label] for v in acc] for label, acc in sorted(sums.items())}

    def predict(row):
        zs = z(row)
        return min(centroids, key=lambda c: sum((a - b) ** 2 for a, b in zip(zs, centroids[c])))

    correct = sum(1 for row, label in zip(rows, labels) if predict(row) == label)
    os.makedirs(output, exist_ok=True)
    with open(os.path.join(output, "params.json"), "w", encoding="utf-8") as f:
        json.dump({"features": features, "means": means, "stds": stds, "centroids": centroids}, f, sort_keys=True)
    shutil.copyfile(os.path.join(os.path.dirname(os.path.abspath(__file__)), "predict.py"), os.path.join(output, "predict.py"))
    with open(os.path.abspath(__file__), "rb") as f:
        code_version = "sha256:" + hashlib.sha256(f.read()).hexdigest()[:16]
    with open(os.path.join(output, "training.json"), "w", encoding="utf-8") as f:
        json.dump({
            "kind": "ProcessBundle",
            "entry": "python3",
            "arguments": ["predict.py"],
            "timeout_milliseconds": 2000,
            "code_version": code_version,
            "parameters": {"algorithm": "nearest-centroid", "rows": str(len(rows))},
            "metrics": {"training_accuracy": correct / len(rows)},
        }, f, sort_keys=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))

"""Answers N requests (argv[1]), then dies on the next one with exit code 3 and a message on stderr."""
import json
import sys

limit = int(sys.argv[1])
answered = 0
for line in sys.stdin:
    request = json.loads(line)
    if answered >= limit:
        print("Traceback (most recent call last):", file=sys.stderr)
        print("RuntimeError: model exploded on purpose", file=sys.stderr, flush=True)
        sys.exit(3)
    print(json.dumps({"id": request["id"], "action": "keep", "confidence": 0.5}), flush=True)
    answered += 1

"""Hangs forever when the request has feature hang=1.

With spawn=1 it starts a long-sleeping grandchild and answers with its pid as "value",
so a test can check that the whole process tree is killed.
"""
import json
import os
import subprocess
import sys
import time

children = []
for line in sys.stdin:
    request = json.loads(line)
    features = request["features"]
    if features.get("hang") == 1:
        time.sleep(3600)
    value = os.getpid()
    if features.get("spawn") == 1:
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
        children.append(child)
        value = child.pid
    print(json.dumps({"id": request["id"], "action": "keep", "confidence": 0.8, "value": value}), flush=True)

"""`python bench/peak.py OUT CMD...`: run CMD and write its wall seconds and peak RSS (KiB) to OUT as JSON.

A child's ru_maxrss on Linux starts from its parent's RSS at fork time, so measuring from the benchmark
process (which holds models by then) would charge the child for them; this small launcher forks instead.
"""

import json
import os
import subprocess
import sys
import time

start = time.perf_counter()
proc = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(proc.pid, 0)
proc.returncode = os.waitstatus_to_exitcode(status)
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump({"wall_s": time.perf_counter() - start, "maxrss_kib": usage.ru_maxrss}, out)
sys.exit(proc.returncode)

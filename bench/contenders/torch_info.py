"""Prints {"version", "blas", "gflops"} for the machine line: torch's version, the BLAS library it
actually loaded (from /proc/self/maps), and single-thread GFLOP/s of W3's largest matmul shape."""
import json
import time

import torch

torch.set_num_threads(1)
a, w = torch.randn(128, 784), torch.randn(256, 784)
for _ in range(3):
    a @ w.T
calls, started = 0, time.perf_counter()
while time.perf_counter() - started < 0.5:
    a @ w.T
    calls += 1
gflops = calls * 2 * 128 * 784 * 256 / (time.perf_counter() - started) / 1e9
with open("/proc/self/maps") as f:
    libs = sorted({line.split()[-1] for line in f if "blas" in line.lower() and "/" in line})
print(json.dumps({"version": torch.__version__, "blas": libs, "gflops": gflops}))

#!/usr/bin/env python3
"""Warm round trip of one trivial call through Pool(1).apply.

Pool(1) is created, then WARM=200 untimed pool.apply(f, (i,)) calls, then K
sequential calls each timed with time.perf_counter_ns(). f(x) returns x + 1.

Environment (sizes, for a quick run):
  K             timed calls                    (default 2000)
  WARM          untimed warm-up calls          (default 200)
  START_METHOD  fork | spawn | forkserver      (default: the platform default)

Prints one JSON line with these keys:
  bench         "apply_latency"
  unit          "us per round trip"
  python, cpus, start_method
  k, warm
  pool1_apply   {median, p99, min, mean, n}; percentiles are nearest-rank on the
                sorted samples: p99 = sorted[int(0.99 * (n - 1))]
  loadavg_start_end  [1-min loadavg before, after]

Stdlib only.
"""
import json
import multiprocessing as mp
import os
import platform
import statistics
import time

K = int(os.environ.get("K", "2000"))
WARM = int(os.environ.get("WARM", "200"))
START_METHOD = os.environ.get("START_METHOD") or None


def f(x):
    return x + 1


def summarize(samples_ns):
    s = sorted(x / 1e3 for x in samples_ns)
    return {"median": round(statistics.median(s), 2),
            "p99": round(s[int(0.99 * (len(s) - 1))], 2),
            "min": round(s[0], 2), "mean": round(statistics.fmean(s), 2), "n": len(s)}


def main():
    la0 = os.getloadavg()
    ctx = mp.get_context(START_METHOD)
    res = {"bench": "apply_latency", "unit": "us per round trip",
           "python": platform.python_version(), "cpus": os.cpu_count(),
           "start_method": ctx.get_start_method(), "k": K, "warm": WARM}
    with ctx.Pool(1) as pool:
        for i in range(WARM):
            pool.apply(f, (i,))
        samples = []
        for i in range(K):
            t0 = time.perf_counter_ns()
            r = pool.apply(f, (i,))
            samples.append(time.perf_counter_ns() - t0)
            if r != i + 1:
                raise AssertionError("wrong result")
    res["pool1_apply"] = summarize(samples)
    res["loadavg_start_end"] = [round(la0[0], 2), round(os.getloadavg()[0], 2)]
    print(json.dumps(res), flush=True)


if __name__ == "__main__":
    main()

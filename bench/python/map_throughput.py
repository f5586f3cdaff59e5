#!/usr/bin/env python3
"""Pool.map throughput of a trivial function (x*x) over a range of ints.

A multiprocessing Pool(2) is created and warmed (one small map, then full-size
maps for WARM_S seconds) before any timing, so worker start-up is excluded. Each configuration runs REPEATS times;
the median wall time is reported.

Environment (sizes, for a quick run):
  N        items for the default-chunksize map   (default 2000000)
  N1       items for the chunksize=1 map         (default 100000; it is slow)
  REPEATS  timed runs per configuration          (default 3)
  WARM_S   seconds of untimed full-size maps first (default 2)
  START_METHOD  fork | spawn | forkserver        (default: the platform default)

Prints one JSON line with these keys:
  bench         "map_throughput"
  unit          "items/s = n / median_s"
  python, cpus, start_method
  repeats
  pool2_map_default_chunksize  {n, chunksize, median_s, items_per_s, runs_s}
                chunksize is what CPython picks: ceil(n / (4 * workers))
  pool2_map_chunksize_1        {n, chunksize, median_s, items_per_s, runs_s}
  loadavg_start_end  [1-min loadavg before, after]

Stdlib only.
"""
import json
import multiprocessing as mp
import os
import platform
import statistics
import time

N = int(os.environ.get("N", "2000000"))
N1 = int(os.environ.get("N1", "100000"))
REPEATS = int(os.environ.get("REPEATS", "3"))
WARM_S = float(os.environ.get("WARM_S", "2"))
START_METHOD = os.environ.get("START_METHOD") or None
WORKERS = 2


def sq(x):
    return x * x


def default_chunksize(n, workers):
    # Mirrors multiprocessing.pool.Pool._map_async for a sized iterable.
    chunksize, extra = divmod(n, workers * 4)
    return chunksize + 1 if extra else chunksize


def timed(pool, n, chunksize):
    data = range(n)
    runs = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        out = pool.map(sq, data, chunksize)
        runs.append(time.perf_counter() - t0)
        # Spot checks outside the timed region.
        if len(out) != n or out[-1] != (n - 1) ** 2 or out[n // 2] != (n // 2) ** 2:
            raise AssertionError("wrong map result")
        del out
    med = statistics.median(runs)
    return {"n": n, "chunksize": chunksize if chunksize is not None else default_chunksize(n, WORKERS),
            "median_s": round(med, 4), "items_per_s": round(n / med),
            "runs_s": [round(t, 4) for t in runs]}


def main():
    la0 = os.getloadavg()
    ctx = mp.get_context(START_METHOD)
    res = {"bench": "map_throughput", "unit": "items/s = n / median_s",
           "python": platform.python_version(), "cpus": os.cpu_count(),
           "start_method": ctx.get_start_method(), "repeats": REPEATS}
    with ctx.Pool(WORKERS) as pool:
        pool.map(sq, range(1000))  # warm: both workers running and importing done
        # Then full-size maps for WARM_S seconds, as the .NET side does (there, for its JIT and GC heap to settle).
        warm_until = time.perf_counter() + WARM_S
        while time.perf_counter() < warm_until:
            pool.map(sq, range(N))
        res["warm_s"] = WARM_S
        res["pool2_map_default_chunksize"] = timed(pool, N, None)
        res["pool2_map_chunksize_1"] = timed(pool, N1, 1)
    res["loadavg_start_end"] = [round(la0[0], 2), round(os.getloadavg()[0], 2)]
    print(json.dumps(res), flush=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""CPU-bound speedup: count primes below LIMIT, serial vs Pool(2).map.

The algorithm, to be matched exactly by the C# side:
  count_primes(lo, hi) counts n in [lo, hi) with n >= 2 that are prime, where n
  is prime if n == 2, or n is odd and no odd d = 3, 5, 7, ... with d*d <= n
  divides n. (Even n > 2 are rejected by the n % 2 test without the odd loop.)
[0, LIMIT) is split into CHUNKS=8 ranges two ways, each measured and printed:
  equal_width  step = LIMIT // 8, chunk i = [i*step, (i+1)*step), the last
               ending at LIMIT (the anchor's split). Later chunks cost more.
  equal_work   boundary i where cost(x) = x*sqrt(x)/ln(x) (trial division of
               the ~x/ln x primes below x, sqrt(p)/2 divisions each) reaches
               i/8 of cost(LIMIT): 100 bisection halvings of [2, LIMIT],
               rounded half to even (bench/PoolBench/PrimeChunks.cs is the same).
Pool.map picks chunksize 1 for 8 items on 2 workers.

serial:  sum(map(count_chunk, chunks)) in this process.
pool2:   sum(pool.map(count_chunk, chunks)) on a Pool(2) created and warmed
         (one tiny map) before timing; creation and teardown are excluded.
Each runs REPEATS times; medians are reported. speedup = serial_s / pool2_s.

Environment (sizes, for a quick run):
  LIMIT         upper bound, exclusive        (default 2000000; 148933 primes)
  REPEATS       timed runs of each            (default 3)
  START_METHOD  fork | spawn | forkserver     (default: the platform default)

Prints one JSON line per split with these keys:
  bench "cpu_speedup", chunking, bounds, unit, python, cpus, start_method, limit, chunks, repeats,
  primes        the count (same for serial and pool, checked)
  serial_s, pool2_s   median seconds
  speedup       serial_s / pool2_s
  runs          {serial: [s...], pool2: [s...]}
  loadavg_start_end  [1-min loadavg before, after]

Stdlib only.
"""
import json
import math
import multiprocessing as mp
import os
import platform
import statistics
import time

LIMIT = int(os.environ.get("LIMIT", "2000000"))
REPEATS = int(os.environ.get("REPEATS", "3"))
START_METHOD = os.environ.get("START_METHOD") or None
CHUNKS = 8


def count_primes(lo, hi):
    count = 0
    for n in range(max(lo, 2), hi):
        if n % 2 == 0:
            if n == 2:
                count += 1
            continue
        d = 3
        prime = True
        while d * d <= n:
            if n % d == 0:
                prime = False
                break
            d += 2
        if prime:
            count += 1
    return count


def count_chunk(bounds):
    return count_primes(bounds[0], bounds[1])


def equal_width(limit, k):
    step = limit // k
    return [(i * step, limit if i == k - 1 else (i + 1) * step) for i in range(k)]


def equal_work(limit, k):
    cost = lambda x: x * math.sqrt(x) / math.log(x)

    def inverse(target):
        lo, hi = 2.0, float(limit)
        for _ in range(100):
            mid = (lo + hi) / 2
            if cost(mid) < target:
                lo = mid
            else:
                hi = mid
        return lo

    bounds = [0] + [int(round(inverse(i / k * cost(limit)))) for i in range(1, k)] + [limit]
    return [(bounds[i], bounds[i + 1]) for i in range(k)]


def main():
    for chunking, split in (("equal_width", equal_width), ("equal_work", equal_work)):
        measure(chunking, split(LIMIT, CHUNKS))


def measure(chunking, parts):
    la0 = os.getloadavg()
    ctx = mp.get_context(START_METHOD)
    serial, pooled = [], []
    expected = None
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        total = sum(map(count_chunk, parts))
        serial.append(time.perf_counter() - t0)
        if expected is not None and total != expected:
            raise AssertionError("serial results differ")
        expected = total
    with ctx.Pool(2) as pool:
        pool.map(count_chunk, [(0, 10), (10, 20)])  # warm
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            total = sum(pool.map(count_chunk, parts))
            pooled.append(time.perf_counter() - t0)
            if total != expected:
                raise AssertionError("pool result differs from serial")
    ms, mp2 = statistics.median(serial), statistics.median(pooled)
    res = {"bench": "cpu_speedup", "chunking": chunking, "bounds": [lo for lo, _ in parts] + [LIMIT], "unit": "seconds; speedup = serial_s / pool2_s",
           "python": platform.python_version(), "cpus": os.cpu_count(),
           "start_method": ctx.get_start_method(),
           "limit": LIMIT, "chunks": CHUNKS, "repeats": REPEATS, "primes": expected,
           "serial_s": round(ms, 3), "pool2_s": round(mp2, 3), "speedup": round(ms / mp2, 3),
           "runs": {"serial": [round(t, 3) for t in serial],
                    "pool2": [round(t, 3) for t in pooled]}}
    res["loadavg_start_end"] = [round(la0[0], 2), round(os.getloadavg()[0], 2)]
    print(json.dumps(res), flush=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Pool(2) readiness: time from construction until workers answer.

Two measurements per run, interleaved so both see the same machine load; each
pool is torn down (terminate + join) after its timing, outside the timed region.

  both_workers_ms  t0 = before Pool(2); submit two apply_async calls of a
                   function that sleeps 50 ms and returns os.getpid(); stop when
                   both results are back. The 50 ms sleep keeps the first worker
                   busy so the second call must go to the other worker; the two
                   pids are checked to be distinct. Nothing is subtracted: the
                   figure includes at least one 50 ms sleep.
  first_call_ms    t0 = before Pool(2); one pool.apply of a trivial no-sleep
                   function; stop when its result is back (one worker ready).
  ctor_ms          the Pool(2) constructor alone, from the first_call runs.

Environment (sizes, for a quick run):
  RUNS          timed runs of each measurement   (default 10)
  START_METHOD  fork | spawn | forkserver        (default: the platform default)

Prints one JSON line with these keys:
  bench "pool_ready", unit "ms", python, cpus, start_method, runs, sleep_ms,
  both_workers_ms, first_call_ms, ctor_ms   each {median, min, max, n}
  runs_with_distinct_pids   runs of both_workers where the two pids differed
                            (should equal runs)
  loadavg_start_end  [1-min loadavg before, after]

Stdlib only.
"""
import json
import multiprocessing as mp
import os
import platform
import statistics
import time

RUNS = int(os.environ.get("RUNS", "10"))
START_METHOD = os.environ.get("START_METHOD") or None
SLEEP_S = 0.050


def sleep_pid():
    time.sleep(SLEEP_S)
    return os.getpid()


def trivial():
    return 1


def summarize(ms):
    s = sorted(ms)
    return {"median": round(statistics.median(s), 2), "min": round(s[0], 2),
            "max": round(s[-1], 2), "n": len(s)}


def close(pool):
    pool.terminate()
    pool.join()


def both_workers(ctx):
    t0 = time.perf_counter()
    pool = ctx.Pool(2)
    pending = [pool.apply_async(sleep_pid) for _ in range(2)]
    pids = {r.get(timeout=60) for r in pending}
    elapsed = (time.perf_counter() - t0) * 1e3
    close(pool)
    return elapsed, len(pids) == 2


def first_call(ctx):
    t0 = time.perf_counter()
    pool = ctx.Pool(2)
    t1 = time.perf_counter()
    if pool.apply(trivial) != 1:
        raise AssertionError("wrong result")
    t2 = time.perf_counter()
    close(pool)
    return (t2 - t0) * 1e3, (t1 - t0) * 1e3


def main():
    la0 = os.getloadavg()
    ctx = mp.get_context(START_METHOD)
    # One untimed round of each: the first start pays for cold caches (and, for
    # forkserver, for booting the server).
    both_workers(ctx)
    first_call(ctx)
    both, first, ctor = [], [], []
    distinct = 0
    for _ in range(RUNS):
        ms, ok = both_workers(ctx)
        both.append(ms)
        distinct += ok
        ms, ctor_ms = first_call(ctx)
        first.append(ms)
        ctor.append(ctor_ms)
    res = {"bench": "pool_ready", "unit": "ms", "python": platform.python_version(),
           "cpus": os.cpu_count(), "start_method": ctx.get_start_method(),
           "runs": RUNS, "sleep_ms": SLEEP_S * 1e3,
           "both_workers_ms": summarize(both), "first_call_ms": summarize(first),
           "ctor_ms": summarize(ctor), "runs_with_distinct_pids": distinct}
    res["loadavg_start_end"] = [round(la0[0], 2), round(os.getloadavg()[0], 2)]
    print(json.dumps(res), flush=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""100 MB of bytes from a parent to a child and back, as bench/BulkBench measures it for Parallelize.

Adapted from the project's Python anchor d_bulk_transfer.py. Children and pools are started and warmed before any
timing; each path runs REPEATS times and the median is reported. GB/s = bytes moved / time, a round trip moving
2 x SIZE (SIZE each way); 1 GB = 1e9 bytes.

  ceiling:   in-process copy of SIZE into a pre-touched buffer (memoryview assignment = memcpy), and into a fresh
             bytes object (includes first-touch page faults of a new 100 MB mapping).
  pool_arg:  Pool(2).apply(echo, (data,)) -> data: the argument and the result pickled through the pool's pipes,
             as a user of multiprocessing sends a large value.
  pipe:      Connection.send_bytes / recv_bytes to a persistent child that echoes.
  shm:       multiprocessing.shared_memory created once and warm: the parent copies SIZE in, the child reads it into
             a pre-touched private buffer and writes it back in place, the parent copies SIZE out into a pre-touched
             buffer; 4 memcpys, no page faults, signals over a Pipe: the best Python can do by hand.

Environment: SIZE_MB (default 100), REPEATS (default 5).
Prints one JSON line. Stdlib only.
"""
import json
import multiprocessing as mp
import os
import platform
import statistics
import time
from multiprocessing import shared_memory

SIZE = int(os.environ.get("SIZE_MB", "100")) * 1000 * 1000
REPEATS = int(os.environ.get("REPEATS", "5"))


def echo(b):
    return b


def med(ts):
    return statistics.median(ts)


def gbps(nbytes, t):
    return round(nbytes / t / 1e9, 3)


def bench_ceiling(data):
    dst = bytearray(SIZE)
    dv = memoryview(dst)
    dv[:] = data  # first touch
    pre, fresh = [], []
    # Back-to-back, before any large allocation is freed: on these VMs freeing a big block slows the next few hundred
    # ms of memory traffic (host-side page reporting), which would pollute the ceiling.
    for _ in range(REPEATS):
        t0 = time.perf_counter(); dv[:] = data; pre.append(time.perf_counter() - t0)
    for _ in range(REPEATS):
        # bytes(memoryview) forces a real copy (bytes(data) would return the same object)
        t0 = time.perf_counter(); c = bytes(memoryview(data)); fresh.append(time.perf_counter() - t0)
        assert c is not data
        del c
    dv.release()
    return {"memcpy_prealloc_GBps": gbps(SIZE, med(pre)), "memcpy_prealloc_s": round(med(pre), 4),
            "fresh_bytes_copy_GBps": gbps(SIZE, med(fresh)), "fresh_bytes_copy_s": round(med(fresh), 4)}


def bench_pool(data):
    with mp.Pool(2) as pool:
        pool.apply(echo, (b"warm",))
        ts = []
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            back = pool.apply(echo, (data,))
            ts.append(time.perf_counter() - t0)
            assert len(back) == SIZE
            del back
    t = med(ts)
    return {"roundtrip_s": round(t, 4), "GBps": gbps(2 * SIZE, t)}


def _pipe_child(conn):
    while True:
        b = conn.recv_bytes()
        if b == b"q":
            return
        conn.send_bytes(b)


def bench_pipe(data):
    a, b = mp.Pipe()
    p = mp.Process(target=_pipe_child, args=(b,), daemon=True)
    p.start()
    a.send_bytes(b"warm"); a.recv_bytes()
    ts = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        a.send_bytes(data)
        back = a.recv_bytes()
        ts.append(time.perf_counter() - t0)
        assert len(back) == SIZE
        del back
    a.send_bytes(b"q"); p.join(30)
    t = med(ts)
    return {"roundtrip_s": round(t, 4), "GBps": gbps(2 * SIZE, t)}


def _shm_child(conn):
    shm = None
    private = None
    while True:
        cmd = conn.recv()
        if cmd[0] == "q":
            if shm is not None:
                shm.close()
            return
        if shm is None:
            shm = shared_memory.SharedMemory(name=cmd[1])
        if private is None:
            private = bytearray(SIZE)             # pre-touched private buffer
        pv = memoryview(private)
        pv[:] = shm.buf[:SIZE]                    # read everything in place (memcpy out)
        shm.buf[:SIZE] = pv                       # write everything in place (memcpy in)
        pv.release()
        conn.send(SIZE)


def bench_shm(data):
    # One resource tracker for parent and child, so the child's exit does not unlink the segment (bpo-38119).
    from multiprocessing import resource_tracker
    resource_tracker.ensure_running()
    a, b = mp.Pipe()
    p = mp.Process(target=_shm_child, args=(b,), daemon=True)
    p.start()
    shm = shared_memory.SharedMemory(create=True, size=SIZE)
    try:
        shm.buf[:SIZE] = data                    # first touch, outside timing
        a.send(("rw", shm.name)); a.recv()       # child attach + first touch
        back = bytearray(SIZE)
        bv = memoryview(back)
        bv[:] = data                             # pre-touch the parent's out buffer
        ts = []
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            shm.buf[:SIZE] = data                # parent -> shared (copy in)
            a.send(("rw", shm.name))
            assert a.recv() == SIZE
            bv[:] = shm.buf[:SIZE]               # shared -> parent (copy out)
            ts.append(time.perf_counter() - t0)
        bv.release()
        a.send(("q",)); p.join(30)
    finally:
        shm.close(); shm.unlink()
    t = med(ts)
    return {"warm_roundtrip_s": round(t, 4), "warm_GBps": gbps(2 * SIZE, t),
            "note": "by hand: 4 memcpys into pre-touched buffers, no fresh result object"}


def main():
    la0 = os.getloadavg()
    data = os.urandom(1 << 20) * (SIZE // (1 << 20)) + os.urandom(SIZE % (1 << 20))
    assert len(data) == SIZE
    res = {"bench": "bulk_transfer", "unit": "GB/s (1e9 B/s); round trip moves 2 x size",
           "size_bytes": SIZE, "repeats": REPEATS, "python": platform.python_version(),
           "cpus": os.cpu_count(), "start_method": mp.get_start_method()}
    res["ceiling_inprocess_copy"] = bench_ceiling(data)
    res["pool2_apply_arg_and_result"] = bench_pool(data)
    res["pipe_send_bytes"] = bench_pipe(data)
    res["shared_memory"] = bench_shm(data)
    res["loadavg_start_end"] = [round(la0[0], 2), round(os.getloadavg()[0], 2)]
    print(json.dumps(res), flush=True)


if __name__ == "__main__":
    main()

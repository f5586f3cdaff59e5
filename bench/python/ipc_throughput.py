#!/usr/bin/env python3
"""Cross-process primitives of multiprocessing, as bench/IpcBench measures ProcessQueue, ProcessPipe and ProcessLock.

Modelled on the project's Python anchor e_queue_throughput.py. Throughput: one producer process -> one consumer
process, N small ints; both processes are started and ready before the clock starts (a 'go' Event); time = from 'go'
to the consumer having received the N-th message, measured with the system-wide CLOCK_MONOTONIC (time.monotonic) in
both processes. Fresh processes and a fresh queue per run; REPEATS runs each; median reported.

  queue  multiprocessing.Queue, SimpleQueue, JoinableQueue (task_done per item)
  pipe   a one-way Connection from Pipe(duplex=False)
  lock   multiprocessing.Lock() acquire/release pairs, uncontended, in one process (ns per pair, median of BATCHES
         batches of PAIRS); threading.Lock and the empty loop for scale

Usage: ipc_throughput.py [queue|pipe|lock|all]. Environment: N (default 200000), REPEATS (3), PAIRS (1000000),
BATCHES (5). Prints one JSON line per mode. Stdlib only.
"""
import json
import multiprocessing as mp
import os
import platform
import statistics
import sys
import threading
import time

N = int(os.environ.get("N", "200000"))
REPEATS = int(os.environ.get("REPEATS", "3"))
PAIRS = int(os.environ.get("PAIRS", "1000000"))
BATCHES = int(os.environ.get("BATCHES", "5"))


def producer_queue(q, ready, go):
    ready.set()
    go.wait()
    put = q.put
    for i in range(N):
        put(i)
    put(None)
    if hasattr(q, "join_thread"):  # Queue and JoinableQueue: flush the feeder thread before exiting
        q.close()
        q.join_thread()


def consumer_queue(q, ready, go, out, joinable):
    ready.set()
    go.wait()
    get = q.get
    done = q.task_done if joinable else None
    for i in range(N):
        if get() != i:
            raise AssertionError(f"item {i} came out of order")
        if done:
            done()
    t = time.monotonic()
    assert get() is None
    if done:
        done()
    out.send((N, t))


def producer_pipe(conn, ready, go):
    ready.set()
    go.wait()
    send = conn.send
    for i in range(N):
        send(i)
    send(None)


def consumer_pipe(conn, ready, go, out):
    ready.set()
    go.wait()
    recv = conn.recv
    for i in range(N):
        if recv() != i:
            raise AssertionError(f"message {i} came out of order")
    t = time.monotonic()
    assert recv() is None
    out.send((N, t))


def run_once(kind):
    r_out, w_out = mp.Pipe(duplex=False)
    go = mp.Event()
    ready_producer, ready_consumer = mp.Event(), mp.Event()
    if kind == "Pipe":
        receiving, sending = mp.Pipe(duplex=False)
        consumer = mp.Process(target=consumer_pipe, args=(receiving, ready_consumer, go, w_out), daemon=True)
        producer = mp.Process(target=producer_pipe, args=(sending, ready_producer, go), daemon=True)
    else:
        q = {"Queue": mp.Queue, "SimpleQueue": mp.SimpleQueue, "JoinableQueue": mp.JoinableQueue}[kind]()
        consumer = mp.Process(target=consumer_queue, args=(q, ready_consumer, go, w_out, kind == "JoinableQueue"),
                              daemon=True)
        producer = mp.Process(target=producer_queue, args=(q, ready_producer, go), daemon=True)
    consumer.start()
    producer.start()
    assert ready_producer.wait(30) and ready_consumer.wait(30)
    t0 = time.monotonic()
    go.set()
    if not r_out.poll(120):
        raise TimeoutError(kind)
    n, t1 = r_out.recv()
    producer.join(30)
    consumer.join(30)
    assert n == N, (kind, n)
    return t1 - t0


def throughput(kinds):
    out = {}
    for kind in kinds:
        ts = [run_once(kind) for _ in range(REPEATS)]
        m = statistics.median(ts)
        out[kind] = {"msgs_per_s": round(N / m), "median_s": round(m, 4), "runs_s": [round(t, 4) for t in ts]}
    return out


def pairs_ns(lock):
    acquire, release = lock.acquire, lock.release
    t0 = time.perf_counter()
    for _ in range(PAIRS):
        acquire()
        release()
    return (time.perf_counter() - t0) / PAIRS * 1e9


def empty_loop_ns():
    t0 = time.perf_counter()
    for _ in range(PAIRS):
        pass
    return (time.perf_counter() - t0) / PAIRS * 1e9


def lock_pairs():
    process_lock, thread_lock = mp.Lock(), threading.Lock()
    pairs_ns(process_lock)  # warm-up, untimed
    pairs_ns(thread_lock)
    runs = {"Lock": [], "threading_Lock": [], "empty_loop": []}
    for _ in range(BATCHES):  # interleaved, so that all see the same load
        runs["Lock"].append(pairs_ns(process_lock))
        runs["threading_Lock"].append(pairs_ns(thread_lock))
        runs["empty_loop"].append(empty_loop_ns())
    forms = {"Lock": "multiprocessing.Lock(): acquire(); release()",
             "threading_Lock": "threading.Lock(): acquire(); release()",
             "empty_loop": "for _ in range(PAIRS): pass (included in both figures above)"}
    return {name: {"form": forms[name], "pairs": PAIRS, "median_ns": round(statistics.median(ts), 2),
                   "runs_ns": [round(t, 2) for t in ts]} for name, ts in runs.items()}


def main(mode):
    la0 = os.getloadavg()
    common = {"python": platform.python_version(), "cpus": os.cpu_count(), "start_method": mp.get_start_method()}
    records = []
    if mode in ("queue", "all"):
        records.append({"bench": "ipc_queue", "unit": "messages/second", "n": N, "repeats": REPEATS, **common,
                        **throughput(("Queue", "SimpleQueue", "JoinableQueue"))})
    if mode in ("pipe", "all"):
        records.append({"bench": "ipc_pipe", "unit": "messages/second", "n": N, "repeats": REPEATS, **common,
                        **throughput(("Pipe",))})
    if mode in ("lock", "all"):
        records.append({"bench": "ipc_lock", "unit": "ns per acquire/release pair, uncontended, one thread",
                        "batches": BATCHES, **common, **lock_pairs()})
    if not records:
        sys.exit("usage: ipc_throughput.py [queue|pipe|lock|all]")
    for record in records:
        record["loadavg_start_end"] = [round(la0[0], 2), round(os.getloadavg()[0], 2)]
        print(json.dumps(record), flush=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "all")

#!/usr/bin/env python3
"""Turns the JSON lines of `bench/compare.sh ipc` into the ipc section of bench/RESULTS.md (between the ipc markers).

Usage: summarize_ipc.py RAW_LINES RESULTS_MD
"""
import json
import sys

from results_section import write_section

BEGIN, END = "<!-- ipc:begin -->", "<!-- ipc:end -->"


def main(raw_path, results_path):
    header, runs = "", {}
    for line in open(raw_path):
        line = line.strip()
        if line.startswith("#"):
            header = line[2:]
        elif line.startswith("{"):
            record = json.loads(line)
            if record["bench"].startswith("ipc_"):
                runs[record["bench"] + ("_py" if "python" in record else "")] = record
    missing = [k for k in ("ipc_queue", "ipc_queue_py", "ipc_pipe", "ipc_pipe_py", "ipc_lock", "ipc_lock_py") if k not in runs]
    if missing:
        sys.exit(f"summarize_ipc.py: the run has no {', '.join(missing)}")

    queue, py_queue = runs["ipc_queue"], runs["ipc_queue_py"]
    pipe, py_pipe = runs["ipc_pipe"], runs["ipc_pipe_py"]
    lock, py_lock = runs["ipc_lock"], runs["ipc_lock_py"]
    verdict = lambda ok: "met" if ok else "**not met**"
    rate = lambda r: r["msgs_per_s"]

    def cell(r):
        return (f"{rate(r):,.0f} msgs/s (median {r['median_s'] * 1e3:.1f} ms; runs "
                + ", ".join(f"{s * 1e3:.1f}" for s in r["runs_s"]) + " ms)")

    def load(r):
        return f"{r['loadavg_start_end'][0]}–{r['loadavg_start_end'][1]}"

    q_ratio = rate(queue["ProcessQueue"]) / rate(py_queue["Queue"])
    q_simple = rate(queue["ProcessQueue"]) / rate(py_queue["SimpleQueue"])
    j_ratio = rate(queue["ProcessJoinableQueue"]) / rate(py_queue["JoinableQueue"])
    p_ratio = rate(pipe["ProcessPipe"]) / rate(py_pipe["Pipe"])
    ours_ns, py_ns = lock["ProcessLock"]["median_ns"], py_lock["Lock"]["median_ns"]
    n = queue["n"]

    rows = [
        "| measure | Parallelize | Python in the same run | ratio | target |",
        "|---|---|---|---|---|",
        f"| queue: {n:,} ints from a producer child to a consumer child, go → consumer has the last, median of "
        f"{queue['repeats']} | `ProcessQueue<int>` Put / Get: {cell(queue['ProcessQueue'])} | "
        f"`multiprocessing.Queue`: {cell(py_queue['Queue'])}; `SimpleQueue`: {rate(py_queue['SimpleQueue']):,} msgs/s | "
        f"{q_ratio:.1f}× `Queue` ({q_simple:.1f}× `SimpleQueue`) | ≥ 10× `Queue` ({verdict(q_ratio >= 10)}) |",
        f"| same, joinable: the consumer marks each item done | `ProcessJoinableQueue<int>` Get + TaskDone: "
        f"{cell(queue['ProcessJoinableQueue'])} | `JoinableQueue` get + task_done: {cell(py_queue['JoinableQueue'])} | "
        f"{j_ratio:.1f}× | (information) |",
        f"| pipe, one way: {pipe['n']:,} ints from one child to the other, same method | `ProcessPipe<int>` Send / "
        f"Receive: {cell(pipe['ProcessPipe'])} | `Pipe(duplex=False)` send / recv: {cell(py_pipe['Pipe'])} | "
        f"{p_ratio:.1f}× | ≥ 10× ({verdict(p_ratio >= 10)}) |",
        f"| lock: uncontended acquire + release in one thread, ns per pair, median of {lock['batches']} batches | "
        f"`ProcessLock` `using (l.Acquire()) {{ }}`: {ours_ns:.1f} ns ({lock['ProcessLock']['pairs']:,} pairs a batch) | "
        f"`multiprocessing.Lock()` acquire(); release(): {py_ns:.1f} ns ({py_lock['Lock']['pairs']:,} pairs a batch; "
        f"the bare `for` loop alone {py_lock['empty_loop']['median_ns']:.1f} ns, `threading.Lock` "
        f"{py_lock['threading_Lock']['median_ns']:.1f} ns) | {py_ns / ours_ns:.1f}× faster than Python | "
        f"(report: ours vs Python vs .NET `Mutex`) |",
        f"| same, .NET for scale (same process, batches interleaved with `ProcessLock`'s) | unnamed `Mutex` "
        f"WaitOne(); ReleaseMutex(): {lock['Mutex']['median_ns']:.1f} ns ({lock['Mutex']['pairs']:,} pairs a batch); "
        f"C# `lock (gate) {{ }}`: {lock['lock_statement']['median_ns']:.1f} ns | | `ProcessLock` "
        f"{lock['Mutex']['median_ns'] / ours_ns:.0f}× faster than `Mutex`, "
        f"{ours_ns / lock['lock_statement']['median_ns']:.2f}× the `lock` statement | (information) |",
    ]
    section = "\n".join([
        BEGIN,
        "## Cross-process primitives: queue, pipe, lock",
        "",
        "Command: `bash bench/compare.sh ipc` (bench/IpcBench, Release, and bench/python/ipc_throughput.py, each mode "
        "of ours followed by Python's; every figure below comes from that one run).",
        f"Run {header}; loadavg (start–end) queue {load(queue)} ours, {load(py_queue)} Python; pipe {load(pipe)} "
        f"ours, {load(py_pipe)} Python; lock {load(lock)} ours, {load(py_lock)} Python. Python "
        f"{py_queue['python']}, start method {py_queue['start_method']}.",
        "",
        *rows,
        "",
        "The method is the Python anchor's (e_queue_throughput.py) on both sides: fresh producer and consumer "
        "processes and a fresh queue or pipe per run, both started and ready before the clock; time from the parent's "
        "'go' to the consumer having the N-th item, read with CLOCK_MONOTONIC in both processes (`time.monotonic`, "
        "`Stopwatch.GetTimestamp`). Ours signal ready and wait for the go through two small `ProcessQueue<int>`s, "
        "Python's through `Event`s. Each of our children first runs the same loops through a queue of its own for "
        f"`WARM_S` = {queue['warm_s']} s, untimed, so the JIT has finished; Python has nothing to warm. Our producer "
        "closes the queue (the pipe end) after the N-th item; Python's puts a `None` sentinel. Lock figures include "
        "each language's loop; Python's includes the bare loop cost given next to it.",
        END,
    ])
    write_section(results_path, BEGIN, END, section)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

#!/usr/bin/env python3
"""Turns the JSON lines of `bench/compare.sh bulk` into the bulk section of bench/RESULTS.md (between the bulk markers).

Usage: summarize_bulk.py RAW_LINES RESULTS_MD
"""
import json
import sys

from results_section import write_section

BEGIN, END = "<!-- bulk:begin -->", "<!-- bulk:end -->"


def main(raw_path, results_path):
    header, runs, py = "", [], None
    for line in open(raw_path):
        line = line.strip()
        if line.startswith("#"):
            header = line[2:]
        elif line.startswith("{"):
            record = json.loads(line)
            if record["bench"] == "bulk_transfer":
                if "python" in record:
                    py = record
                else:
                    runs.append(record)
    default = next((r for r in runs if r["gc"]["concurrent"] and not r["gc"]["retain_vm"]), None)
    tuned = next((r for r in runs if not r["gc"]["concurrent"] and r["gc"]["retain_vm"]), None)
    if default is None or tuned is None or py is None:
        sys.exit("summarize_bulk.py: the run needs BulkBench with the default GC, with the tuned GC, and bulk_transfer.py")

    mb = default["size_bytes"] / 1e6
    ceiling = py["ceiling_inprocess_copy"]
    py_pool, py_pipe, py_shm = py["pool2_apply_arg_and_result"], py["pipe_send_bytes"], py["shared_memory"]
    verdict = lambda ok: "met" if ok else "**not met**"

    def rows_for(run, what):
        echo, memcpy, before = run["pool_echo"], run["memcpy_prealloc"], run["memcpy_prealloc_before"]
        ceiling_gbps = run["memcpy_ceiling_GBps"]
        to_memcpy, to_python = echo["GBps"] / ceiling_gbps, echo["GBps"] / py_pool["GBps"]
        return [
            f"| {mb:.0f} MB `double[]` to a pool worker and back, {what}: median of {run['repeats']} warm "
            f"`pool.RunAsync(Bulk.Calls.Echo(data))` | {echo['GBps']:.2f} GB/s ({echo['median_s'] * 1e3:.1f} ms; "
            f"best {echo['min_s'] * 1e3:.1f} ms) | in-process memcpy of {mb:.0f} MB into a pre-touched buffer, one "
            f"thread: {ceiling_gbps:.2f} GB/s (the higher of {before['GBps']:.2f} before the round trips and "
            f"{memcpy['GBps']:.2f} interleaved with them) | {to_memcpy:.0%} of memcpy "
            f"({echo['GBps'] / ceiling['memcpy_prealloc_GBps']:.0%} of Python's memcpy figure) | "
            f"≥ 50% ({verdict(to_memcpy >= 0.5)}) |",
            f"| same | same | Python `Pool(2).apply(echo, (data,))`: {py_pool['GBps']:.3f} GB/s "
            f"({py_pool['roundtrip_s']:.2f} s) | {to_python:.0f}× Python | ≥ 20× ({verdict(to_python >= 20)}) |",
        ]

    rows = [
        "| measure | Parallelize | reference in the same run | ratio | target |",
        "|---|---|---|---|---|",
        *rows_for(default, "application with the default GC settings"),
        *rows_for(tuned, "application with concurrent GC off and RetainVM on"),
        f"| same, shared memory off (`MaxSharedMemoryBytes = 0`, through the pipe), default GC | "
        f"{default['pool_echo_pipe_only']['GBps']:.2f} GB/s | Python `Pipe.send_bytes`: {py_pipe['GBps']:.3f} GB/s | "
        f"{default['pool_echo_pipe_only']['GBps'] / py_pipe['GBps']:.1f}× | (information) |",
        f"| the ceilings | memcpy with two threads: {default['memcpy_prealloc_2threads']['GBps']:.2f} GB/s | Python "
        f"memoryview copy into a pre-touched buffer: {ceiling['memcpy_prealloc_GBps']:.2f} GB/s, into fresh memory: "
        f"{ceiling['fresh_bytes_copy_GBps']:.2f} GB/s; Python `shared_memory` by hand (4 copies into pre-touched "
        f"buffers, no fresh result): {py_shm['warm_GBps']:.2f} GB/s | (information) | |",
    ]
    section = "\n".join([
        BEGIN,
        "## Bulk data (issue 4)",
        "",
        "Command: `bash bench/compare.sh bulk` (Release build; every figure below comes from that one run).",
        f"Run {header}; loadavg during BulkBench {default['loadavg_start_end'][0]}–{tuned['loadavg_start_end'][1]}, "
        f"during the Python script {py['loadavg_start_end'][0]}–{py['loadavg_start_end'][1]}.",
        "",
        *rows,
        "",
        "GB/s = 2 × size / round-trip time (1 GB = 1e9 bytes). The timed round trip is everything the caller waits for: "
        "the worker's new array filled with the argument, the result sent back, and the new array the caller receives. "
        "Where a worker and its parent may read each other's memory (as here), each side reads the other's array "
        "straight into its new one (`process_vm_readv`, two copies per round trip); elsewhere both go through shared "
        "memory (four copies). The memcpy ceiling is the higher of two medians: back to back before the round "
        "trips, and interleaved with them. The two "
        "GC settings are the application's (`DOTNET_gcConcurrent=0 DOTNET_GCRetainVM=1`, or "
        "`<ConcurrentGarbageCollection>false</ConcurrentGarbageCollection>` and "
        "`<RetainVMGarbageCollection>true</RetainVMGarbageCollection>` in its project): they decide whether the "
        "caller's new 100 MB array lands in memory the process already has or in fresh pages, which cost more than "
        "the copies on this VM. See docs/dev/bulk-transfer.md.",
        END,
    ])
    write_section(results_path, BEGIN, END, section)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

#!/usr/bin/env python3
"""Turns the output of bench/pool-benchmarks.sh into the "Pool under BenchmarkDotNet" section of bench/RESULTS.md
(between the pool-bdn markers).

Usage: summarize_pool_bdn.py RAW_OUTPUT RESULTS_MD
"""
import sys

from results_section import read_run, write_section

BEGIN, END = "<!-- pool-bdn:begin -->", "<!-- pool-bdn:end -->"


def main(raw_path, results_path):
    headers, run = read_run(raw_path, "pool_bdn", "summarize_pool_bdn.py")

    b = run["benchmarks"]
    time = lambda r, unit, scale: (f"{r['median_ns'] / scale:,.1f} {unit} (mean {r['mean_ns'] / scale:,.1f} "
                                   f"± {r['stddev_ns'] / scale:,.1f}, {r['iterations']:.0f} iterations)")
    per_second = lambda r, n: f"{n / (r['median_ns'] / 1e9) / 1e6:,.1f} M items/s"
    speedup = b["PrimesSerial"]["median_ns"] / b["PrimesOnPool"]["median_ns"]
    rows = [
        "| benchmark | median per operation | throughput |",
        "|---|---|---|",
        f"| `RoundTrip`: a warm call that does nothing | {time(b['RoundTrip'], 'µs', 1e3)} | |",
        f"| `TinyTaskMap`: x*x over 2,000,000 ints, automatic chunks | {time(b['TinyTaskMap'], 'ms', 1e6)} | "
        f"{per_second(b['TinyTaskMap'], 2_000_000)} |",
        f"| `OnePerMessageMap`: x*x over 10,000 ints, one item per message | {time(b['OnePerMessageMap'], 'ms', 1e6)} | "
        f"{per_second(b['OnePerMessageMap'], 10_000)} |",
        f"| `PrimesOnPool`: primes below 2,000,000 in 8 equal-work ranges, 2 workers | {time(b['PrimesOnPool'], 'ms', 1e6)} | "
        f"{speedup:.2f}× `PrimesSerial` |",
        f"| `PrimesSerial`: the same ranges one after another in the benchmark process | {time(b['PrimesSerial'], 'ms', 1e6)} | |",
    ]
    section = "\n".join([
        BEGIN,
        "## Pool under BenchmarkDotNet (issue 3)",
        "",
        "Command: `bash bench/pool-benchmarks.sh` (bench/PoolBenchmarks, Release, BenchmarkDotNet: 3 warm-up and 10 "
        "measured iterations in one process, one pool of two warm workers for all benchmarks).",
        f"Run {headers[0] if headers else '(no header)'}; {run['runtime']}.",
        "",
        *rows,
        "",
        "The same work as the hand-timed pool section above, which also runs Python's equivalents and the .NET floors "
        "in the same run and holds the targets. BenchmarkDotNet measures each benchmark's iterations one after another, "
        "so the primes on the pool and serially do not see the same moments of the machine, as they do there.",
        END,
    ])
    write_section(results_path, BEGIN, END, section)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

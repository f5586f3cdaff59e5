#!/usr/bin/env python3
"""Turns the JSON lines of bench/compare.sh into the pool section of bench/RESULTS.md (between the pool markers).

Usage: summarize_pool.py RAW_LINES RESULTS_MD
"""
import json
import sys

from results_section import write_section

BEGIN, END = "<!-- pool:begin -->", "<!-- pool:end -->"


def main(raw_path, results_path):
    header, runs = "", {}
    pool_ready = []
    for line in open(raw_path):
        line = line.strip()
        if line.startswith("#"):
            header = line[2:]
        elif line.startswith("{"):
            record = json.loads(line)
            if record["bench"] == "pool_ready" and "start_method" in record:
                pool_ready.append(record)
            elif record["bench"] == "pool_ready" and record.get("ready_to_run"):
                # The application published ReadyToRun; the other run is the application JIT-compiled.
                runs["pool_ready_r2r"] = record
            else:
                key = record["bench"] + ("_" + record["chunking"] if "chunking" in record else "")
                if record.get("size", "python_limit") != "python_limit":
                    key += "_" + record["size"]
                runs[key + ("_py" if "python" in record else "")] = record

    floor, rt, apply_ = runs["pipe_floor"], runs["roundtrip"], runs["apply_latency_py"]
    ours_map, py_map = runs["map_throughput"], runs["map_throughput_py"]
    cpu = {c: (runs[f"cpu_speedup_{c}"], runs[f"cpu_speedup_{c}_py"]) for c in ("equal_work", "equal_width")}
    for chunking, (ours_cpu, py_cpu) in cpu.items():
        if ours_cpu["bounds"] != py_cpu["bounds"] or ours_cpu["primes"] != py_cpu["primes"]:
            raise SystemExit(f"the {chunking} chunks differ between the two sides: {ours_cpu['bounds']} {py_cpu['bounds']}")
    ready, ready_r2r = runs["pool_ready"], runs["pool_ready_r2r"]
    auto = ours_map["auto_chunks"]["items_per_s"] / py_map["pool2_map_default_chunksize"]["items_per_s"]
    auto_selector = ours_map["auto_chunks_selector"]["items_per_s"] / py_map["pool2_map_default_chunksize"]["items_per_s"]
    single = ours_map["chunksize_1"]["items_per_s"] / py_map["pool2_map_chunksize_1"]["items_per_s"]
    rt_ratio = rt["median"] / floor["median"]
    verdict = lambda ok: "met" if ok else "**not met**"
    py_ready = {r["start_method"]: r["both_workers_ms"]["median"] - r["sleep_ms"] for r in pool_ready}

    rows = [
        "| measure | Parallelize | reference in the same run | ratio | target |",
        "|---|---|---|---|---|",
        f"| tiny-task map, x*x over {ours_map['auto_chunks']['n']:,} ints, 2 workers, automatic chunks | "
        f"{ours_map['auto_chunks']['items_per_s']:,.0f} items/s (`pool.MapAsync(items, Work.Methods.Square)`) | "
        f"Python `Pool(2).map` default chunksize: "
        f"{py_map['pool2_map_default_chunksize']['items_per_s']:,} items/s | {auto:.1f}× | ≥ 10× ({verdict(auto >= 10)}) |",
        f"| same through a selector, a `Call` per item | "
        f"{ours_map['auto_chunks_selector']['items_per_s']:,.0f} items/s (`pool.MapAsync(items, Work.Calls.Square)`) | "
        f"same Python figure | {auto_selector:.1f}× | (information) |",
        f"| same, one item per message ({ours_map['chunksize_1']['n']:,} ints) | "
        f"{ours_map['chunksize_1']['items_per_s']:,.0f} items/s | Python `chunksize=1`: "
        f"{py_map['pool2_map_chunksize_1']['items_per_s']:,} items/s | {single:.1f}× | ≥ 20× ({verdict(single >= 20)}) |",
        f"| warm single-call round trip, median (p99) | {rt['median']:.1f} µs ({rt['p99']:.0f}) | raw .NET pipe ping-pong: "
        f"{floor['median']:.1f} µs ({floor['p99']:.0f}); Python `Pool.apply`: {apply_['pool1_apply']['median']:.1f} µs | "
        f"{rt_ratio:.2f}× the floor, {apply_['pool1_apply']['median'] / rt['median']:.1f}× faster than Python | ≤ 1.5× the floor ({verdict(rt_ratio <= 1.5)}) |",
        *(cpu_row(chunking, ours_cpu, py_cpu, verdict) for chunking, (ours_cpu, py_cpu) in cpu.items()),
        long_cpu_row(runs["cpu_speedup_equal_work_python_range_time"], runs["cpu_speedup_equal_work_py"], verdict),
        f"| pool of 2 workers ready (both answered a call), application published ReadyToRun | "
        f"{ready_r2r['pool2_ready_ms']['median']:.1f} ms | two bare `dotnet BareApp.dll` started together: "
        f"{ready_r2r['two_bare_starts_ms']['median']:.1f} ms; Python "
        + ", ".join(f"{m} {v:.1f} ms" for m, v in sorted(py_ready.items()))
        + f" | {ready_r2r['ratio']:.2f}× | ≤ 1.2× ({verdict(ready_r2r['ratio'] <= 1.2)}) |",
        f"| same, application as `dotnet build` leaves it, with the package's precompiled runtime (the application's code JIT-compiled) | "
        f"{ready['pool2_ready_ms']['median']:.1f} ms | two bare starts: {ready['two_bare_starts_ms']['median']:.1f} ms | "
        f"{ready['ratio']:.2f}× | (information) |",
    ]
    section = "\n".join([
        BEGIN,
        "## Pool (issue 3)",
        "",
        "Command: `bash bench/compare.sh` (Release builds; every figure below comes from that one run).",
        f"Run {header}.",
        "",
        *rows,
        "",
        "Python's `Pool.apply` and `pool_ready` figures come from bench/python (stdlib scripts); `pool_ready` subtracts "
        "the 50 ms its probe call sleeps. The raw JSON lines are printed by the command. Before timing, both sides run "
        "full-size maps for `WARM_S` seconds (default 2), so that the .NET side's tiered JIT and GC heap have settled. "
        "Before the primes, ours runs rounds of the timed serial pass, pool map and two threads for `CPU_WARM_S` seconds "
        "(default 8; one round for the last row): a map of 8 calls brings the per-call code to its final compilation "
        "only after some 60 calls.",
        "",
        "The primes are counted in 8 ranges cut two ways, the same on both sides (checked: bounds and count). Equal "
        "work (the target row): boundary i is where x^1.5 / ln x, the cost of trial division below x, reaches i/8 of the "
        "whole, so the ranges cost about the same and the speedup shows the pool's own overhead. Equal width (the Python "
        "anchor's split): the last range costs about three times the first, and handed to 2 workers in input order, as "
        "`Pool.map` and this pool do, the measured serial range times cannot finish sooner than the in-order bound, even "
        "with free processes. The two-thread figure runs the same ranges, handed out in the same order, on two threads of "
        "the benchmark process: what the two cores give with no process boundary. The last primes row cuts [0, 20,000,000) the "
        "same way, so that each range takes about as long as Python's do below 2,000,000 (0.6 s): at 22 ms a range, a "
        "few ms of this VM's scheduling per map decide the second decimal, for two threads of one process too. Our serial, pool and two-thread times are medians of `CPU_REPEATS` runs (default 7), taken "
        "in turns, one run of each per round, so that all three see the same moments of the machine (its host at times "
        "gives the VM's two vCPUs one CPU for a second or so); Python's are medians of `REPEATS` (default 3; its serial "
        "pass takes seconds), all serial runs first.",
        END,
    ])
    write_section(results_path, BEGIN, END, section)


def cpu_row(chunking, ours, py, verdict):
    split = {"equal_work": "8 equal-work ranges", "equal_width": "8 equal-width ranges"}[chunking]
    target = f"≥ 1.9× ({verdict(ours['speedup'] >= 1.9)})" if chunking == "equal_work" else "(information)"
    chunk_ms = ", ".join(f"{s * 1000:.0f}" for s in ours["chunk_s"])
    return (f"| CPU-bound primes below {ours['limit']:,} in {split}, 2 workers vs serial | {ours['speedup']:.2f}× "
            f"(serial {ours['serial_s']:.3f} s, pool {ours['pool2_s']:.3f} s; ranges {chunk_ms} ms) | Python: "
            f"{py['speedup']:.2f}× (serial {py['serial_s']:.2f} s, pool {py['pool2_s']:.2f} s) | bound for ranges handed "
            f"out in order: {ours['in_order_bound']:.2f}× (from our measured serial range times); two threads of one "
            f".NET process: {ours['threads2_speedup']:.2f}× | {target} |")


def long_cpu_row(ours, py, verdict):
    ours_range, py_range = ours["serial_s"] / ours["chunks"], py["serial_s"] / py["chunks"]
    return (f"| same, the 8 equal-work ranges as long as Python's: primes below {ours['limit']:,} | {ours['speedup']:.2f}× "
            f"(serial {ours['serial_s']:.2f} s, pool {ours['pool2_s']:.2f} s; {ours_range * 1000:.0f} ms per range, "
            f"medians of {ours['repeats']}) | Python's ranges above: {py_range * 1000:.0f} ms each | two threads of one "
            f".NET process: {ours['threads2_speedup']:.2f}× | ≥ 1.9× ({verdict(ours['speedup'] >= 1.9)}) |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

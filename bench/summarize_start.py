#!/usr/bin/env python3
"""Turns the JSON lines of bench/compare-start.sh into the start section of bench/RESULTS.md (between the start markers).

Usage: summarize_start.py RAW_LINES RESULTS_MD
"""
import json
import sys

from results_section import write_section

BEGIN, END = "<!-- start:begin -->", "<!-- start:end -->"
TARGET_MS = 10.0


def main(raw_path, results_path):
    header, end_load, ours, python = "", "", {}, None
    for line in open(raw_path):
        line = line.strip()
        if line.startswith("# end "):
            end_load = line[len("# end "):]
        elif line.startswith("#"):
            header = line[2:]
        elif line.startswith("{"):
            record = json.loads(line)
            if record["bench"] == "start_latency":
                ours[record["variant"]] = record
            elif record["bench"] == "a_start_latency":
                python = record

    verdict = lambda ok: "met" if ok else "**not met**"
    ms = lambda r: r["ms"]
    native, native_bare = ms(ours["native_child"]), ms(ours["native_bare"])
    jit, jit_bare = ms(ours["jit_child"]), ms(ours["jit_bare"])
    fork = python["fork"]["start_join_ms"] if python else None

    def than(ours_ms, other_ms, other):
        return (f"{other_ms / ours_ms:.1f}× faster than {other}" if ours_ms <= other_ms
                else f"{ours_ms / other_ms:.1f}× slower than {other}")

    def row(what, s, versus):
        return f"| {what} | **{s['median']:.1f}** | {s['min']:.1f} | {s['p90']:.1f} | {s['n']} | {versus} |"

    rows = [
        "| what (start → result → exit) | median ms | min ms | p90 ms | n | ratio of medians |",
        "|---|---|---|---|---|---|",
        row("Parallelize, NativeAOT: `ChildProcess.Start(Trivial.Calls.Answer())` → `JoinAsync()` returns 42, the child "
            "exited (a NativeAOT parent; the child is its own executable started again)", native,
            f"{native['median'] / native_bare['median']:.2f}× the NativeAOT floor; "
            + (than(native["median"], fork["median"], "Python fork") + "; " if fork else "")
            + than(native["median"], jit["median"], "the JIT child")),
        row("NativeAOT floor: bare native BareApp (empty `Main`), `posix_spawn` → `waitpid`, as Parallelize starts a "
            "child", native_bare, ""),
        row("Parallelize, JIT: the same call from `dotnet StartLatency.dll`; the child is `dotnet exec … Parallelize.dll` "
            "with the app's runtimeconfig, Parallelize.dll the package's precompiled linux-x64 one", jit, f"{jit['median'] / jit_bare['median']:.2f}× the JIT floor"),
        row("JIT floor: bare `dotnet BareApp.dll` (empty `Main`), `Process.Start` → exit", jit_bare, ""),
    ]
    if python:
        for method in ("fork", "forkserver", "spawn"):
            s = python[method]["start_join_ms"]
            rows.append(row(f"Python {python['python']} `Process(target=noop).start(); join()`, {method}", s,
                            "the NativeAOT child " + than(native["median"], s["median"], "this")))

    targets = [
        f"- NativeAOT child start → result ≤ {TARGET_MS:.0f} ms (issue 6): median {native['median']:.1f} ms, p90 "
        f"{native['p90']:.1f} ms: {verdict(native['median'] <= TARGET_MS)}.",
        (f"- NativeAOT child faster than Python's fork start method (issue 6): {native['median']:.1f} ms vs "
         f"{fork['median']:.1f} ms: {verdict(native['median'] < fork['median'])}." if fork else
         "- NativeAOT child faster than Python's fork start method (issue 6): not measured (no Python anchor in this run)."),
        f"- JIT child ≤ 1.25× a bare `dotnet app.dll` start (DESIGN.md): {jit['median'] / jit_bare['median']:.2f}×: "
        f"{verdict(jit['median'] / jit_bare['median'] <= 1.25)}.",
    ]
    if python:
        targets.append(
            f"- For scale, from the Python run: `os.fork()` + `waitpid` {python['raw_os_fork_waitpid']['median']:.1f} ms, "
            f"`posix_spawn('/bin/true')` + `waitpid` {python['raw_posix_spawn_bin_true']['median']:.1f} ms, a bare "
            f"`python3 -I -S -c pass` {python['raw_python_I_S_c_pass']['median']:.1f} ms. Fork copies a running interpreter; "
            f"a .NET child is a new process that starts its runtime: the NativeAOT floor alone (an empty `Main`) takes "
            f"{native_bare['median']:.1f} ms, {native_bare['median'] / fork['median']:.2f}× Python's fork start.")
    loads = "; ".join(f"{name} {r['loadavg_start_end'][0]}–{r['loadavg_start_end'][1]}"
                      for name, r in (("ours", ours["native_child"]),) + ((("Python", python),) if python else ()))
    section = "\n".join([
        BEGIN,
        "## Dedicated child: start → result (issues 2 and 6)",
        "",
        "Command: `bash bench/compare-start.sh` (bench/StartLatency: the net10.0 build run by `dotnet` with the package's precompiled Parallelize.dll, the net8.0 build "
        "published NativeAOT and driven by it; bench/BareApp both ways; then ../shared/anchors/python/a_start_latency.py; "
        "every figure below comes from that one run).",
        f"Run {header}; 1-minute loadavg (start–end) {loads}; at the end {end_load}.",
        "",
        *rows,
        "",
        *targets,
        "",
        "Our four variants run interleaved, one of each per row, each row starting with the next variant, after one "
        "untimed start of each; every sample is start → the answer → the process has exited, timed by the parent with "
        "`Stopwatch`. A child is always the parent's own application started again, so the NativeAOT figures are measured "
        "inside the NativeAOT build (it serves measurement requests from the JIT build over its standard input) and the "
        "floors are started from the same process as their children. Python's figures are the "
        "anchor's, which runs after ours: a no-op target started and joined, the same number of times. The JSON lines, "
        "with every sample, are printed by the command.",
        END,
    ])
    write_section(results_path, BEGIN, END, section)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

#!/usr/bin/env python3
"""Turns the output of bench/serializer.sh into the serializer section of bench/RESULTS.md (between the serializer
markers; appended at the end the first time).

Usage: summarize_serializer.py RAW_OUTPUT RESULTS_MD
"""
import sys

from results_section import read_run, write_section

BEGIN, END = "<!-- serializer:begin -->", "<!-- serializer:end -->"


def ratio(ours, theirs):
    return f"{ours / theirs:.2f}×" if theirs else "—"


def main(raw_path, results_path):
    headers, run = read_run(raw_path, "serializer", "summarize_serializer.py")

    b, sizes = run["benchmarks"], run["payload_bytes"]
    rows = [
        "| measure | Parallelize (generated) | System.Text.Json (source-generated) | ours/STJ |",
        "|---|---|---|---|",
    ]
    faster = True
    for direction in ("Serialize", "Deserialize"):
        ours, stj = b[f"{direction}_Parallelize"], b[f"{direction}_SystemTextJson"]
        faster = faster and ours["median_ns"] < stj["median_ns"]
        time = lambda r: f"{r['median_ns']:,.0f} ns (mean {r['mean_ns']:,.0f} ± {r['stddev_ns']:,.0f})"
        rows.append(f"| {direction.lower()}, time per order, median | {time(ours)} | {time(stj)} | "
                    f"**{ratio(ours['median_ns'], stj['median_ns'])}** |")
        rows.append(f"| {direction.lower()}, allocated per order | {ours['allocated_bytes']:,} B | "
                    f"{stj['allocated_bytes']:,} B | {ratio(ours['allocated_bytes'], stj['allocated_bytes'])} |")
    smaller = sizes["parallelize"] < sizes["system_text_json"]
    rows.append(f"| bytes produced | {sizes['parallelize']:,} B | {sizes['system_text_json']:,} B | "
                f"**{ratio(sizes['parallelize'], sizes['system_text_json'])}** |")
    verdict = lambda ok: "met" if ok else "**not met**"

    section = "\n".join([
        BEGIN,
        "## Serializer vs System.Text.Json (issue 4)",
        "",
        "Command: `bash bench/serializer.sh` (bench/SerializerBench, Release, BenchmarkDotNet: 3 warm-up and 10 "
        "measured iterations in one process, MemoryDiagnoser).",
        f"Run {headers[0]}; {run['runtime']}; {headers[-1]}.",
        "",
        *rows,
        "",
        f"Target: ours faster in both directions ({verdict(faster)}) and smaller ({verdict(smaller)}).",
        "",
        "The graph (bench/SerializerBench/SampleOrder.cs, built without clock or Random): an `Order` record with a "
        "`Customer` holding two nested `Address` records (one member null), 20 `OrderLine` records (int, Guid, "
        "strings, decimal, nullable decimal and DateTime, enum), a `List<string>` of 5 tags and a "
        "`Dictionary<string, int>` of 4 counters. Both round trips are checked for deep equality before timing, in "
        "the host and in the benchmark process. Ours: the `Serializers_SerializerBench` pair the generator emits for "
        "`[RunInProcess] Order Same(Order)`, with one reused `WireWriter`, and `WireReader` then `EnsureEnd` for "
        "reading. System.Text.Json: a `JsonSerializerContext` for `Order` with default options, serializing through "
        "a reused `Utf8JsonWriter` (validation off, as `JsonSerializer`'s own writers) over a reused "
        "`ArrayBufferWriter<byte>`; reading with `JsonSerializer.Deserialize(ReadOnlySpan<byte>, JsonTypeInfo)`. "
        "Neither side's serialize allocates an output array. Ratios are of medians within this run.",
        END,
    ])

    write_section(results_path, BEGIN, END, section)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

using System.Text.Json;
using BenchmarkDotNet.Reports;

namespace SerializerBench;

/// <summary>
/// The run as one JSON line, which bench/summarize_serializer.py turns into the RESULTS.md section: reading
/// BenchmarkDotNet's <see cref="Summary"/> here avoids parsing its formatted exports.
/// </summary>
public static class ResultLine
{
    public static string Format(Summary summary, RoundTripCheck.Sizes sizes)
    {
        var benchmarks = new Dictionary<string, object?>();
        foreach (BenchmarkReport report in summary.Reports)
        {
            string name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            var statistics = report.ResultStatistics
                ?? throw new InvalidOperationException($"{name} produced no measurements.");
            benchmarks[name] = new Dictionary<string, object?>
            {
                ["mean_ns"] = statistics.Mean,
                ["median_ns"] = statistics.Median,
                ["stddev_ns"] = statistics.StandardDeviation,
                ["iterations"] = statistics.N,
                ["allocated_bytes"] = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase),
            };
        }

        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["bench"] = "serializer",
            ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            ["payload_bytes"] = new Dictionary<string, int>
            {
                ["parallelize"] = sizes.Parallelize,
                ["system_text_json"] = sizes.SystemTextJson,
            },
            ["benchmarks"] = benchmarks,
        });
    }
}

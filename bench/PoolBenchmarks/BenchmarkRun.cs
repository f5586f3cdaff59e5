using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace PoolBench;

/// <summary>
/// Runs <see cref="PoolBenchmarks"/> and prints the run as one JSON line for bench/summarize_pool_bdn.py, read from
/// BenchmarkDotNet's <see cref="Summary"/> rather than from its formatted exports.
/// </summary>
internal static class BenchmarkRun
{
    public static int Run(string artifacts)
    {
        // Few iterations, as for the serializer: two noisy cores, and the whole run should take a few minutes.
        Job job = Job.Default.WithWarmupCount(3).WithIterationCount(10).WithLaunchCount(1).WithId("Short10");
        IConfig config = DefaultConfig.Instance.AddJob(job).WithArtifactsPath(artifacts);
        Summary summary = BenchmarkRunner.Run<PoolBenchmarks>(config);
        if (summary.HasCriticalValidationErrors || summary.Reports.Length == 0 || !summary.Reports.All(r => r.Success))
        {
            Console.Error.WriteLine("The benchmarks did not all run; see the log above.");
            return 1;
        }

        var benchmarks = new Dictionary<string, object>();
        foreach (BenchmarkReport report in summary.Reports)
        {
            string name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            var statistics = report.ResultStatistics ?? throw new InvalidOperationException($"{name} produced no measurements.");
            benchmarks[name] = new Dictionary<string, double>
            {
                ["median_ns"] = statistics.Median,
                ["mean_ns"] = statistics.Mean,
                ["stddev_ns"] = statistics.StandardDeviation,
                ["iterations"] = statistics.N,
            };
        }

        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["bench"] = "pool_bdn",
            ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            ["benchmarks"] = benchmarks,
        }));
        return 0;
    }
}

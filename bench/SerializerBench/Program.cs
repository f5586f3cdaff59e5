using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using SerializerBench;

// The generated serializer against System.Text.Json's source-generated one on one order graph (issue 4).
// Usage: SerializerBench check            round trips and payload sizes only
//        SerializerBench [ARTIFACTS_DIR]  the benchmarks; the last line printed is the JSON that
//                                         bench/summarize_serializer.py reads. Run it as bench/serializer.sh does.
RoundTripCheck.Sizes sizes = RoundTripCheck.Run();
Console.WriteLine($"payload bytes: Parallelize {sizes.Parallelize}, System.Text.Json {sizes.SystemTextJson}");
if (args is ["check"])
{
    return 0;
}

// Few iterations: the machine has 2 noisy cores and the whole run should stay near a minute. Ten measured
// iterations of ~0.5 s each still give a median that outliers do not move much.
Job job = Job.Default.WithWarmupCount(3).WithIterationCount(10).WithLaunchCount(1).WithId("Short10");
IConfig config = DefaultConfig.Instance
    .AddJob(job)
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddColumn(new PayloadColumn(sizes))
    .WithArtifactsPath(args.FirstOrDefault() ?? Path.Combine(Path.GetTempPath(), "SerializerBench.Artifacts"));

Summary summary = BenchmarkRunner.Run<SerializerBenchmarks>(config);
if (summary.HasCriticalValidationErrors || summary.Reports.Length != 4 || !summary.Reports.All(r => r.Success))
{
    Console.Error.WriteLine("The benchmarks did not all run; see the log above.");
    return 1;
}

Console.WriteLine(ResultLine.Format(summary, sizes));
return 0;

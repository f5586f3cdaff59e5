using PoolBench;

// Issue 3's pool figures under BenchmarkDotNet. Usage: PoolBenchmarks [ARTIFACTS_DIR]; the last line printed is the JSON
// that bench/summarize_pool_bdn.py reads. Run it as bench/pool-benchmarks.sh does, from this project's folder.
return BenchmarkRun.Run(args.FirstOrDefault() ?? Path.Combine(Path.GetTempPath(), "PoolBenchmarks.Artifacts"));

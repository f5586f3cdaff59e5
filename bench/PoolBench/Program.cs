using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Parallelize;
using PoolBench;

// The pool benchmarks of issue 3, each printing one JSON line; bench/compare.sh runs them next to the Python scripts
// and the raw pipe floor. Usage: PoolBench [map|roundtrip|cpu|ready|all]   (Release build)
// Sizes follow the Python scripts' environment variables: N, N1, REPEATS, K, WARM, LIMIT, CPU_REPEATS, RUNS; for cpu,
// CPU_WARM_S sets the warm-up, CHUNKINGS picks the splits and CPU_SIZE labels the size.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string which = args.FirstOrDefault() ?? "all";
int repeats = Env("REPEATS", 3);

if (which is "map" or "all")
{
    await MapThroughputAsync(Env("N", 2_000_000), Env("N1", 100_000), repeats);
}

if (which is "roundtrip" or "all")
{
    await RoundTripAsync(Env("K", 20_000), Env("WARM", 2000));
}

if (which is "cpu" or "all")
{
    await CpuSpeedupAsync(Env("LIMIT", 2_000_000), Env("CPU_REPEATS", 7));
}

if (which is "ready" or "all")
{
    await PoolReadyAsync(Env("RUNS", 10));
}

return 0;

static async Task MapThroughputAsync(int n, int n1, int repeats)
{
    string load = Measure.LoadAverage();
    await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });
    int[] items = [.. Enumerable.Range(0, n)];
    int[] items1 = [.. Enumerable.Range(0, n1)];

    // Warm-up, untimed: full-size maps of each kind for WARM_S seconds (Python's script does the same), so that tiered
    // JIT compilation and the GC heap have settled in the parent and in the workers.
    double warmSeconds = double.Parse(Environment.GetEnvironmentVariable("WARM_S") ?? "2", CultureInfo.InvariantCulture);
    long warmUntil = Stopwatch.GetTimestamp() + (long)(warmSeconds * Stopwatch.Frequency);
    while (Stopwatch.GetTimestamp() < warmUntil)
    {
        Check(await pool.MapAsync(items, Work.Methods.Square), n);
        Check(await pool.MapAsync(items, Work.Calls.Square), n);
    }
    Measure.CpuAccount methodCpu = Measure.StartCpuAccount(pool.WorkerProcessIds);
    var method = await Measure.SecondsAsync(repeats, async () => Check(await pool.MapAsync(items, Work.Methods.Square), n));
    string methodCpuJson = methodCpu.Json();
    var selector = await Measure.SecondsAsync(repeats, async () => Check(await pool.MapAsync(items, Work.Calls.Square), n));
    var single = await Measure.SecondsAsync(repeats, async () =>
        Check(await pool.MapAsync(items1, Work.Methods.Square, new MapOptions { ChunkSize = 1 }), n1));
    Console.WriteLine(
        $"{{\"bench\":\"map_throughput\",\"unit\":\"items/s\",\"workers\":2,\"repeats\":{repeats}," +
        $"\"warm_s\":{warmSeconds}," +
        $"\"auto_chunks\":{{\"n\":{n},\"form\":\"Work.Methods.Square\",\"median_s\":{method.Median:F4},\"items_per_s\":{n / method.Median:F0}," +
        $"\"runs_s\":[{string.Join(",", method.Runs.Select(r => r.ToString("F4", CultureInfo.InvariantCulture)))}],\"cpu_ms\":{methodCpuJson}}}," +
        $"\"auto_chunks_selector\":{{\"n\":{n},\"form\":\"Work.Calls.Square\",\"median_s\":{selector.Median:F4},\"items_per_s\":{n / selector.Median:F0}}}," +
        $"\"chunksize_1\":{{\"n\":{n1},\"form\":\"Work.Methods.Square\",\"median_s\":{single.Median:F4},\"items_per_s\":{n1 / single.Median:F0}}}," +
        $"\"loadavg_start_end\":[{load},{Measure.LoadAverage()}]}}");

    static void Check(long[] results, int count)
    {
        if (results.Length != count || results[^1] != (long)(count - 1) * (count - 1))
        {
            throw new InvalidOperationException("wrong map results");
        }
    }
}

static async Task RoundTripAsync(int k, int warm)
{
    string load = Measure.LoadAverage();
    await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
    for (int i = 0; i < warm; i++)
    {
        await pool.RunAsync(Work.Calls.Nothing());
    }

    var samples = new double[k];
    for (int i = 0; i < k; i++)
    {
        long start = Stopwatch.GetTimestamp();
        await pool.RunAsync(Work.Calls.Nothing());
        samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }

    Console.WriteLine(
        $"{{\"bench\":\"roundtrip\",\"unit\":\"us per call\",\"k\":{k},\"warm\":{warm}," +
        $"\"median\":{Measure.Median(samples):F2},\"p99\":{Measure.Percentile(samples, 99):F2},\"min\":{samples.Min():F2},\"mean\":{samples.Average():F2}," +
        $"\"loadavg_start_end\":[{load},{Measure.LoadAverage()}]}}");
}

static async Task CpuSpeedupAsync(int limit, int repeats)
{
    // CHUNKINGS picks the splits to measure (both by default); CPU_SIZE names the size in the JSON, for the summary.
    string[] chosen = (Environment.GetEnvironmentVariable("CHUNKINGS") ?? "equal_width,equal_work").Split(',');
    string size = Environment.GetEnvironmentVariable("CPU_SIZE") ?? "python_limit";
    await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });
    foreach (var (chunking, chunks) in new[] { ("equal_width", PrimeChunks.EqualWidth(limit)), ("equal_work", PrimeChunks.EqualWork(limit)) })
    {
        if (chosen.Contains(chunking))
        {
            await CpuSpeedupOnceAsync(pool, chunking, size, chunks, limit, repeats);
        }
    }
}

static async Task CpuSpeedupOnceAsync(ProcessPool pool, string chunking, string size, (int Lo, int Hi)[] chunks, int limit, int repeats)
{
    string load = Measure.LoadAverage();

    int serialCount = 0, poolCount = 0, threadCount = 0;
    var chunkSeconds = new double[chunks.Length];
    bool timing = false;

    // Warm-up, untimed, for CPU_WARM_S seconds: rounds of the same serial pass, pool map and two threads as the timed
    // rounds below. Each worker sees only four calls per map, so one map would leave the workers running CountPrimes as
    // tier-0/OSR code; and code first run in the timed rounds was compiled there, by this process's JIT thread on a CPU a
    // worker needed. Per-map and per-call code is recompiled twice (instrumented, then optimized), after 30 calls each:
    // with two seconds of warm-up (five rounds), `perf sched` showed this process's JIT thread running about 250 ms and
    // each worker's about 60 ms once the timed rounds began, most of it in their first four seconds. Eight seconds took
    // three runs from 1.891, 1.884 and 1.835x to 1.916, 1.942 and 1.91x (two threads: 1.809-1.931x, then 1.895-1.945x).
    double warmSeconds = double.Parse(Environment.GetEnvironmentVariable("CPU_WARM_S") ?? "8", CultureInfo.InvariantCulture);
    long warmUntil = Stopwatch.GetTimestamp() + (long)(warmSeconds * Stopwatch.Frequency);
    do
    {
        RunSerial();
        await RunPoolAsync();
        RunThreads();
    }
    while (Stopwatch.GetTimestamp() < warmUntil);

    timing = true;
    double[] serialRuns = new double[repeats], poolRuns = new double[repeats], threadRuns = new double[repeats];
    long poolSteal = 0, threadsSteal = 0;

    // Where the CPU time went while the pool ran: each worker's share, this process's, and how long a CPU sat idle. A
    // pool figure near the serial one then shows whether one worker did the work, or both shared one CPU while the
    // other idled, or something else had it.
    Measure.CpuAccount poolCpu = Measure.StartCpuAccount(pool.WorkerProcessIds);
    poolCpu.Pause();

    // The serial pass, the pool and two threads take turns, one run each per round, each round starting with the next
    // of them: this VM's host at times gives its two vCPUs one CPU for a second or so, and seven pool runs in a row
    // (0.65 s) could all fall in such a stretch while the serial runs before them did not. Taking turns, every figure
    // sees the same stretches, and a median of the rounds is not decided by one of them.
    for (int round = 0; round < repeats; round++)
    {
        for (int turn = 0; turn < 3; turn++)
        {
            switch ((round + turn) % 3)
            {
                case 0:
                    serialRuns[round] = RunSerial();
                    break;
                case 1:
                    long stealBefore = Measure.StealMilliseconds();
                    poolCpu.Resume();
                    poolRuns[round] = await RunPoolAsync();
                    poolCpu.Pause();
                    poolSteal += Measure.StealMilliseconds() - stealBefore;
                    break;
                default:
                    stealBefore = Measure.StealMilliseconds();
                    threadRuns[round] = RunThreads();
                    threadsSteal += Measure.StealMilliseconds() - stealBefore;
                    break;
            }
        }
    }

    (double Median, double[] Runs) serial = (Measure.Median(serialRuns), serialRuns);
    (double Median, double[] Runs) pooled = (Measure.Median(poolRuns), poolRuns);
    (double Median, double[] Runs) threaded = (Measure.Median(threadRuns), threadRuns);
    string poolCpuJson = poolCpu.Json();

    double RunSerial()
    {
        long start = Stopwatch.GetTimestamp();
        serialCount = 0;
        for (int i = 0; i < chunks.Length; i++)
        {
            long chunkStart = Stopwatch.GetTimestamp();
            serialCount += Work.CountPrimes(chunks[i].Lo, chunks[i].Hi);
            if (timing)
            {
                chunkSeconds[i] += Stopwatch.GetElapsedTime(chunkStart).TotalSeconds / repeats;
            }
        }

        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    async Task<double> RunPoolAsync()
    {
        long start = Stopwatch.GetTimestamp();
        poolCount = (await pool.MapAsync(chunks, Work.Methods.CountPrimes)).Sum();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    // The same ranges on two threads of this process, handed out in order as the pool does: what the two cores give
    // with no process boundary at all.
    double RunThreads()
    {
        long start = Stopwatch.GetTimestamp();
        int next = -1, total = 0;
        Thread[] threads = [.. Enumerable.Range(0, 2).Select(_ => new Thread(() =>
        {
            for (int i; (i = Interlocked.Increment(ref next)) < chunks.Length;)
            {
                Interlocked.Add(ref total, Work.CountPrimes(chunks[i].Lo, chunks[i].Hi));
            }
        }))];
        Array.ForEach(threads, t => t.Start());
        Array.ForEach(threads, t => t.Join());
        threadCount = total;
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    if (serialCount != poolCount || serialCount != threadCount)
    {
        throw new InvalidOperationException($"serial counted {serialCount} primes, the pool {poolCount}, two threads {threadCount}");
    }

    // Handed out in input order to whichever worker is free (as Pool.map does), even free processes cannot finish the
    // measured serial chunk times sooner than this schedule.
    double[] workers = new double[2];
    foreach (double seconds in chunkSeconds)
    {
        workers[workers[0] <= workers[1] ? 0 : 1] += seconds;
    }

    double bound = chunkSeconds.Sum() / workers.Max();
    Console.WriteLine(
        $"{{\"bench\":\"cpu_speedup\",\"chunking\":\"{chunking}\",\"size\":\"{size}\",\"limit\":{limit},\"chunks\":{chunks.Length},\"repeats\":{repeats},\"primes\":{poolCount}," +
        $"\"bounds\":[{string.Join(",", chunks.Select(c => c.Lo).Append(limit))}]," +
        $"\"serial_s\":{serial.Median:F4},\"pool2_s\":{pooled.Median:F4},\"speedup\":{serial.Median / pooled.Median:F3}," +
        $"\"threads2_s\":{threaded.Median:F4},\"threads2_speedup\":{serial.Median / threaded.Median:F3}," +
        $"\"chunk_s\":[{string.Join(",", chunkSeconds.Select(c => c.ToString("F4")))}],\"in_order_bound\":{bound:F3}," +
        $"\"warm_s\":{warmSeconds},\"pool2_runs_s\":[{string.Join(",", pooled.Runs.Select(r => r.ToString("F4")))}]," +
        $"\"threads2_runs_s\":[{string.Join(",", threaded.Runs.Select(r => r.ToString("F4")))}]," +
        $"\"steal_ms\":{{\"pool2\":{poolSteal},\"threads2\":{threadsSteal}}}," +
        $"\"pool2_cpu_ms\":{poolCpuJson}," +
        $"\"loadavg_start_end\":[{load},{Measure.LoadAverage()}]}}");
}

static async Task PoolReadyAsync(int runs)
{
    string load = Measure.LoadAverage();
    string bareApp = typeof(Work).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BareAppPath").Value!;
    await ReadyOnceAsync();
    await TwoBareStartsAsync(bareApp);
    var ready = new List<double>();
    var bare = new List<double>();
    for (int i = 0; i < runs; i++)
    {
        ready.Add(await ReadyOnceAsync());
        bare.Add(await TwoBareStartsAsync(bareApp));
    }

    double readyMedian = Measure.Median(ready), bareMedian = Measure.Median(bare);
    Console.WriteLine(
        $"{{\"bench\":\"pool_ready\",\"unit\":\"ms\",\"runs\":{runs},\"ready_to_run\":{(IsReadyToRun(typeof(Work).Assembly) ? "true" : "false")}," +
        $"\"runtime_ready_to_run\":{(IsReadyToRun(typeof(ProcessPool).Assembly) ? "true" : "false")}," +
        $"\"pool2_ready_ms\":{{\"median\":{readyMedian:F1},\"min\":{ready.Min():F1}}}," +
        $"\"two_bare_starts_ms\":{{\"median\":{bareMedian:F1},\"min\":{bare.Min():F1}}},\"ratio\":{readyMedian / bareMedian:F2}," +
        $"\"loadavg_start_end\":[{load},{Measure.LoadAverage()}]}}");

    // True when the assembly carries precompiled native code: the application's when it was published with
    // PublishReadyToRun, the runtime's then or when it is the package's precompiled one.
    static bool IsReadyToRun(Assembly assembly)
    {
        using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(assembly.Location));
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }

    // From creating the pool until both workers have answered a call (not just said hello).
    static async Task<double> ReadyOnceAsync()
    {
        long start = Stopwatch.GetTimestamp();
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2, StartEagerly = true });
        await pool.StartAsync();
        await pool.MapAsync([0, 1], _ => Work.Calls.Nothing(), new MapOptions { ChunkSize = 1 });
        double elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return elapsed;
    }

    // Two `dotnet BareApp.dll` processes started together, until both have exited.
    static async Task<double> TwoBareStartsAsync(string path)
    {
        long start = Stopwatch.GetTimestamp();
        using Process a = Process.Start(new ProcessStartInfo("dotnet", [path]) { UseShellExecute = false })!;
        using Process b = Process.Start(new ProcessStartInfo("dotnet", [path]) { UseShellExecute = false })!;
        await Task.WhenAll(a.WaitForExitAsync(), b.WaitForExitAsync());
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}

static int Env(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : fallback;

using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Parallelize;
using PoolBench;

// The pool benchmarks of issue 3, each printing one JSON line; bench/compare.sh runs them next to the Python scripts
// and the raw pipe floor. Usage: PoolBench [map|roundtrip|cpu|ready|all]   (Release build)
// Sizes follow the Python scripts' environment variables: N, N1, REPEATS, K, WARM, LIMIT, RUNS.
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
    await CpuSpeedupAsync(Env("LIMIT", 2_000_000), repeats);
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
    await pool.MapAsync(Enumerable.Range(0, 10_000), Work.Calls.Square);
    int[] items = [.. Enumerable.Range(0, n)];
    int[] items1 = [.. Enumerable.Range(0, n1)];

    var chunked = await Measure.SecondsAsync(repeats, async () => Check(await pool.MapAsync(items, Work.Calls.Square), n));
    var single = await Measure.SecondsAsync(repeats, async () =>
        Check(await pool.MapAsync(items1, Work.Calls.Square, new MapOptions { ChunkSize = 1 }), n1));
    Console.WriteLine(
        $"{{\"bench\":\"map_throughput\",\"unit\":\"items/s\",\"workers\":2,\"repeats\":{repeats}," +
        $"\"auto_chunks\":{{\"n\":{n},\"median_s\":{chunked.Median:F4},\"items_per_s\":{n / chunked.Median:F0}}}," +
        $"\"chunksize_1\":{{\"n\":{n1},\"median_s\":{single.Median:F4},\"items_per_s\":{n1 / single.Median:F0}}}," +
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
    string load = Measure.LoadAverage();
    int step = limit / 8;
    (int Lo, int Hi)[] chunks = [.. Enumerable.Range(0, 8).Select(i => (i * step, i == 7 ? limit : (i + 1) * step))];
    await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });
    await pool.MapAsync(chunks, c => Work.Calls.CountPrimes(c.Lo, c.Lo + 1000));
    Work.CountPrimes(0, limit / 8); // JIT the serial path too

    int serialCount = 0, poolCount = 0;
    var serial = await Measure.SecondsAsync(repeats, () =>
    {
        serialCount = chunks.Sum(c => Work.CountPrimes(c.Lo, c.Hi));
        return Task.CompletedTask;
    });
    var pooled = await Measure.SecondsAsync(repeats, async () =>
        poolCount = (await pool.MapAsync(chunks, c => Work.Calls.CountPrimes(c.Lo, c.Hi))).Sum());
    if (serialCount != poolCount)
    {
        throw new InvalidOperationException($"serial counted {serialCount} primes, the pool {poolCount}");
    }

    Console.WriteLine(
        $"{{\"bench\":\"cpu_speedup\",\"limit\":{limit},\"chunks\":8,\"repeats\":{repeats},\"primes\":{poolCount}," +
        $"\"serial_s\":{serial.Median:F4},\"pool2_s\":{pooled.Median:F4},\"speedup\":{serial.Median / pooled.Median:F3}," +
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
        $"{{\"bench\":\"pool_ready\",\"unit\":\"ms\",\"runs\":{runs}," +
        $"\"pool2_ready_ms\":{{\"median\":{readyMedian:F1},\"min\":{ready.Min():F1}}}," +
        $"\"two_bare_starts_ms\":{{\"median\":{bareMedian:F1},\"min\":{bare.Min():F1}}},\"ratio\":{readyMedian / bareMedian:F2}," +
        $"\"loadavg_start_end\":[{load},{Measure.LoadAverage()}]}}");

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

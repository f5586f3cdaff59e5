using System.Diagnostics;
using System.Globalization;
using BulkBench;
using Parallelize;

// The bulk-data benchmark of issue 4: a 100 MB double[] to a pool worker and back, next to in-process memcpy of the
// same 100 MB into a pre-touched buffer, measured in one run and interleaved so both see the same machine load. Prints
// one JSON line, with the GC settings it ran with (they decide whether each new 100 MB array lands in memory the
// process already has); bench/compare.sh runs it with the default settings and with concurrent GC off and RetainVM on,
// next to bench/python/bulk_transfer.py.
// Usage: BulkBench [echo|threshold]   (Release build). Environment: SIZE_MB (default 100), REPEATS (default 9), WARM_S
// and WARM (untimed round trips first: for 3 s and at least 5), K (threshold: round trips per size).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string which = args.FirstOrDefault() ?? "echo";
int sizeBytes = Env("SIZE_MB", 100) * 1000 * 1000;
int repeats = Env("REPEATS", 9);
int warm = Env("WARM", 5);

if (which == "echo")
{
    await EchoAsync(sizeBytes, repeats, warm, double.Parse(Environment.GetEnvironmentVariable("WARM_S") ?? "3", CultureInfo.InvariantCulture));
}
else if (which == "threshold")
{
    await ThresholdAsync(Env("K", 200));
}

return 0;

static async Task EchoAsync(int sizeBytes, int repeats, int warm, double warmSeconds)
{
    string load = LoadAverage();
    double[] data = new double[sizeBytes / sizeof(double)];
    for (int i = 0; i < data.Length; i++)
    {
        data[i] = i;
    }

    // The ceiling: one thread copying into a buffer whose pages are already mapped (the Python script's memoryview
    // copy), interleaved with the round trips. Two threads are reported too, since the runtime copies large blocks
    // with two.
    double[] target = new double[data.Length];
    data.AsSpan().CopyTo(target);

    // Also back to back before any round trip, as the Python script measures it: on these VMs the memory traffic of
    // freeing and allocating large blocks slows copies for a while, so the interleaved figure can be the lower one.
    // The ratio is taken to the higher of the two.
    var memcpyClean = new double[repeats];
    for (int i = 0; i < repeats; i++)
    {
        memcpyClean[i] = Seconds(() => data.AsSpan().CopyTo(target));
    }

    var memcpy = new double[repeats];
    var memcpy2 = new double[repeats];
    var roundTrip = new double[repeats];
    await using (var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 }))
    {
        // Warm-up, untimed: round trips for WARM_S seconds (at least WARM of them), until the JIT, the shared memory's
        // pages and both processes' GC heaps have settled, as PoolBench does.
        long warmUntil = Stopwatch.GetTimestamp() + (long)(warmSeconds * Stopwatch.Frequency);
        for (int i = 0; i < warm || Stopwatch.GetTimestamp() < warmUntil; i++)
        {
            Check(await pool.RunAsync(Bulk.Calls.Echo(data)), data);
        }

        for (int i = 0; i < repeats; i++)
        {
            memcpy[i] = Seconds(() => data.AsSpan().CopyTo(target));
            memcpy2[i] = Seconds(() => CopyInTwo(data, target));
            long start = Stopwatch.GetTimestamp();
            double[] back = await pool.RunAsync(Bulk.Calls.Echo(data));
            roundTrip[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            Check(back, data);
        }
    }

    // Through the pipe, for comparison, afterwards (its 100 MB message buffers would change the parent's heap for the
    // measurement above): fewer samples, each takes seconds.
    var pipe = new double[Math.Min(repeats, 3)];
    await using (var pipeOnly = new ProcessPool(new ProcessPoolOptions
    {
        WorkerCount = 1, MaxSharedMemoryBytes = 0, MaxFrameBytes = sizeBytes + (1 << 20),
    }))
    {
        Check(await pipeOnly.RunAsync(Bulk.Calls.Echo(data)), data);
        for (int i = 0; i < pipe.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            double[] back = await pipeOnly.RunAsync(Bulk.Calls.Echo(data));
            pipe[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            Check(back, data);
        }
    }

    double memcpyGBps = sizeBytes / Math.Min(Median(memcpy), Median(memcpyClean)) / 1e9;
    double oursGBps = 2.0 * sizeBytes / Median(roundTrip) / 1e9;
    Console.WriteLine(
        $"{{\"bench\":\"bulk_transfer\",\"unit\":\"GB/s (1e9 B/s); round trip moves 2 x size\",\"size_bytes\":{sizeBytes}," +
        $"\"repeats\":{repeats},\"warm\":{warm},\"warm_s\":{warmSeconds},\"gc\":{{\"concurrent\":{Flag("ConcurrentGC")},\"retain_vm\":{Flag("RetainVM")}}}," +
        $"\"memcpy_prealloc\":{{\"median_s\":{Median(memcpy):F4},\"GBps\":{sizeBytes / Median(memcpy) / 1e9:F3}}}," +
        $"\"memcpy_prealloc_before\":{{\"median_s\":{Median(memcpyClean):F4},\"GBps\":{sizeBytes / Median(memcpyClean) / 1e9:F3}}}," +
        $"\"memcpy_ceiling_GBps\":{memcpyGBps:F3}," +
        $"\"memcpy_prealloc_2threads\":{{\"median_s\":{Median(memcpy2):F4},\"GBps\":{sizeBytes / Median(memcpy2) / 1e9:F3}}}," +
        $"\"pool_echo\":{{\"form\":\"pool.RunAsync(Bulk.Calls.Echo(double[]))\",\"median_s\":{Median(roundTrip):F4}," +
        $"\"min_s\":{roundTrip.Min():F4},\"GBps\":{oursGBps:F3},\"runs_ms\":[{string.Join(",", roundTrip.Select(r => (r * 1000).ToString("F1")))}]}}," +
        $"\"pool_echo_pipe_only\":{{\"median_s\":{Median(pipe):F4},\"GBps\":{2.0 * sizeBytes / Median(pipe) / 1e9:F3}}}," +
        $"\"ratio_to_memcpy\":{oursGBps / memcpyGBps:F3},\"loadavg_start_end\":[{load},{LoadAverage()}]}}");
}

// Round trips of arrays of several sizes with shared memory and through the pipe: where the pipe stops being faster.
static async Task ThresholdAsync(int k)
{
    string load = LoadAverage();
    int[] sizes = [1 << 10, 4 << 10, 16 << 10, 32 << 10, 64 << 10, 128 << 10, 256 << 10, 1 << 20, 4 << 20];
    await using var shared = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1, SharedMemoryThresholdBytes = 1 });
    await using var pipe = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1, MaxSharedMemoryBytes = 0 });
    var rows = new List<string>();
    foreach (int size in sizes)
    {
        double[] data = new double[size / sizeof(double)];
        int rounds = Math.Max(10, k * (64 << 10) / Math.Max(size, 64 << 10));
        for (int i = 0; i < rounds / 4 + 5; i++)
        {
            await shared.RunAsync(Bulk.Calls.Echo(data));
            await pipe.RunAsync(Bulk.Calls.Echo(data));
        }

        var viaShared = new double[rounds];
        var viaPipe = new double[rounds];
        for (int i = 0; i < rounds; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await shared.RunAsync(Bulk.Calls.Echo(data));
            viaShared[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            start = Stopwatch.GetTimestamp();
            await pipe.RunAsync(Bulk.Calls.Echo(data));
            viaPipe[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        rows.Add($"{{\"bytes\":{size},\"rounds\":{rounds},\"shared_us\":{Median(viaShared):F1},\"pipe_us\":{Median(viaPipe):F1}}}");
    }

    Console.WriteLine(
        $"{{\"bench\":\"bulk_threshold\",\"unit\":\"us per echo round trip, median\",\"sizes\":[{string.Join(",", rows)}]," +
        $"\"loadavg_start_end\":[{load},{LoadAverage()}]}}");
}

// The application's GC settings, which decide whether a new large array lands in memory the process already has.
static string Flag(string name) =>
    GC.GetConfigurationVariables().TryGetValue(name, out object? value) && value is true ? "true" : "false";

static void CopyInTwo(double[] source, double[] destination)
{
    int half = source.Length / 2;
    Parallel.Invoke(
        () => source.AsSpan(0, half).CopyTo(destination),
        () => source.AsSpan(half).CopyTo(destination.AsSpan(half)));
}

static void Check(double[] back, double[] sent)
{
    if (back.Length != sent.Length || back[^1] != sent[^1] || back[back.Length / 2] != sent[sent.Length / 2])
    {
        throw new InvalidOperationException("the echo came back wrong");
    }
}

static double Seconds(Action action)
{
    long start = Stopwatch.GetTimestamp();
    action();
    return Stopwatch.GetElapsedTime(start).TotalSeconds;
}

static double Median(IEnumerable<double> samples)
{
    double[] sorted = [.. samples.Order()];
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

static int Env(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : fallback;

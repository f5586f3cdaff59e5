using System.Diagnostics;
using Parallelize;

namespace ThreadsVsProcesses;

/// <summary>
/// Times the same CPU-bound and I/O-bound work serially, with threads or tasks, and in a process pool, then says when
/// each wins in .NET. The verdicts are worded from the measured numbers, so they never contradict the table above them.
/// </summary>
internal static class Program
{
    // Trial division below 5,000,000 is about 1-2 s of serial work on a 2-core machine. Later chunks cost more than
    // early ones, so there are many chunks: whichever core finishes first takes the next, and both stay busy to the end.
    private const long PrimeLimit = 5_000_000;
    private const int PrimeChunks = 32;

    private const int RequestCount = 40;
    private const int RequestLatencyMs = 50;
    private const int WorkerCount = 2;

    // Each item is whole milliseconds of work, so batching items would only make the load uneven.
    private static readonly MapOptions OneItemPerMessage = new() { ChunkSize = 1 };

    private static async Task Main()
    {
        long startup = Stopwatch.GetTimestamp();
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = WorkerCount });
        await pool.StartAsync();
        TimeSpan startupTime = Stopwatch.GetElapsedTime(startup);

        // Run every way once on a small input, so the timings below measure warm code in every process.
        await MeasureCpuAsync(pool, primeLimit: 100_000);
        await MeasureIoAsync(pool, requestCount: 4);

        Measurement[] cpu = await MeasureCpuAsync(pool, PrimeLimit);
        Measurement[] io = await MeasureIoAsync(pool, RequestCount);
        EnsureResultsAgree(cpu);
        EnsureResultsAgree(io);

        Console.WriteLine($"{Environment.ProcessorCount} cores; process pool of {WorkerCount} workers, started in "
            + $"{Ms(startupTime)} ms before any timing.");
        Console.WriteLine($"CPU: primes below {PrimeLimit:N0} in {PrimeChunks} chunks = {cpu[0].Result:N0}. "
            + $"I/O: {RequestCount} requests of {RequestLatencyMs} ms each.");
        Console.WriteLine();
        PrintTable([.. cpu, .. io]);
        Console.WriteLine();
        PrintVerdicts(cpu, io);
    }

    private static async Task<Measurement[]> MeasureCpuAsync(ProcessPool pool, long primeLimit)
    {
        long ChunkStart(int chunk) => primeLimit * chunk / PrimeChunks;

        Measurement serial = await Measurement.TimeAsync("CPU", "serial", () =>
        {
            long total = 0;
            for (int chunk = 0; chunk < PrimeChunks; chunk++)
            {
                total += Workload.CountPrimes(ChunkStart(chunk), ChunkStart(chunk + 1));
            }

            return Task.FromResult(total);
        });

        // One thread-pool task per chunk, taken in order like the pool's items. Not Parallel.For: it hands each thread
        // a block of neighbouring indices, and as later chunks cost more, one thread can be left with most of the work.
        Measurement threads = await Measurement.TimeAsync("CPU", "threads (Task.Run per chunk)", async () =>
        {
            long[] counts = await Task.WhenAll(Enumerable.Range(0, PrimeChunks)
                .Select(chunk => Task.Run(() => Workload.CountPrimes(ChunkStart(chunk), ChunkStart(chunk + 1)))));
            return counts.Sum();
        });

        Measurement processes = await Measurement.TimeAsync("CPU", $"process pool ({WorkerCount} workers)", async () =>
        {
            long[] counts = await pool.MapAsync(
                Enumerable.Range(0, PrimeChunks),
                chunk => Workload.Calls.CountPrimes(ChunkStart(chunk), ChunkStart(chunk + 1)),
                OneItemPerMessage);
            return counts.Sum();
        });

        return [serial, threads, processes];
    }

    private static async Task<Measurement[]> MeasureIoAsync(ProcessPool pool, int requestCount)
    {
        Measurement serial = await Measurement.TimeAsync("I/O", "serial", async () =>
        {
            long total = 0;
            for (int id = 0; id < requestCount; id++)
            {
                total += await Workload.SimulatedRequestAsync(id, RequestLatencyMs);
            }

            return total;
        });

        Measurement tasks = await Measurement.TimeAsync("I/O", "async tasks (Task.WhenAll)", async () =>
        {
            int[] ids = await Task.WhenAll(
                Enumerable.Range(0, requestCount).Select(id => Workload.SimulatedRequestAsync(id, RequestLatencyMs)));
            return ids.Sum(id => (long)id);
        });

        Measurement processes = await Measurement.TimeAsync("I/O", $"process pool ({WorkerCount} workers)", async () =>
        {
            int[] ids = await pool.MapAsync(
                Enumerable.Range(0, requestCount),
                id => Workload.Calls.SimulatedRequestAsync(id, RequestLatencyMs),
                OneItemPerMessage);
            return ids.Sum(id => (long)id);
        });

        return [serial, tasks, processes];
    }

    private static void EnsureResultsAgree(Measurement[] ways)
    {
        if (ways.Any(way => way.Result != ways[0].Result))
        {
            throw new InvalidOperationException(
                "The ways disagree: " + string.Join(", ", ways.Select(way => $"{way.Way} = {way.Result}")));
        }
    }

    private static void PrintTable(Measurement[] rows)
    {
        Console.WriteLine($"{"work",-5} {"way",-28} {"elapsed ms",10} {"speedup",8}");
        foreach (Measurement row in rows)
        {
            Measurement serial = rows.First(other => other.Workload == row.Workload);
            Console.WriteLine($"{row.Workload,-5} {row.Way,-28} {Ms(row.Elapsed),10} {Speedup(serial, row),8}");
        }
    }

    private static void PrintVerdicts(Measurement[] cpu, Measurement[] io)
    {
        (Measurement cpuSerial, Measurement threads, Measurement cpuProcesses) = (cpu[0], cpu[1], cpu[2]);
        (Measurement ioSerial, Measurement tasks, Measurement ioProcesses) = (io[0], io[1], io[2]);

        Console.WriteLine($"CPU-bound: threads {Speedup(cpuSerial, threads)}, processes {Speedup(cpuSerial, cpuProcesses)}: "
            + CompareThreadsWithProcesses(threads.Elapsed, cpuProcesses.Elapsed));
        Console.WriteLine("  .NET has no GIL: threads already use every core and share memory, with no process hop and no");
        Console.WriteLine("  copying of arguments and results, so for CPU work they are the cheaper default.");
        Console.WriteLine("Processes win for isolation: a crash (StackOverflow, FailFast, a native fault) kills one worker,");
        Console.WriteLine("  not the app; a stuck call can be killed (.NET has no Thread.Abort); each worker can have a memory");
        Console.WriteLine("  cap, its own statics, environment and current directory, or a native library that is not thread-safe.");
        Console.WriteLine($"I/O-bound: async tasks {Speedup(ioSerial, tasks)}, processes {Speedup(ioSerial, ioProcesses)}: "
            + $"a worker runs one call at a time, so {WorkerCount} workers");
        Console.WriteLine($"  wait on {WorkerCount} requests at once, while an await holds no thread. For I/O use async, not processes.");
    }

    /// <summary>Words the CPU result the way it came out: on a busy 2-core machine one run can go either way.</summary>
    private static string CompareThreadsWithProcesses(TimeSpan threads, TimeSpan processes)
    {
        double ratio = processes / threads;
        return ratio switch
        {
            > 1.1 => $"processes took {ratio:0.00}x as long as threads.",
            < 1 / 1.1 => $"processes were {1 / ratio:0.00}x faster this run, yet no lock holds threads back: rerun when idle.",
            _ => "about the same, and the processes also cost a start-up.",
        };
    }

    private static string Ms(TimeSpan elapsed) => $"{elapsed.TotalMilliseconds:0}";

    private static string Speedup(Measurement serial, Measurement way) => $"{serial.Elapsed / way.Elapsed:0.0}x";
}

using System.Diagnostics;
using System.Globalization;
using IpcBench;
using Parallelize;

// The cross-process primitives against Python's multiprocessing, each mode printing one JSON line; bench/compare.sh ipc
// runs them interleaved with bench/python/ipc_throughput.py. The method is the Python anchor's: the producer and the
// consumer child are started and ready before the clock, and the time runs from "go" to the consumer having the N-th
// item, read with CLOCK_MONOTONIC in both processes (Stopwatch.GetTimestamp on Linux).
//   queue  ProcessQueue<int> and ProcessJoinableQueue<int> (TaskDone per item): one producer child puts N ints, one
//          consumer child gets them
//   pipe   ProcessPipe<int> used one way: one child sends N ints, the other receives them
//   lock   uncontended acquire/release pairs in this process: ProcessLock, an unnamed Mutex, C# lock on an object
// Usage: IpcBench [queue|pipe|lock|all]   (Release build). Environment: N (default 200000), REPEATS (3), WARM_S (1.0 s
// of untimed warm-up in each child before it says it is ready), PAIRS (10000000 lock pairs per batch; the Mutex takes
// PAIRS/10), BATCHES (5).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string which = args.FirstOrDefault() ?? "all";
int n = Env("N", 200_000);
int repeats = Env("REPEATS", 3);
double warmSeconds = double.Parse(Environment.GetEnvironmentVariable("WARM_S") ?? "1.0", CultureInfo.InvariantCulture);
TimeSpan patience = TimeSpan.FromSeconds(120);

if (which is "queue" or "all")
{
    string load = LoadAverage();
    var plain = await RunsAsync(() => QueueOnceAsync(joinable: false));
    var joinable = await RunsAsync(() => QueueOnceAsync(joinable: true));
    Console.WriteLine(
        $"{{\"bench\":\"ipc_queue\",\"unit\":\"messages/second\",\"n\":{n},\"repeats\":{repeats},\"warm_s\":{warmSeconds}," +
        $"\"ProcessQueue\":{Throughput(plain)},\"ProcessJoinableQueue\":{Throughput(joinable)}," +
        $"\"loadavg_start_end\":[{load},{LoadAverage()}]}}");
}

if (which is "pipe" or "all")
{
    string load = LoadAverage();
    var pipe = await RunsAsync(PipeOnceAsync);
    Console.WriteLine(
        $"{{\"bench\":\"ipc_pipe\",\"unit\":\"messages/second\",\"n\":{n},\"repeats\":{repeats},\"warm_s\":{warmSeconds}," +
        $"\"ProcessPipe\":{Throughput(pipe)},\"loadavg_start_end\":[{load},{LoadAverage()}]}}");
}

if (which is "lock" or "all")
{
    LockPairs(Env("PAIRS", 10_000_000), Env("BATCHES", 5));
}

return 0;

async Task<double[]> RunsAsync(Func<Task<double>> once)
{
    var runs = new double[repeats];
    for (int i = 0; i < repeats; i++)
    {
        runs[i] = await once();
    }

    return runs;
}

// One timed run: fresh children and a fresh queue, as the Python script does.
async Task<double> QueueOnceAsync(bool joinable)
{
    using ProcessQueue<int> items = joinable ? new ProcessJoinableQueue<int>() : new ProcessQueue<int>();
    using var ready = new ProcessQueue<int>(bufferBytes: 4096);
    using var go = new ProcessQueue<int>(bufferBytes: 4096);
    await using ChildProcess<long> consumer = joinable
        ? ChildProcess.Start(Ipc.Calls.JoinableConsumer((ProcessJoinableQueue<int>)items, ready, go, n, warmSeconds))
        : ChildProcess.Start(Ipc.Calls.QueueConsumer(items, ready, go, n, warmSeconds));
    await using ChildProcess<int> producer = joinable
        ? ChildProcess.Start(Ipc.Calls.JoinableProducer((ProcessJoinableQueue<int>)items, ready, go, n, warmSeconds))
        : ChildProcess.Start(Ipc.Calls.QueueProducer(items, ready, go, n, warmSeconds));
    return await TimeFromGoAsync(ready, go, consumer, producer);
}

async Task<double> PipeOnceAsync()
{
    var (sending, receiving) = ProcessPipe.Create<int>();
    using (sending)
    using (receiving)
    {
        using var ready = new ProcessQueue<int>(bufferBytes: 4096);
        using var go = new ProcessQueue<int>(bufferBytes: 4096);
        await using ChildProcess<long> consumer = ChildProcess.Start(Ipc.Calls.PipeReceiver(receiving, ready, go, n, warmSeconds));
        await using ChildProcess<int> producer = ChildProcess.Start(Ipc.Calls.PipeSender(sending, ready, go, n, warmSeconds));
        return await TimeFromGoAsync(ready, go, consumer, producer);
    }
}

// Waits until both children are ready, starts the clock, lets them go, and returns the seconds until the consumer had
// the N-th item (its own CLOCK_MONOTONIC reading).
async Task<double> TimeFromGoAsync(ProcessQueue<int> ready, ProcessQueue<int> go, ChildProcess<long> consumer, ChildProcess<int> producer)
{
    for (int i = 0; i < 2; i++)
    {
        if (!ready.TryGet(out _, patience))
        {
            throw new TimeoutException("a child did not get ready");
        }
    }

    long start = Stopwatch.GetTimestamp();
    go.Put(0);
    go.Put(0);
    long end = await consumer.JoinAsync(patience);
    if (await producer.JoinAsync(patience) != n)
    {
        throw new InvalidOperationException("the producer did not put every item");
    }

    return (end - start) / (double)Stopwatch.Frequency;
}

string Throughput(double[] runs) =>
    $"{{\"msgs_per_s\":{n / Median(runs):F0},\"median_s\":{Median(runs):F4}," +
    $"\"runs_s\":[{string.Join(",", runs.Select(r => r.ToString("F4")))}]}}";

void LockPairs(int pairs, int batches)
{
    string load = LoadAverage();
    using var processLock = new ProcessLock();
    using var mutex = new Mutex();
    object gate = new();
    int mutexPairs = Math.Max(1, pairs / 10);

    // Warm-up, untimed: a batch of each, then the batches interleaved so that all three see the same load.
    Locks.ProcessLockPairs(processLock, pairs);
    Locks.MutexPairs(mutex, mutexPairs);
    Locks.MonitorPairs(gate, pairs);
    var ours = new double[batches];
    var mutexes = new double[batches];
    var monitors = new double[batches];
    for (int i = 0; i < batches; i++)
    {
        ours[i] = Locks.ProcessLockPairs(processLock, pairs);
        mutexes[i] = Locks.MutexPairs(mutex, mutexPairs);
        monitors[i] = Locks.MonitorPairs(gate, pairs);
    }

    Console.WriteLine(
        $"{{\"bench\":\"ipc_lock\",\"unit\":\"ns per acquire/release pair, uncontended, one thread\",\"batches\":{batches}," +
        $"\"ProcessLock\":{Pairs("using (processLock.Acquire()) { }", pairs, ours)}," +
        $"\"Mutex\":{Pairs("mutex.WaitOne(); mutex.ReleaseMutex();", mutexPairs, mutexes)}," +
        $"\"lock_statement\":{Pairs("lock (gate) { }", pairs, monitors)}," +
        $"\"loadavg_start_end\":[{load},{LoadAverage()}]}}");

    static string Pairs(string form, int count, double[] runs) =>
        $"{{\"form\":\"{form}\",\"pairs\":{count},\"median_ns\":{Median(runs):F2},\"runs_ns\":[{string.Join(",", runs.Select(r => r.ToString("F2")))}]}}";
}

static double Median(IEnumerable<double> samples)
{
    double[] sorted = [.. samples.Order()];
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

static int Env(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : fallback;

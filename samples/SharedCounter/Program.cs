// Python's multiprocessing docs, "Sharing state between processes", Shared memory:
//
//     def f(n, a):
//         n.value = 3.1415927
//         for i in range(len(a)):
//             a[i] = -a[i]
//
//     if __name__ == '__main__':
//         num = Value('d', 0.0)
//         arr = Array('i', range(10))
//         p = Process(target=f, args=(num, arr))
//         p.start()
//         p.join()
//         print(num.value)
//         print(arr[:])

using System.Globalization;
using Parallelize;
using SharedCounter;

using var num = new SharedValue<double>(0.0);
using var arr = new SharedArray<int>(Enumerable.Range(0, 10).ToArray());
await using (ChildProcess p = ChildProcess.Start(Negator.Calls.F(num, arr)))
{
    await p.JoinAsync();
}

Console.WriteLine(num.Value.ToString(CultureInfo.InvariantCulture));   // 3.1415927
Console.WriteLine($"[{string.Join(", ", arr.AsSpan().ToArray())}]");     // [0, -1, -2, -3, -4, -5, -6, -7, -8, -9]

// A counter that four processes increment at the same time. `counter.Value++` reads, adds and writes: two processes
// can read the same value, and one increment is lost (without the lock, runs of this sample came out hundreds of
// thousands short). So each takes the lock that came with the value, Python's counter.get_lock(). The barrier lets
// the four start together, so they really do contend.
const int Processes = 4, Increments = 1_000_000;
using var counter = new SharedValue<int>(0);
using var start = new ProcessBarrier(Processes);
var counters = new List<ChildProcess>();
for (int i = 0; i < Processes; i++)
{
    counters.Add(ChildProcess.Start(Counter.Calls.Count(counter, start, Increments)));
}

foreach (ChildProcess child in counters)
{
    await using (child)
    {
        await child.JoinAsync();
    }
}

Console.WriteLine($"counter: {counter.Value} ({Processes} processes x {Increments} increments)");

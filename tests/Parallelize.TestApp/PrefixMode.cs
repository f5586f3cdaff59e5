using System.Diagnostics;
using Parallelize;

namespace Parallelize.TestApp;

/// <summary>
/// Children whose output is prefixed (<see cref="ChildProcessOptions.PrefixOutput"/>): the test reads this app's own
/// standard output and error, where their lines arrive.
/// </summary>
internal static class PrefixMode
{
    /// <summary>
    /// A named child and a pool of two print lines; the pool's workers exit before the app prints "done". Prints
    /// "child pid: N" and "worker pids: N,M" for the test to match prefixes against.
    /// </summary>
    public static async Task<int> RunAsync()
    {
        await using (var child = ChildProcess.Start(
            PrintingMethods.Calls.PrintLines("named", 100_000), new ChildProcessOptions { Name = "Printer", PrefixOutput = true }))
        {
            Console.WriteLine($"child pid: {child.Pid}");
            await child.JoinAsync();
        }

        var pids = new HashSet<int>();
        await using (var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2, PrefixOutput = true, StartEagerly = true }))
        {
            await pool.StartAsync();
            pids.UnionWith(pool.WorkerProcessIds);
            int[] ran = await pool.MapAsync([1, 2, 3, 4], i => PrintingMethods.Calls.PrintLines("item " + i, 0), new MapOptions { ChunkSize = 1 });
            Console.WriteLine($"worker pids: {string.Join(",", pids)}");
            Console.WriteLine($"ran in: {string.Join(",", ran)}");
        }

        Console.WriteLine("done");
        return 0;
    }

    /// <summary>
    /// A prefixed child starts a grandchild that inherits its output and sleeps: the child's exit must be reported
    /// within the drain limit anyway. Prints "joined in N ms" and the grandchild's pid, then kills it.
    /// </summary>
    public static async Task<int> RunWithGrandchildAsync()
    {
        var clock = Stopwatch.StartNew();
        int grandchild;
        await using (var child = ChildProcess.Start(PrintingMethods.Calls.StartSleeper(), new ChildProcessOptions { PrefixOutput = true }))
        {
            grandchild = await child.JoinAsync();
        }

        Console.WriteLine($"joined in {clock.ElapsedMilliseconds} ms");
        Console.WriteLine($"grandchild pid: {grandchild}");
        using (Process sleeper = Process.GetProcessById(grandchild))
        {
            sleeper.Kill();
            sleeper.WaitForExit();
        }

        Console.WriteLine("done");
        return 0;
    }
}

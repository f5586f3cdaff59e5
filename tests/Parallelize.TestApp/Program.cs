using Parallelize;
using Parallelize.TestApp;
using Parallelize.TestLibrary;

// Modes, chosen by the first argument:
//   run     runs a method of the app and one of a referenced library in children, printing what they return
//   orphan  starts a child that sleeps for a minute, prints "child pid: N", then waits to be killed
//   pool    starts a pool of two workers busy with long calls, prints "worker pids: N,M", then waits to be killed
//   daemons starts a non-daemon and a daemon child and returns from Main at once (see DaemonMode)
//   prefix  runs a named child and a pool whose output is prefixed (see PrefixMode)
//   prefix-grandchild  runs a prefixed child that leaves a sleeping grandchild holding its output (see PrefixMode)
switch (args.FirstOrDefault())
{
    case "run":
        Console.WriteLine($"parent pid: {Environment.ProcessId}");
        await using (var child = ChildProcess.Start(AppMethods.Calls.Describe("app")))
        {
            Console.WriteLine(await child.JoinAsync());
        }

        Console.WriteLine(await LibraryMethods.InProcess.Describe("library"));
        Console.WriteLine("done");
        return 0;

    case "orphan":
        var sleeper = ChildProcess.Start(LibraryMethods.Calls.Sleep(60_000));
        Console.WriteLine($"child pid: {sleeper.Pid}");
        await Task.Delay(Timeout.Infinite);
        return 0;

    case "pool":
        var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });
        await pool.StartAsync();
        _ = pool.MapAsync([1, 2], _ => LibraryMethods.Calls.Sleep(60_000), new MapOptions { ChunkSize = 1 });
        Console.WriteLine($"worker pids: {string.Join(",", pool.WorkerProcessIds)}");
        await Task.Delay(Timeout.Infinite);
        return 0;

    case "daemons":
        return DaemonMode.Run();

    case "prefix":
        return await PrefixMode.RunAsync();

    case "prefix-grandchild":
        return await PrefixMode.RunWithGrandchildAsync();

    default:
        Console.Error.WriteLine("usage: Parallelize.TestApp run|orphan|pool|daemons|prefix|prefix-grandchild");
        return 2;
}

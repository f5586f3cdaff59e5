using Parallelize;
using Parallelize.TestLibrary;

namespace Parallelize.TestApp;

/// <summary>
/// The "daemons" mode: starts a non-daemon child that works until the test lets it finish and a daemon child that
/// sleeps for a minute, prints where they are, and returns from <c>Main</c> without joining either.
/// </summary>
internal static class DaemonMode
{
    public static int Run()
    {
        string directory = Directory.CreateTempSubdirectory("parallelize-daemons-").FullName;
        var nonDaemon = ChildProcess.Start(
            LifetimeMethods.Calls.WaitThenWrite(Path.Combine(directory, "go"), Path.Combine(directory, "done")),
            new ChildProcessOptions { Daemon = false });
        var daemon = ChildProcess.Start(LibraryMethods.Calls.Sleep(60_000));
        Console.WriteLine($"directory: {directory}");
        Console.WriteLine($"non-daemon pid: {nonDaemon.Pid}");
        Console.WriteLine($"daemon pid: {daemon.Pid}");
        Console.WriteLine("main returns");
        return 0;
    }
}

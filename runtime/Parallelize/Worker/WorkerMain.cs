namespace Parallelize.Worker;

/// <summary>
/// The entry point of a worker started as <c>dotnet exec … Parallelize.dll {settings}</c>: no application code runs
/// before the worker loop, and no startup hook or environment variable is needed to get there.
/// </summary>
internal static class WorkerMain
{
    private static int Main(string[] args)
    {
        if (args.Length == 1)
        {
            WorkerHost.Run(Hosting.WorkerSettings.Parse(args[0]));
        }

        // Only reached when someone runs Parallelize.dll by hand.
        Console.Error.WriteLine("Parallelize.dll is a library; it runs as a program only as a worker started by Parallelize.");
        return 2;
    }
}

using System.Globalization;

namespace StartLatency;

/// <summary>
/// The NativeAOT build's side (<c>StartLatency serve NATIVE_BARE_APP</c>): for each line "child" or "bare" on standard
/// input, one measurement, its milliseconds on standard output. The JIT build drives it (<see cref="NativePeer"/>).
/// </summary>
internal static class NativeServer
{
    public static int Serve(string bareApp)
    {
        while (Console.In.ReadLine() is { } what)
        {
            double ms = what switch
            {
                "child" => Probes.ChildAsync().GetAwaiter().GetResult(),
                // posix_spawn and waitpid, as Parallelize starts a child: the floor is the runtime's start alone.
                "bare" => RawSpawn.Run(bareApp),
                _ => throw new InvalidOperationException($"unknown request '{what}'"),
            };
            Console.Out.WriteLine(ms.ToString("R", CultureInfo.InvariantCulture));
            Console.Out.Flush();
        }

        return 0;
    }
}

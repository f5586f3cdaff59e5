using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Parallelize;
using StartLatency;

// Child start -> result for a trivial call, next to a bare `dotnet BareApp.dll` start -> exit, interleaved in one run
// so both see the same machine load. Prints one JSON line.
int runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
string bareApp = Path.GetFullPath(typeof(Trivial).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
    .Single(a => a.Key == "BareAppPath").Value!);

// Warm both paths once: the first start of anything pays for disk cache misses.
await RunChildAsync();
RunBare(bareApp);

var child = new List<double>();
var bare = new List<double>();
for (int i = 0; i < runs; i++)
{
    child.Add(await RunChildAsync());
    bare.Add(RunBare(bareApp));
}

double childMedian = Median(child);
double bareMedian = Median(bare);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{{\"bench\":\"start_latency\",\"runs\":{runs},\"child_start_to_result_ms\":{{\"median\":{childMedian:F1},\"min\":{child.Min():F1}}}," +
    $"\"bare_dotnet_start_ms\":{{\"median\":{bareMedian:F1},\"min\":{bare.Min():F1}}},\"ratio\":{childMedian / bareMedian:F2}}}"));
return 0;

static async Task<double> RunChildAsync()
{
    long start = Stopwatch.GetTimestamp();
    await using ChildProcess<int> child = ChildProcess.Start(Trivial.Calls.Answer());
    if (await child.JoinAsync() != 42)
    {
        throw new InvalidOperationException("wrong answer");
    }

    return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}

static double RunBare(string path)
{
    long start = Stopwatch.GetTimestamp();
    using Process bare = Process.Start(new ProcessStartInfo("dotnet", [path]) { UseShellExecute = false })!;
    bare.WaitForExit();
    return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}

static double Median(List<double> samples)
{
    double[] sorted = [.. samples.Order()];
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

using System.Globalization;
using System.Reflection;
using StartLatency;

// Child start -> result -> exit for a trivial call, next to a bare start -> exit of an empty app (the floor), for the
// JIT and for NativeAOT, interleaved row by row in one run so that every variant sees the same machine load.
//
//   dotnet StartLatency.dll [runs] [NATIVE_START_LATENCY NATIVE_BARE_APP]
//       The JIT variants, measured here: our child (this app started again as a worker) and `dotnet BareApp.dll`.
//       Given the NativeAOT builds of this app and of BareApp, also the NativeAOT variants, measured inside the native
//       app (a child is always the parent's own executable, so only a native parent starts native children). Prints one
//       JSON line per variant.
//   NATIVE_START_LATENCY serve NATIVE_BARE_APP
//       The NativeAOT build, serving the JIT build: see NativeServer.
if (args.Length == 2 && args[0] == "serve")
{
    return NativeServer.Serve(args[1]);
}

int runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
string bareApp = Path.GetFullPath(typeof(Trivial).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
    .Single(a => a.Key == "BareAppPath").Value!);
using NativePeer? native = args.Length >= 3 ? NativePeer.Start(args[1], args[2]) : null;

var variants = new List<Variant>
{
    new("jit_child", "Parallelize JIT: `ChildProcess.Start(Trivial.Calls.Answer())` -> `JoinAsync()` returns 42, child exited",
        Probes.ChildAsync),
    new("jit_bare", "JIT floor: bare `dotnet BareApp.dll` (empty Main), start -> exit",
        () => Task.FromResult(Probes.Bare("dotnet", bareApp))),
};
if (native is not null)
{
    variants.Add(new("native_child", "Parallelize NativeAOT: the same call from a NativeAOT parent, its child the same native executable",
        () => Task.FromResult(native.Measure("child"))));
    variants.Add(new("native_bare", "NativeAOT floor: bare native BareApp (empty Main), posix_spawn -> waitpid",
        () => Task.FromResult(native.Measure("bare"))));
}

// Warm every path once: the first start of anything pays for disk cache misses.
foreach (Variant variant in variants)
{
    await variant.Measure();
}

double loadStart = Samples.LoadAverage();
var samples = variants.ToDictionary(v => v, _ => new List<double>());
for (int row = 0; row < runs; row++)
{
    // Each row starts with the next variant, so none is always the one that runs right after another's exit.
    for (int i = 0; i < variants.Count; i++)
    {
        Variant variant = variants[(row + i) % variants.Count];
        samples[variant].Add(await variant.Measure());
    }
}

double loadEnd = Samples.LoadAverage();
foreach (Variant variant in variants)
{
    Console.WriteLine(Samples.JsonLine(variant.Name, variant.What, samples[variant], loadStart, loadEnd));
}

return 0;

internal sealed record Variant(string Name, string What, Func<Task<double>> Measure);

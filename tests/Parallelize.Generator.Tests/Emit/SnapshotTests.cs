using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Emit;

/// <summary>
/// The generated files for representative inputs, compared with the verified files in Snapshots/ and compiled
/// without a single warning. Each test also pins the contract points a reviewer could miss in a long snapshot.
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public void ContractExample()
    {
        // The example of docs/dev/generator-contract.md, in an assembly named like the example's base("Samples", ...).
        var run = GeneratorHarness.Run(
            """
            using System.Threading.Tasks;
            using Parallelize;

            namespace Samples;

            public enum Level : byte { Debug, Info, Warning }

            public static partial class Primes
            {
                [RunInProcess]
                public static long Count(long from, long to = 100) => to - from;

                [RunInProcess]
                internal static async Task<string[]> NamesAsync(string prefix)
                {
                    await Task.Yield();
                    return [prefix + "2", prefix + "3"];
                }

                [RunInProcess]
                public static void Log(Level level) { }
            }
            """,
            assemblyName: "Samples");

        Check(run, ["Samples.Primes.Parallelize.g.cs", "Parallelize.Dispatch.g.cs", "Parallelize.Serializers.g.cs"]);
        var calls = run.Source("Samples.Primes.Parallelize.g.cs");
        var countId = Fnv1a.Literal(Fnv1a.Hash32("Samples.Primes.Count(long,long)->long"));
        Assert.Contains($": base(\"Samples\", {countId}, \"Samples.Primes.Count\")", calls, StringComparison.Ordinal);
        Assert.Contains("public static global::Parallelize.Call<long> Count(long from, long to = 100) => new __CountCall(from, to);", calls, StringComparison.Ordinal);
        Assert.Contains("internal static global::Parallelize.Call<string[]> NamesAsync(string prefix) => new __NamesAsyncCall(prefix);", calls, StringComparison.Ordinal);
        Assert.Contains("public static global::Parallelize.Call Log(global::Samples.Level level) => new __LogCall(level);", calls, StringComparison.Ordinal);
        Assert.Contains("writer.WriteByte((byte)this.level);", calls, StringComparison.Ordinal);
        // InProcess: the method's parameters as they are, then again without defaults and with a required token.
        Assert.Contains("public static global::System.Threading.Tasks.Task<long> Count(long from, long to = 100)\n", calls, StringComparison.Ordinal);
        Assert.Contains("public static global::System.Threading.Tasks.Task<long> Count(long from, long to, global::System.Threading.CancellationToken cancellationToken)\n", calls, StringComparison.Ordinal);
        // Methods: a tuple for several arguments, the T of Task<T>, and nothing for a void method.
        Assert.Contains("public static global::Parallelize.RemoteMethod<(long from, long to), long> Count { get; } = new __CountMethod();", calls, StringComparison.Ordinal);
        Assert.Contains($": base(\"Samples\", {countId}, \"Samples.Primes.Count\", observesCancellation: false)", calls, StringComparison.Ordinal);
        Assert.Contains("internal static global::Parallelize.RemoteMethod<string, string[]> NamesAsync { get; } = new __NamesAsyncMethod();", calls, StringComparison.Ordinal);
        Assert.DoesNotContain("__LogMethod", calls, StringComparison.Ordinal);

        var dispatch = run.Source("Parallelize.Dispatch.g.cs");
        Assert.Contains("global::Parallelize.Dispatch.DispatcherRegistry.Register(\"Samples\", new ParallelizeDispatch().Invoke);", dispatch, StringComparison.Ordinal);
        Assert.Contains($"case {countId}: // Samples.Primes.Count(long, long)", dispatch, StringComparison.Ordinal);
        Assert.Contains("throw global::Parallelize.Dispatch.DispatcherRegistry.UnknownMethod(\"Samples\", methodId);", dispatch, StringComparison.Ordinal);
        // The module initializer only registers: hosting the worker loop there would deadlock other threads.
        Assert.DoesNotContain("RunIfWorker", dispatch, StringComparison.Ordinal);
    }

    [Fact]
    public void GlobalNamespaceType()
    {
        var run = GeneratorHarness.Run(
            """
            using Parallelize;

            public static partial class Calculator
            {
                [RunInProcess]
                public static int Add(int a, int b) => a + b;
            }
            """);

        Check(run, ["Calculator.Parallelize.g.cs", "Parallelize.Dispatch.g.cs"]);
        Assert.DoesNotContain("namespace ", run.Source("Calculator.Parallelize.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void NestedTypeInStructAndRecord()
    {
        var run = GeneratorHarness.Run(
            """
            using Parallelize;

            namespace Samples.Geometry;

            public partial struct Outer
            {
                public partial record Inner
                {
                    [RunInProcess]
                    public static double Area(double width, double height) => width * height;
                }
            }
            """);

        Check(run, ["Samples.Geometry.Outer.Inner.Parallelize.g.cs", "Parallelize.Dispatch.g.cs"]);
        var calls = run.Source("Samples.Geometry.Outer.Inner.Parallelize.g.cs");
        Assert.Contains("partial struct Outer", calls, StringComparison.Ordinal);
        Assert.Contains("partial record Inner", calls, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordStructAndInterface()
    {
        var run = GeneratorHarness.Run(
            """
            using Parallelize;

            namespace Samples;

            public readonly partial record struct Point(int X, int Y)
            {
                [RunInProcess]
                public static int Distance(int x, int y) => x + y;
            }

            public partial interface IShapes
            {
                [RunInProcess]
                public static int Sides(int shape) => shape;
            }
            """);

        Check(run, ["Samples.IShapes.Parallelize.g.cs", "Samples.Point.Parallelize.g.cs", "Parallelize.Dispatch.g.cs"]);
        // Reopened with no other modifiers: "readonly" or "public" would be legal but is not the contract's shape.
        Assert.Contains("    partial record struct Point\n", run.Source("Samples.Point.Parallelize.g.cs"), StringComparison.Ordinal);
        Assert.Contains("    partial interface IShapes\n", run.Source("Samples.IShapes.Parallelize.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void AllPrimitiveParameterTypes()
    {
        var run = GeneratorHarness.Run(
            """
            using Parallelize;

            namespace Samples;

            public static partial class Primitives
            {
                [RunInProcess]
                public static string All(
                    bool a, byte b, sbyte c, short d, ushort e, int f, uint g, long h, ulong i,
                    char j, float k, double l, decimal m, nint n, nuint o, string p) => p;
            }
            """);

        Check(run, ["Samples.Primitives.Parallelize.g.cs", "Parallelize.Dispatch.g.cs"]);
        var calls = run.Source("Samples.Primitives.Parallelize.g.cs");
        foreach (var write in new[]
                 {
                     "WriteBoolean(this.a)", "WriteByte(this.b)", "WriteSByte(this.c)", "WriteInt16(this.d)",
                     "WriteUInt16(this.e)", "WriteInt32(this.f)", "WriteUInt32(this.g)", "WriteInt64(this.h)",
                     "WriteUInt64(this.i)", "WriteChar(this.j)", "WriteSingle(this.k)", "WriteDouble(this.l)",
                     "WriteDecimal(this.m)", "WriteIntPtr(this.n)", "WriteUIntPtr(this.o)", "WriteString(this.p)",
                 })
        {
            Assert.Contains("writer." + write + ";", calls, StringComparison.Ordinal);
        }

        var dispatch = run.Source("Parallelize.Dispatch.g.cs");
        var reads = new[]
        {
            "ReadBoolean()", "ReadByte()", "ReadSByte()", "ReadInt16()", "ReadUInt16()", "ReadInt32()", "ReadUInt32()",
            "ReadInt64()", "ReadUInt64()", "ReadChar()", "ReadSingle()", "ReadDouble()", "ReadDecimal()", "ReadIntPtr()",
            "ReadUIntPtr()", "ReadString()!",
        };
        for (var i = 0; i < reads.Length; i++)
        {
            Assert.Contains($"var arg{i} = reader.{reads[i]};", dispatch, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Arrays()
    {
        var run = GeneratorHarness.Run(
            """
            using Parallelize;

            namespace Samples;

            public enum Color { Red, Green }

            public static partial class Arrays
            {
                [RunInProcess]
                public static int[][] All(byte[] a, string[] b, int[][] c, Color[] d, decimal[] e, bool[] f, string[][] g) => c;
            }
            """);

        Check(run, ["Samples.Arrays.Parallelize.g.cs", "Parallelize.Dispatch.g.cs", "Parallelize.Serializers.g.cs"]);
        var calls = run.Source("Samples.Arrays.Parallelize.g.cs");
        Assert.Contains("writer.WriteUnmanagedArray<byte>(this.a);", calls, StringComparison.Ordinal);
        Assert.Contains("writer.WriteUnmanagedArray<global::Samples.Color>(this.d);", calls, StringComparison.Ordinal);
        Assert.Contains("global::Parallelize.Generated.Serializers_Tests.Write(writer, this.b);", calls, StringComparison.Ordinal);
        // Jagged arrays: one overload per level, each writing its items with the next.
        var serializers = run.Source("Parallelize.Serializers.g.cs");
        Assert.Contains("public static void Write(global::Parallelize.Serialization.WireWriter writer, string[][] value)", serializers, StringComparison.Ordinal);
        Assert.Contains("value = new string[count][];", serializers, StringComparison.Ordinal);
    }

    [Fact]
    public void ResultShapes()
    {
        var run = GeneratorHarness.Run(
            """
            using System.Threading.Tasks;
            using Parallelize;

            namespace Samples;

            public static partial class Results
            {
                [RunInProcess]
                public static void Nothing() { }

                [RunInProcess]
                public static Task NothingAsync() => Task.CompletedTask;

                [RunInProcess]
                public static ValueTask NothingValueAsync() => default;

                [RunInProcess]
                public static Task<int> NumberAsync() => Task.FromResult(1);

                [RunInProcess]
                public static ValueTask<decimal> PriceValueAsync() => new(1.5m);

                [RunInProcess]
                public static ValueTask<string[]> NamesValueAsync() => new(["a"]);
            }
            """);

        Check(run, ["Samples.Results.Parallelize.g.cs", "Parallelize.Dispatch.g.cs", "Parallelize.Serializers.g.cs"]);
        var calls = run.Source("Samples.Results.Parallelize.g.cs");
        Assert.Contains("public static global::Parallelize.Call NothingAsync() => new __NothingAsyncCall();", calls, StringComparison.Ordinal);
        Assert.Contains("public static global::Parallelize.Call NothingValueAsync() => new __NothingValueAsyncCall();", calls, StringComparison.Ordinal);
        Assert.Contains("public static global::Parallelize.Call<decimal> PriceValueAsync() => new __PriceValueAsyncCall();", calls, StringComparison.Ordinal);

        var dispatch = run.Source("Parallelize.Dispatch.g.cs");
        Assert.Contains("return new global::System.Threading.Tasks.ValueTask(global::Samples.Results.NothingAsync());", dispatch, StringComparison.Ordinal);
        Assert.Contains("return global::Samples.Results.NothingValueAsync();", dispatch, StringComparison.Ordinal);
        Assert.Contains("global::Parallelize.Dispatch.DispatchResults.WriteWhenDone(global::Samples.Results.PriceValueAsync(), result, ", dispatch, StringComparison.Ordinal);
    }

    [Fact]
    public void Overloads()
    {
        var run = GeneratorHarness.Run(
            """
            using Parallelize;

            namespace Samples;

            public static partial class Math2
            {
                [RunInProcess]
                public static int Sum(int a, int b) => a + b;

                [RunInProcess]
                public static long Sum(long a, long b) => a + b;

                [RunInProcess]
                public static int Single(int a) => a;
            }
            """);

        Check(run, ["Samples.Math2.Parallelize.g.cs", "Parallelize.Dispatch.g.cs"]);
        var calls = run.Source("Samples.Math2.Parallelize.g.cs");
        var intId = Fnv1a.Hash32("Samples.Math2.Sum(int,int)->int");
        var longId = Fnv1a.Hash32("Samples.Math2.Sum(long,long)->long");
        Assert.Contains($"class __SumCall_{intId:X8}", calls, StringComparison.Ordinal);
        Assert.Contains($"class __SumCall_{longId:X8}", calls, StringComparison.Ordinal);
        // Only names with several marked overloads take the id suffix.
        Assert.Contains("class __SingleCall ", calls, StringComparison.Ordinal);
        // A property cannot be overloaded: Sum gets none in Methods, Single does.
        Assert.DoesNotContain("__SumMethod", calls, StringComparison.Ordinal);
        Assert.Contains("public static global::Parallelize.RemoteMethod<int, int> Single { get; } = new __SingleMethod();", calls, StringComparison.Ordinal);
    }

    [Fact]
    public void ParameterNames()
    {
        var run = GeneratorHarness.Run(
            """
            using Parallelize;

            namespace Samples;

            public static partial class Names
            {
                [RunInProcess]
                public static int Token(int cancellationToken) => cancellationToken;

                [RunInProcess]
                public static int Both(int cancellationToken, int _cancellationToken) => cancellationToken + _cancellationToken;

                [RunInProcess]
                public static int Keyword(int @class, string @event, int writer, int reader) => @class + writer + reader;
            }
            """);

        Check(run, ["Samples.Names.Parallelize.g.cs", "Parallelize.Dispatch.g.cs"]);
        var calls = run.Source("Samples.Names.Parallelize.g.cs");
        Assert.Contains("Token(int cancellationToken, global::System.Threading.CancellationToken _cancellationToken)\n", calls, StringComparison.Ordinal);
        Assert.Contains("Both(int cancellationToken, int _cancellationToken, global::System.Threading.CancellationToken __cancellationToken)\n", calls, StringComparison.Ordinal);
        Assert.Contains("private readonly int @class;", calls, StringComparison.Ordinal);
        Assert.Contains("this.@class = @class;", calls, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultValues()
    {
        var run = GeneratorHarness.Run(
            """
            using Parallelize;

            namespace Samples;

            public enum Level : byte { Debug, Info, Warning }

            public static partial class Defaults
            {
                [RunInProcess]
                public static int All(
                    string text = "x",
                    string quoted = "say \"hi\"\n\\",
                    bool flag = true,
                    Level level = Level.Warning,
                    double ratio = 1.5,
                    float scale = 1.5f,
                    decimal price = 2m,
                    string? missing = null,
                    int negative = -1,
                    char letter = 'y',
                    long big = 9000000000) => 0;
            }
            """);

        Check(run, ["Samples.Defaults.Parallelize.g.cs", "Parallelize.Dispatch.g.cs"]);
        var calls = run.Source("Samples.Defaults.Parallelize.g.cs");
        foreach (var expected in new[]
                 {
                     "string text = \"x\"", "bool flag = true", "global::Samples.Level level = (global::Samples.Level)2",
                     "double ratio = 1.5", "float scale = 1.5f", "decimal price = 2m", "string? missing = null",
                     "int negative = -1",
                 })
        {
            Assert.Contains(expected, calls, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CancellationTokenParameter()
    {
        var run = GeneratorHarness.Run(
            """
            using System.Threading;
            using System.Threading.Tasks;
            using Parallelize;

            namespace Samples;

            public static partial class Tokens
            {
                [RunInProcess]
                public static async Task<long> CountAsync(long limit, CancellationToken cancellationToken)
                {
                    await Task.Delay(1, cancellationToken);
                    return limit;
                }

                [RunInProcess]
                public static int Optional(int a, CancellationToken ct = default) => ct.IsCancellationRequested ? -a : a;

                [RunInProcess]
                public static string Middle(int a, CancellationToken ct, string b) => b + a;

                [RunInProcess]
                public static void Wait(CancellationToken token) => token.WaitHandle.WaitOne(0);

                [RunInProcess]
                public static int Plain(int a) => a;
            }
            """,
            assemblyName: "Samples");

        Check(run, ["Parallelize.Dispatch.g.cs", "Samples.Tokens.Parallelize.g.cs"]);
        var calls = Snapshot.Normalize(run.Source("Samples.Tokens.Parallelize.g.cs"));

        // Calls carry what travels: the token is left out of the factory, the constructor and the fields.
        Assert.Contains("public static global::Parallelize.Call<long> CountAsync(long limit) => new __CountAsyncCall(limit);", calls, StringComparison.Ordinal);
        Assert.Contains("public static global::Parallelize.Call<int> Optional(int a) => new __OptionalCall(a);", calls, StringComparison.Ordinal);
        Assert.Contains("public static global::Parallelize.Call<string> Middle(int a, string b) => new __MiddleCall(a, b);", calls, StringComparison.Ordinal);
        Assert.Contains("public static global::Parallelize.Call Wait() => new __WaitCall();", calls, StringComparison.Ordinal);
        Assert.DoesNotContain("private readonly global::System.Threading.CancellationToken", calls, StringComparison.Ordinal);
        Assert.Contains("public __MiddleCall(int a, string b)\n", calls, StringComparison.Ordinal);
        Assert.Contains("public __WaitCall()\n", calls, StringComparison.Ordinal);

        // Only a method that takes a token observes cancellation; the id is the method's full signature, token included.
        var countId = Fnv1a.Literal(Fnv1a.Hash32("Samples.Tokens.CountAsync(long,System.Threading.CancellationToken)->System.Threading.Tasks.Task<long>"));
        Assert.Contains($": base(\"Samples\", {countId}, \"Samples.Tokens.CountAsync\", observesCancellation: true)", calls, StringComparison.Ordinal);
        // Four call classes, and the Methods descriptors of the three that carry an argument (Wait carries none).
        Assert.Equal(7, calls.Split("observesCancellation: true").Length - 1);
        Assert.Contains(", \"Samples.Tokens.Plain\")\n", calls, StringComparison.Ordinal);
        Assert.Contains(", \"Samples.Tokens.Plain\", observesCancellation: false)\n", calls, StringComparison.Ordinal);
        Assert.Contains("public static global::Parallelize.RemoteMethod<(int a, string b), string> Middle { get; } = new __MiddleMethod();", calls, StringComparison.Ordinal);
        Assert.DoesNotContain("__WaitMethod", calls, StringComparison.Ordinal);

        // The shortcut takes the method's own token, in its place and with its default, and adds none; a method
        // without a token gets a shortcut without one and another with a required one.
        foreach (var shortcut in new[]
                 {
                     "Task<long> CountAsync(long limit, global::System.Threading.CancellationToken cancellationToken)\n" +
                     "                => global::Parallelize.CallExecutor.Default.RunAsync(global::Samples.Tokens.Calls.CountAsync(limit), cancellationToken);",
                     "Task<int> Optional(int a, global::System.Threading.CancellationToken ct = default)\n" +
                     "                => global::Parallelize.CallExecutor.Default.RunAsync(global::Samples.Tokens.Calls.Optional(a), ct);",
                     "Task<string> Middle(int a, global::System.Threading.CancellationToken ct, string b)\n" +
                     "                => global::Parallelize.CallExecutor.Default.RunAsync(global::Samples.Tokens.Calls.Middle(a, b), ct);",
                     "Task Wait(global::System.Threading.CancellationToken token)\n" +
                     "                => global::Parallelize.CallExecutor.Default.RunAsync(global::Samples.Tokens.Calls.Wait(), token);",
                     "Task<int> Plain(int a)\n" +
                     "                => global::Parallelize.CallExecutor.Default.RunAsync(global::Samples.Tokens.Calls.Plain(a));",
                     "Task<int> Plain(int a, global::System.Threading.CancellationToken cancellationToken)\n" +
                     "                => global::Parallelize.CallExecutor.Default.RunAsync(global::Samples.Tokens.Calls.Plain(a), cancellationToken);",
                 })
        {
            Assert.Contains(shortcut, calls, StringComparison.Ordinal);
        }

        // Dispatch passes its own token for the parameter and reads only the arguments that travel.
        var dispatch = Snapshot.Normalize(run.Source("Parallelize.Dispatch.g.cs"));
        Assert.Contains("global::System.Threading.CancellationToken cancellationToken)\n", dispatch, StringComparison.Ordinal);
        Assert.Contains(
            "var arg0 = reader.ReadInt32();\n                    var arg1 = cancellationToken;\n                    var arg2 = reader.ReadString()!;\n" +
            "                    result.WriteString(global::Samples.Tokens.Middle(arg0, arg1, arg2));",
            dispatch,
            StringComparison.Ordinal);
        Assert.Contains("var arg0 = cancellationToken;\n                    global::Samples.Tokens.Wait(arg0);", dispatch, StringComparison.Ordinal);
        Assert.Equal(4, dispatch.Split("= cancellationToken;").Length - 1);
    }

    [Fact]
    public void ProgressParameter()
    {
        var run = GeneratorHarness.Run(
            """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Parallelize;

            namespace Samples;

            public sealed record Step(int Done, string Label);

            public static partial class Reports
            {
                [RunInProcess]
                public static int CountTo(int n, IProgress<int> progress)
                {
                    for (int i = 1; i <= n; i++)
                    {
                        progress.Report(i);
                    }

                    return n;
                }

                [RunInProcess]
                public static async Task<string> StepsAsync(IProgress<Step> progress, string name, CancellationToken cancellationToken)
                {
                    await Task.Delay(1, cancellationToken);
                    progress.Report(new Step(1, name));
                    return name;
                }

                [RunInProcess]
                public static void Log(string text, IProgress<string?>? progress = null) => progress?.Report(text);
            }
            """,
            assemblyName: "Samples");

        Check(run, ["Parallelize.Dispatch.g.cs", "Parallelize.Serializers.g.cs", "Samples.Reports.Parallelize.g.cs"]);
        var calls = Snapshot.Normalize(run.Source("Samples.Reports.Parallelize.g.cs"));

        // The factory takes the caller's instance like any argument; the call holds it and writes only whether it
        // exists, then reads each reported value and posts it to the relay, which calls Report off the reader thread.
        Assert.Contains("public static global::Parallelize.Call<int> CountTo(int n, global::System.IProgress<int> progress) => new __CountToCall(n, progress);", calls, StringComparison.Ordinal);
        Assert.Contains("public static global::Parallelize.Call Log(string text, global::System.IProgress<string?>? progress = null) => new __LogCall(text, progress);", calls, StringComparison.Ordinal);
        Assert.Contains("private readonly global::System.IProgress<int> progress;", calls, StringComparison.Ordinal);
        Assert.Contains("writer.WriteInt32(this.n);\n                    writer.WriteBoolean(this.progress is not null);\n", calls, StringComparison.Ordinal);
        Assert.Contains(
            "protected override void ReadProgress(ref global::Parallelize.Serialization.WireReader reader, global::Parallelize.Dispatch.ProgressRelay relay)\n" +
            "                {\n                    var value = reader.ReadInt32();\n                    relay.Post<int>(this.progress, value);\n",
            calls,
            StringComparison.Ordinal);
        Assert.Contains("global::Parallelize.Generated.Serializers_Samples.Read(ref reader, out global::Samples.Step value);\n                    relay.Post<global::Samples.Step>(this.progress, value);", calls, StringComparison.Ordinal);
        Assert.Contains("relay.Post<string?>(this.progress, value);", calls, StringComparison.Ordinal);
        Assert.Equal(3, calls.Split("protected override void ReadProgress(").Length - 1);

        // Methods has no property for a method that reports: a map has no caller's instance per item.
        Assert.DoesNotContain("__CountToMethod", calls, StringComparison.Ordinal);
        Assert.DoesNotContain("__StepsAsyncMethod", calls, StringComparison.Ordinal);

        // The shortcuts pass the instance on to the call.
        Assert.Contains(
            "Task<int> CountTo(int n, global::System.IProgress<int> progress, global::System.Threading.CancellationToken cancellationToken)\n" +
            "                => global::Parallelize.CallExecutor.Default.RunAsync(global::Samples.Reports.Calls.CountTo(n, progress), cancellationToken);",
            calls,
            StringComparison.Ordinal);
        Assert.Contains(
            "Task<string> StepsAsync(global::System.IProgress<global::Samples.Step> progress, string name, global::System.Threading.CancellationToken cancellationToken)\n" +
            "                => global::Parallelize.CallExecutor.Default.RunAsync(global::Samples.Reports.Calls.StepsAsync(progress, name), cancellationToken);",
            calls,
            StringComparison.Ordinal);

        // The child reads the flag at the parameter's place and gets a reporter that writes T as a result would be.
        var dispatch = Snapshot.Normalize(run.Source("Parallelize.Dispatch.g.cs"));
        Assert.Contains(
            "var arg0 = reader.ReadInt32();\n                    var arg1 = global::Parallelize.Dispatch.ProgressReporter.Read<int>(ref reader, static (w0, v0) => w0.WriteInt32(v0));\n" +
            "                    result.WriteInt32(global::Samples.Reports.CountTo(arg0, arg1));",
            dispatch,
            StringComparison.Ordinal);
        Assert.Contains(
            "var arg0 = global::Parallelize.Dispatch.ProgressReporter.Read<global::Samples.Step>(ref reader, static (w0, v0) => global::Parallelize.Generated.Serializers_Samples.Write(w0, v0));\n" +
            "                    var arg1 = reader.ReadString()!;\n                    var arg2 = cancellationToken;\n",
            dispatch,
            StringComparison.Ordinal);

        // The id lists the parameter's type like any other.
        var countToId = Fnv1a.Literal(Fnv1a.Hash32("Samples.Reports.CountTo(int,System.IProgress<int>)->int"));
        Assert.Contains($"case {countToId}: // Samples.Reports.CountTo(int, global::System.IProgress<int>)", dispatch, StringComparison.Ordinal);
    }

    [Fact]
    public void LoggerParameter()
    {
        var run = GeneratorHarness.Run(
            """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Logging;
            using Parallelize;

            namespace Samples;

            public sealed class Resizer;

            public static partial class Jobs
            {
                [RunInProcess]
                public static int Resize(string file, int width, ILogger<Resizer> logger)
                {
                    logger.LogInformation("Resized {File} to {Width}px", file, width);
                    return width;
                }

                [RunInProcess]
                public static async Task<string> ScanAsync(ILogger logger, string path, CancellationToken cancellationToken)
                {
                    await Task.Delay(1, cancellationToken);
                    logger.LogDebug("Scanned {Path}", path);
                    return path;
                }

                [RunInProcess]
                public static void Note(string text, ILogger? logger = null) => logger?.LogWarning("{Text}", text);
            }
            """,
            assemblyName: "Samples");

        Check(run, ["Parallelize.Dispatch.g.cs", "Samples.Jobs.Parallelize.g.cs"]);
        var calls = Snapshot.Normalize(run.Source("Samples.Jobs.Parallelize.g.cs"));

        // The factory takes the caller's logger like any argument; the call holds it, writes its lowest enabled level
        // as it is sent, and names it for the runtime, which logs the child's entries on it.
        Assert.Contains("public static global::Parallelize.Call<int> Resize(string file, int width, global::Microsoft.Extensions.Logging.ILogger<global::Samples.Resizer> logger) => new __ResizeCall(file, width, logger);", calls, StringComparison.Ordinal);
        Assert.Contains("public static global::Parallelize.Call Note(string text, global::Microsoft.Extensions.Logging.ILogger? logger = null) => new __NoteCall(text, logger);", calls, StringComparison.Ordinal);
        Assert.Contains("writer.WriteInt32(this.width);\n                    global::Parallelize.Dispatch.LoggerForwarding.WriteMinimumLevel(writer, this.logger);\n", calls, StringComparison.Ordinal);
        Assert.Contains("protected override global::Microsoft.Extensions.Logging.ILogger? Logger => this.logger;", calls, StringComparison.Ordinal);
        Assert.Equal(3, calls.Split("protected override global::Microsoft.Extensions.Logging.ILogger? Logger").Length - 1);

        // Methods has no property for a method that logs: a selector of Calls passes the logger.
        Assert.DoesNotContain("__ResizeMethod", calls, StringComparison.Ordinal);

        // The child reads the level at the parameter's place and gets a logger of the parameter's own type.
        var dispatch = Snapshot.Normalize(run.Source("Parallelize.Dispatch.g.cs"));
        Assert.Contains(
            "var arg1 = reader.ReadInt32();\n                    var arg2 = global::Parallelize.Dispatch.LoggerForwarding.Read<global::Samples.Resizer>(ref reader);\n",
            dispatch,
            StringComparison.Ordinal);
        Assert.Contains(
            "var arg0 = global::Parallelize.Dispatch.LoggerForwarding.Read(ref reader);\n                    var arg1 = reader.ReadString()!;\n                    var arg2 = cancellationToken;\n",
            dispatch,
            StringComparison.Ordinal);

        // The id lists the parameter's type like any other.
        var resizeId = Fnv1a.Literal(Fnv1a.Hash32("Samples.Jobs.Resize(string,int,Microsoft.Extensions.Logging.ILogger<Samples.Resizer>)->int"));
        Assert.Contains($"case {resizeId}: // Samples.Jobs.Resize(string, int, global::Microsoft.Extensions.Logging.ILogger<global::Samples.Resizer>)", dispatch, StringComparison.Ordinal);
    }

    [Fact]
    public void AccessibilityMirrorsTheMethod()
    {
        var run = GeneratorHarness.Run(
            """
            using Parallelize;

            namespace Samples;

            public partial class Access
            {
                [RunInProcess]
                public static int Open() => 1;

                [RunInProcess]
                internal static int Inside() => 2;

                [RunInProcess]
                protected internal static int Family() => 3;
            }
            """);

        Check(run, ["Samples.Access.Parallelize.g.cs", "Parallelize.Dispatch.g.cs"]);
        var calls = run.Source("Samples.Access.Parallelize.g.cs");
        Assert.Contains("public static global::Parallelize.Call<int> Open()", calls, StringComparison.Ordinal);
        Assert.Contains("internal static global::Parallelize.Call<int> Inside()", calls, StringComparison.Ordinal);
        Assert.Contains("internal static global::Parallelize.Call<int> Family()", calls, StringComparison.Ordinal);
    }

    [Fact]
    public void ConsoleAppWithMethods()
    {
        var run = GeneratorHarness.Run(
            """
            using Parallelize;

            namespace App;

            public static partial class Program
            {
                public static void Main() { }

                [RunInProcess]
                public static int Square(int x) => x * x;
            }

            internal static partial class Helpers
            {
                [RunInProcess]
                internal static string Echo(string text) => text;
            }
            """,
            OutputKind.ConsoleApplication,
            "App");

        Check(run, ["App.Helpers.Parallelize.g.cs", "App.Program.Parallelize.g.cs", "Parallelize.Dispatch.g.cs"]);
        var dispatch = run.Source("Parallelize.Dispatch.g.cs");
        Assert.Contains("global::Parallelize.Dispatch.DispatcherRegistry.Register(\"App\", new ParallelizeDispatch().Invoke);", dispatch, StringComparison.Ordinal);
        // An application's children enter worker mode from the runtime's startup hook, exactly like a library's; under
        // NativeAOT from this module initializer, once the methods are registered, so no separate worker entry.
        Assert.DoesNotContain("RunIfWorker", dispatch, StringComparison.Ordinal);
        Assert.True(
            dispatch.IndexOf("DispatcherRegistry.Register(", StringComparison.Ordinal) <
            dispatch.IndexOf("DispatcherRegistry.RunNativeWorkerIfRequested();", StringComparison.Ordinal),
            "The module initializer must register before it can become a worker that never returns.");
    }

    [Fact]
    public void ConsoleAppWithoutMethods()
    {
        var run = GeneratorHarness.Run(
            """
            namespace App;

            public static class Program
            {
                public static void Main() { }
            }
            """,
            OutputKind.ConsoleApplication,
            "App");

        // Its marked methods live in referenced libraries, which register their own dispatchers; the application only
        // needs the module initializer that, under NativeAOT, makes a worker before Main.
        Check(run, ["Parallelize.WorkerEntry.g.cs"]);
        var entry = run.Source("Parallelize.WorkerEntry.g.cs");
        Assert.Contains("[global::System.Runtime.CompilerServices.ModuleInitializer]", entry, StringComparison.Ordinal);
        Assert.Contains("global::Parallelize.Dispatch.DispatcherRegistry.RunNativeWorkerIfRequested();", entry, StringComparison.Ordinal);
        Assert.DoesNotContain("DispatcherRegistry.Register(", entry, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordsCollectionsAndUnions()
    {
        var run = GeneratorHarness.Run(
            """
            using System;
            using System.Collections.Generic;
            using Parallelize;

            namespace Samples;

            public sealed record Line(string Sku, int Quantity);

            public readonly record struct Point(double X, double Y);

            [DerivedType(typeof(Circle))]
            [DerivedType(typeof(Square))]
            public abstract record Shape;

            public sealed record Circle(double Radius) : Shape;

            public sealed record Square(double Side) : Shape;

            public class Order
            {
                public required string Id { get; init; }
                public List<Line> Lines { get; set; } = new();
                public Dictionary<string, int?> Stock { get; set; } = new();
                public IEnumerable<Point> Path { get; set; } = Array.Empty<Point>();
                public (Guid Key, DateTime When) Stamp { get; set; }
                public Shape? Outline { get; set; }
                public Order? Previous { get; set; }
            }

            public static partial class Shop
            {
                [RunInProcess]
                public static Order Submit(Order order, HashSet<string> tags, ReadOnlyMemory<double> weights) => order;
            }
            """);

        Check(run, ["Samples.Shop.Parallelize.g.cs", "Parallelize.Dispatch.g.cs", "Parallelize.Serializers.g.cs"]);
        var serializers = run.Source("Parallelize.Serializers.g.cs");
        // A class others may derive from is checked for its exact type; a required init member is set in the initializer.
        Assert.Contains("if (value.GetType() != typeof(global::Samples.Order))", serializers, StringComparison.Ordinal);
        Assert.Contains("Id = id,", serializers, StringComparison.Ordinal);
        Assert.Contains("value = new global::Samples.Line(sku, quantity);", serializers, StringComparison.Ordinal);
        Assert.Contains("writer.WriteUnmanagedMemory<double>(value);", serializers, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedObjects()
    {
        var run = GeneratorHarness.Run(
            """
            using System.Collections.Generic;
            using Parallelize;

            namespace Samples;

            public enum Level : byte { Low, High }

            public sealed record Order(string Sku, int Quantity);

            public sealed record Guarded(string Name, ProcessLock Lock, ProcessQueue<Level>? Levels);

            public static partial class Sharing
            {
                [RunInProcess]
                public static int Work(ProcessLock processLock, ProcessQueue<int> numbers, ProcessQueue<Order> orders, ProcessLock[] locks, Guarded guarded) => 0;

                [RunInProcess]
                public static void Drain(ProcessLock? maybe, ProcessQueue<Order?> orders, Dictionary<string, ProcessQueue<string?>> byName) { }
            }
            """,
            assemblyName: "Samples");

        Check(run, ["Parallelize.Channels.g.cs", "Parallelize.Dispatch.g.cs", "Parallelize.Serializers.g.cs", "Samples.Sharing.Parallelize.g.cs"]);

        // The caller writes a handle for each shared object; the child reads it with the type's own ReadShared.
        var calls = Snapshot.Normalize(run.Source("Samples.Sharing.Parallelize.g.cs"));
        Assert.Contains("writer.WriteShared(this.processLock);\n                    writer.WriteShared(this.numbers);\n                    writer.WriteShared(this.orders);\n", calls, StringComparison.Ordinal);
        var dispatch = Snapshot.Normalize(run.Source("Parallelize.Dispatch.g.cs"));
        Assert.Contains("var arg0 = global::Parallelize.ProcessLock.ReadShared(ref reader)!;", dispatch, StringComparison.Ordinal);
        Assert.Contains("var arg1 = global::Parallelize.ProcessQueue<int>.ReadShared(ref reader)!;", dispatch, StringComparison.Ordinal);
        Assert.Contains("var arg2 = global::Parallelize.ProcessQueue<global::Samples.Order>.ReadShared(ref reader)!;", dispatch, StringComparison.Ordinal);
        // A nullable parameter's annotation is not part of the type named for ReadShared; its type arguments' are.
        Assert.Contains("var arg0 = global::Parallelize.ProcessLock.ReadShared(ref reader)!;\n                    var arg1 = global::Parallelize.ProcessQueue<global::Samples.Order?>.ReadShared(ref reader)!;", dispatch, StringComparison.Ordinal);

        // Inside the serializers: a member and a collection item are handles too; a handle takes at least one byte.
        var serializers = Snapshot.Normalize(run.Source("Parallelize.Serializers.g.cs"));
        Assert.Contains("writer.WriteShared(value.Lock);", serializers, StringComparison.Ordinal);
        Assert.Contains("var lock_1 = global::Parallelize.ProcessLock.ReadShared(ref reader)!;", serializers, StringComparison.Ordinal);
        Assert.Contains("var item = global::Parallelize.ProcessQueue<string>.ReadShared(ref reader)!;", serializers, StringComparison.Ordinal);

        // One registration per item type of every channel, however deep and however annotated, in name order.
        var channels = Snapshot.Normalize(run.Source("Parallelize.Channels.g.cs"));
        Assert.Contains("[global::System.Runtime.CompilerServices.ModuleInitializer]", channels, StringComparison.Ordinal);
        Assert.Contains("global::Parallelize.Serialization.WireCodec<int>.Register(static (w, v) => w.WriteInt32(v), static (ref global::Parallelize.Serialization.WireReader r) => r.ReadInt32());", channels, StringComparison.Ordinal);
        Assert.Contains("global::Parallelize.Serialization.WireCodec<string>.Register(static (w, v) => w.WriteString(v), static (ref global::Parallelize.Serialization.WireReader r) => r.ReadString()!);", channels, StringComparison.Ordinal);
        Assert.Contains("global::Parallelize.Serialization.WireCodec<global::Samples.Level>.Register(static (w, v) => w.WriteByte((byte)v), static (ref global::Parallelize.Serialization.WireReader r) => (global::Samples.Level)r.ReadByte());", channels, StringComparison.Ordinal);
        Assert.Contains(
            "global::Parallelize.Serialization.WireCodec<global::Samples.Order>.Register(\n" +
            "                static (w, v) => global::Parallelize.Generated.Serializers_Samples.Write(w, v),\n" +
            "                static (ref global::Parallelize.Serialization.WireReader r) => { global::Parallelize.Generated.Serializers_Samples.Read(ref r, out global::Samples.Order v); return v; });",
            channels,
            StringComparison.Ordinal);
        Assert.Equal(4, channels.Split(".Register(").Length - 1);
    }

    /// <summary>
    /// Each file matches its snapshot (compared first, so accepting writes every file even if a check below fails),
    /// the files are exactly <paramref name="hintNames"/>, the analyzer is silent and the output has no warning.
    /// </summary>
    private static void Check(
        GeneratorRun run,
        string[] hintNames,
        [CallerFilePath] string callerFile = "",
        [CallerMemberName] string testName = "")
    {
        Snapshot.Match(run, callerFile, testName);
        Assert.Equal(hintNames.Order(StringComparer.Ordinal), run.GeneratedSources.Select(f => f.HintName));
        Assert.Empty(run.AnalyzerDiagnostics);
        GeneratorHarness.AssertCompilesCleanly(run);
    }
}

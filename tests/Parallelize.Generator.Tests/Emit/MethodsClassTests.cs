using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Emit;

/// <summary>
/// The generated <c>Methods</c> class: one <c>RemoteMethod&lt;TArgs, TResult&gt;</c> property per method a pool map can
/// run (a result, at least one carried argument, a name of its own), with the argument tuple it takes, and code that
/// compiles without a warning.
/// </summary>
public sealed class MethodsClassTests
{
    private const string File = "Samples.Work.Parallelize.g.cs";

    [Fact]
    public void OneParameterMethodTakesItsParameterType()
    {
        var methods = MethodsClass(
            "[RunInProcess] public static long Square(int x) => (long)x * x;",
            "static Parallelize.RemoteMethod<int, long> Use() => Work.Methods.Square;");

        Assert.Contains("public static global::Parallelize.RemoteMethod<int, long> Square { get; } = new __SquareMethod();", methods, StringComparison.Ordinal);
        Assert.Contains("private sealed class __SquareMethod : global::Parallelize.RemoteMethod<int, long>\n", methods, StringComparison.Ordinal);
        Assert.Contains("protected override void WriteArguments(global::Parallelize.Serialization.WireWriter writer, int arguments)\n", methods, StringComparison.Ordinal);
        Assert.Contains("writer.WriteInt32(arguments);\n", methods, StringComparison.Ordinal);
        Assert.Contains("protected override long ReadResult(ref global::Parallelize.Serialization.WireReader reader) => reader.ReadInt64();", methods, StringComparison.Ordinal);
    }

    [Fact]
    public void DescriptorPassesWhatTheCallClassPasses()
    {
        var run = Run("[RunInProcess] public static long Square(int x) => (long)x * x;", assemblyName: "Samples");
        var source = run.Source(File);
        var id = Fnv1a.Literal(Fnv1a.Hash32("Samples.Work.Square(int)->long"));

        Assert.Contains($"public __SquareCall(int x)\n                    : base(\"Samples\", {id}, \"Samples.Work.Square\")\n", source, StringComparison.Ordinal);
        Assert.Contains($"public __SquareMethod()\n                    : base(\"Samples\", {id}, \"Samples.Work.Square\", observesCancellation: false)\n", source, StringComparison.Ordinal);
        Assert.Contains("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]\n" +
            "            private sealed class __SquareMethod ", source, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralParametersMakeANamedTuple()
    {
        // The pool's starmap: items are (lo, hi) tuples, and the names let a caller read them back.
        var methods = MethodsClass(
            "[RunInProcess] public static int CountPrimes(int lo, int hi) => hi - lo;",
            "static int Use() { Parallelize.RemoteMethod<(int lo, int hi), int> m = Work.Methods.CountPrimes; (int lo, int hi) item = (1, 2); return m.MethodName.Length + item.hi; }");

        Assert.Contains("public static global::Parallelize.RemoteMethod<(int lo, int hi), int> CountPrimes { get; } = new __CountPrimesMethod();", methods, StringComparison.Ordinal);
        Assert.Contains("WriteArguments(global::Parallelize.Serialization.WireWriter writer, (int lo, int hi) arguments)\n", methods, StringComparison.Ordinal);
        Assert.Contains("writer.WriteInt32(arguments.Item1);\n                    writer.WriteInt32(arguments.Item2);\n", methods, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyParametersReadPastTheSeventhElement()
    {
        // A tuple of 8+ elements nests the rest in Rest; ItemN still reaches every element.
        var methods = MethodsClass("[RunInProcess] public static int Nine(int a, int b, int c, int d, int e, int f, int g, string h, long i) => a;");

        Assert.Contains("RemoteMethod<(int a, int b, int c, int d, int e, int f, int g, string h, long i), int> Nine", methods, StringComparison.Ordinal);
        Assert.Contains("writer.WriteString(arguments.Item8);\n                    writer.WriteInt64(arguments.Item9);\n", methods, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("int", "double")]
    [InlineData("byte", "sbyte")]
    [InlineData("short", "ushort")]
    [InlineData("uint", "ulong")]
    [InlineData("char", "float")]
    [InlineData("System.Half", "long")]
    [InlineData("Shade", "Shade")]
    [InlineData("Point", "Point")]
    public void NumbersEnumsAndUnmanagedStructsCrossAsTheirBytes(string argument, string result)
    {
        // A map copies such arguments in one block and reads such results without a call each.
        var methods = MethodsClass(
            $"[RunInProcess] public static {result} Convert({argument} value) => default;\n" +
            "public enum Shade : short { Light, Dark }\n" +
            "public struct Point { public int X; public double Y; }");

        Assert.Contains("protected override bool ArgumentsAreRawBytes => true;", methods, StringComparison.Ordinal);
        Assert.Contains("protected override bool ResultIsRawBytes => true;", methods, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bool", "decimal")]
    [InlineData("nint", "string")]
    [InlineData("int?", "int[]")]
    [InlineData("System.DateTime", "System.Guid")]
    public void OtherTypesAreWrittenAndReadByTheirSerializers(string argument, string result)
    {
        // A boolean is checked as it is read, a native integer is 64 bits on the wire whatever the process, and the
        // rest have a wire form of their own.
        var methods = MethodsClass($"[RunInProcess] public static {result} Convert({argument} value) => default!;");

        Assert.DoesNotContain("RawBytes", methods, StringComparison.Ordinal);
    }

    [Fact]
    public void ATupleOfArgumentsIsWrittenItemByItem()
    {
        var methods = MethodsClass("[RunInProcess] public static int Add(int a, int b) => a + b;");

        Assert.DoesNotContain("ArgumentsAreRawBytes", methods, StringComparison.Ordinal);
        Assert.Contains("protected override bool ResultIsRawBytes => true;", methods, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("int Rest, int b")]
    [InlineData("int a, int Rest")]
    [InlineData("int ToString, int b")]
    [InlineData("int Equals, int b")]
    [InlineData("int GetHashCode, int b")]
    [InlineData("int CompareTo, int b")]
    [InlineData("int Deconstruct, int b")]
    [InlineData("int Item2, int b")]
    [InlineData("int a, int Item1")]
    [InlineData("int Item2, int Item1")]
    public void NameNotAllowedInATupleMakesAnUnnamedTuple(string parameters)
    {
        // Roslyn rejects these element names (CS8125, CS8126); the items are still (int, int) values.
        var methods = MethodsClass($"[RunInProcess] public static int Pair({parameters}) => 0;");

        Assert.Contains("public static global::Parallelize.RemoteMethod<(int, int), int> Pair { get; }", methods, StringComparison.Ordinal);
        Assert.Contains("writer.WriteInt32(arguments.Item1);\n                    writer.WriteInt32(arguments.Item2);\n", methods, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("int Item1, int Item2", "(int Item1, int Item2)")]
    [InlineData("int Item01, int Item2", "(int Item01, int Item2)")]
    [InlineData("int item2, int rest", "(int item2, int rest)")]
    [InlineData("int @class, string @event", "(int @class, string @event)")]
    [InlineData("int a, int b, int c, int d, int e, int f, int g, int Item8", "(int a, int b, int c, int d, int e, int f, int g, int Item8)")]
    public void NameAllowedInATupleKeepsItsName(string parameters, string tuple)
    {
        // ItemN at position N is allowed, and so is anything that is not exactly a reserved name.
        var methods = MethodsClass($"[RunInProcess] public static int Pair({parameters}) => 0;");

        Assert.Contains($"public static global::Parallelize.RemoteMethod<{tuple}, int> Pair {{ get; }}", methods, StringComparison.Ordinal);
    }

    [Fact]
    public void MethodsAMapCannotRunGetNoProperty()
    {
        var run = Run(
            """
            [RunInProcess] public static int Sum(int a, int b) => a + b;
            [RunInProcess] public static long Sum(long a, long b) => a + b;
            [RunInProcess] public static void Log(int level) { }
            [RunInProcess] public static Task LogAsync(int level) => Task.CompletedTask;
            [RunInProcess] public static ValueTask LogValueAsync(int level) => default;
            [RunInProcess] public static int Zero() => 0;
            [RunInProcess] public static int OnlyToken(CancellationToken ct) => 0;
            [RunInProcess] public static int Reports(int x, System.IProgress<int> progress) => x;
            [RunInProcess] public static int Kept(int x) => x;
            """);
        var source = run.Source(File);
        var methods = MethodsSection(source);

        // Overloads (a property cannot be overloaded), void and Task results (nothing to collect), and methods
        // with no carried argument (nothing to map over), or with an IProgress (no caller's instance per item).
        foreach (var name in new[] { "Sum", "Log", "LogAsync", "LogValueAsync", "Zero", "OnlyToken", "Reports" })
        {
            Assert.DoesNotContain($" {name} {{ get; }}", methods, StringComparison.Ordinal);
            Assert.DoesNotContain($"__{name}Method", methods, StringComparison.Ordinal);
        }

        Assert.Contains("public static global::Parallelize.RemoteMethod<int, int> Kept { get; } = new __KeptMethod();", methods, StringComparison.Ordinal);
        // The overloads keep their call factories.
        Assert.Contains("public static global::Parallelize.Call<int> Sum(int a, int b)", source, StringComparison.Ordinal);
        Assert.Contains("public static global::Parallelize.Call<long> Sum(long a, long b)", source, StringComparison.Ordinal);
    }

    [Fact]
    public void TypeWithNoMappableMethodGetsAnEmptyMethodsClass()
    {
        var run = Run("[RunInProcess] public static void Log(int level) { } [RunInProcess] public static int Zero() => 0;");

        Assert.Contains(
            "[global::System.CodeDom.Compiler.GeneratedCode(\"Parallelize.Generator\", \"%VERSION%\")]\n" +
            "        public static class Methods\n        {\n        }\n",
            Snapshot.Normalize(run.Source(File)),
            StringComparison.Ordinal);
    }

    [Fact]
    public void MethodsSitsBetweenCallsAndInProcess()
    {
        var source = Run("[RunInProcess] public static int Kept(int x) => x;").Source(File);

        var calls = source.IndexOf("public static class Calls\n", StringComparison.Ordinal);
        var methods = source.IndexOf("public static class Methods\n", StringComparison.Ordinal);
        var inProcess = source.IndexOf("public static class InProcess\n", StringComparison.Ordinal);
        Assert.True(calls >= 0 && calls < methods && methods < inProcess, $"Calls at {calls}, Methods at {methods}, InProcess at {inProcess}.");
        Assert.Contains(
            "/// The <c>[RunInProcess]</c> methods of <see cref=\"global::Samples.Work\"/> as values, to run over many\n" +
            "        /// arguments with <see cref=\"global::Parallelize.ProcessPool\"/> maps: no call object per item.\n",
            source,
            StringComparison.Ordinal);
    }

    [Fact]
    public void TokenIsNotAnArgumentAndMakesTheDescriptorObserveCancellation()
    {
        var run = Run(
            """
            [RunInProcess] public static long Limit(long limit, CancellationToken ct) => limit;
            [RunInProcess] public static string Middle(int a, CancellationToken ct, string b) => b;
            [RunInProcess] public static int Plain(int a) => a;
            """,
            assemblyName: "Samples");
        var methods = MethodsSection(run.Source(File));

        Assert.Contains("public static global::Parallelize.RemoteMethod<long, long> Limit { get; }", methods, StringComparison.Ordinal);
        Assert.Contains("public static global::Parallelize.RemoteMethod<(int a, string b), string> Middle { get; }", methods, StringComparison.Ordinal);
        Assert.Contains("\"Samples.Work.Limit\", observesCancellation: true)\n", methods, StringComparison.Ordinal);
        Assert.Contains("\"Samples.Work.Middle\", observesCancellation: true)\n", methods, StringComparison.Ordinal);
        Assert.Contains("\"Samples.Work.Plain\", observesCancellation: false)\n", methods, StringComparison.Ordinal);
        Assert.Contains("writer.WriteInt32(arguments.Item1);\n                    writer.WriteString(arguments.Item2);\n                }", methods, StringComparison.Ordinal);
    }

    [Fact]
    public void TaskResultIsTheDescriptorsResult()
    {
        var methods = MethodsClass(
            """
            [RunInProcess] public static Task<string> NameAsync(int n) => Task.FromResult("n");
            [RunInProcess] public static ValueTask<decimal[]> PricesAsync(string a, int b) => new(new decimal[0]);
            """);

        Assert.Contains("public static global::Parallelize.RemoteMethod<int, string> NameAsync { get; }", methods, StringComparison.Ordinal);
        Assert.Contains("protected override string ReadResult(ref global::Parallelize.Serialization.WireReader reader) => reader.ReadString()!;", methods, StringComparison.Ordinal);
        Assert.Contains("public static global::Parallelize.RemoteMethod<(string a, int b), decimal[]> PricesAsync { get; }", methods, StringComparison.Ordinal);
    }

    [Fact]
    public void PropertyMirrorsTheMethodsAccessibility()
    {
        var methods = MethodsClass(
            """
            [RunInProcess] public static int Open(int x) => x;
            [RunInProcess] internal static int Inside(int x) => x;
            """);

        Assert.Contains("public static global::Parallelize.RemoteMethod<int, int> Open { get; }", methods, StringComparison.Ordinal);
        Assert.Contains("internal static global::Parallelize.RemoteMethod<int, int> Inside { get; }", methods, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Equals")]
    [InlineData("GetHashCode")]
    [InlineData("GetType")]
    [InlineData("ToString")]
    [InlineData("ReferenceEquals")]
    [InlineData("MemberwiseClone")]
    public void PropertyNamedLikeAnObjectMethodHidesItWithoutWarning(string name)
    {
        // A method overloads object's method and is fine; a property hides it (CS0108) and must say 'new'.
        var methods = MethodsClass($"[RunInProcess] public static int {name}(int x, int y) => x;");

        Assert.Contains($"public static new global::Parallelize.RemoteMethod<(int x, int y), int> {name} {{ get; }}", methods, StringComparison.Ordinal);
    }

    [Fact]
    public void PropertyNamedFinalizeHidesNothing()
    {
        // object.Finalize is a destructor, which no name hides: 'new' would be CS0109.
        var methods = MethodsClass("[RunInProcess] public static int Finalize(int x, int y) => x;");

        Assert.Contains("public static global::Parallelize.RemoteMethod<(int x, int y), int> Finalize { get; }", methods, StringComparison.Ordinal);
    }

    [Fact]
    public void DerivedTypeHidesItsBaseTypesMethodsClass()
    {
        var run = GeneratorHarness.Run(
            """
            using Parallelize;
            namespace Samples;
            public partial class Base { [RunInProcess] public static int A(int x) => x; }
            public partial class Derived : Base { [RunInProcess] public static int B(int x) => x; }
            """);

        Assert.Contains("public static class Methods\n", run.Source("Samples.Base.Parallelize.g.cs"), StringComparison.Ordinal);
        Assert.Contains("public new static class Methods\n", run.Source("Samples.Derived.Parallelize.g.cs"), StringComparison.Ordinal);
        Assert.Empty(run.AnalyzerDiagnostics);
        GeneratorHarness.AssertCompilesCleanly(run);
    }

    /// <summary>
    /// Runs <paramref name="members"/> in <c>Samples.Work</c>, with <paramref name="uses"/> (members of
    /// <c>Samples.Uses</c>) compiled against the generated code; the analyzer must be silent and the output free
    /// of warnings.
    /// </summary>
    private static GeneratorRun Run(string members, string uses = "", string assemblyName = GeneratorHarness.DefaultAssemblyName)
    {
        var run = GeneratorHarness.Run(
            $$"""
            using System.Threading;
            using System.Threading.Tasks;
            using Parallelize;

            namespace Samples;

            public static partial class Work
            {
                {{members}}
            }

            public static class Uses
            {
                {{uses}}
            }
            """,
            assemblyName: assemblyName);

        Assert.Empty(run.AnalyzerDiagnostics);
        GeneratorHarness.AssertCompilesCleanly(run);
        return run;
    }

    private static string MethodsClass(string members, string uses = "") => MethodsSection(Run(members, uses).Source(File));

    /// <summary>The text of the generated <c>Methods</c> class, so checks cannot match <c>Calls</c> or <c>InProcess</c>.</summary>
    private static string MethodsSection(string source)
    {
        var start = source.IndexOf("public static class Methods\n", StringComparison.Ordinal);
        var end = source.IndexOf("public static class InProcess\n", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "The generated file has no Methods class before InProcess:\n" + source);
        return source[start..end];
    }
}

using System.Reflection;
using System.Runtime.Loader;
using Parallelize.Dispatch;
using Parallelize.Generator.Tests.Infrastructure;
using Parallelize.Serialization;
using Xunit;

namespace Parallelize.Generator.Tests.Emit;

/// <summary>
/// Loads the generated code and runs one call through it in this process: the <c>Calls</c> factory, its
/// <c>WriteArguments</c>, the registered dispatch switch, the method, the result writer and the call's
/// <c>ReadResult</c>; likewise a <c>Methods</c> descriptor's <c>WriteArguments</c> and <c>ReadResult</c>. A snapshot
/// shows what is written; only running it shows that writer and reader agree.
/// </summary>
public sealed class RoundTripTests
{
    private const string Source = """
        using System.Globalization;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Parallelize;

        namespace Samples;

        public enum Color : short { Red = -1, Green = 7 }

        public static partial class Echo
        {
            [RunInProcess]
            public static long Square(int x) => (long)x * x;

            [RunInProcess]
            public static string All(
                bool a, byte b, sbyte c, short d, ushort e, int f, uint g, long h, ulong i, char j, float k, double l,
                decimal m, nint n, nuint o, string p, Color q) =>
                string.Join("|", new object[] { a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q }.Select(x => System.Convert.ToString(x, CultureInfo.InvariantCulture)));

            [RunInProcess]
            public static int[][] Arrays(byte[] a, string[] b, int[][] c, Color[] d, decimal[] e, bool[] f, string[][] g) =>
                [[a.Length, b.Length, c.Sum(x => x.Sum()), d.Length, (int)e.Sum(), f.Count(x => x), g.Sum(x => x.Length)], [.. c[0]]];

            [RunInProcess]
            public static async Task<string[]> NamesAsync(string prefix, int count)
            {
                await Task.Yield();
                return Enumerable.Range(0, count).Select(x => prefix + x.ToString(CultureInfo.InvariantCulture)).ToArray();
            }

            [RunInProcess]
            public static string Token(int before, CancellationToken cancellationToken, string after) =>
                before.ToString(CultureInfo.InvariantCulture) + "|" + cancellationToken.IsCancellationRequested + "|" + after;
        }
        """;

    [Fact]
    public void EveryCarriedArgumentAndResultSurvivesTheWire()
    {
        object[] arguments =
        [
            true, (byte)200, (sbyte)-100, (short)-30000, (ushort)60000, -2_000_000_000, 4_000_000_000u, long.MinValue,
            ulong.MaxValue, 'é', 1.25f, -2.5e300, 79228162514264337593543950335m, (nint)(-5), (nuint)6, "hé\0llo", (short)-1,
        ];

        var result = RoundTrip<string>("All", arguments, out var direct);
        Assert.Equal(direct, result);
    }

    [Fact]
    public void ArraysSurviveTheWire()
    {
        var green = 7;
        object[] arguments =
        [
            new byte[] { 1, 2, 3 }, new[] { "a", "", "c" }, new[] { new[] { 1, 2 }, new[] { 3 } }, new[] { green, green },
            new[] { 1.5m, 2.5m }, new[] { true, false, true }, new[] { new[] { "x" }, new[] { "y", "z" } },
        ];

        var result = RoundTrip<int[][]>("Arrays", arguments, out var direct);
        Assert.Equal((int[][])direct!, result);
    }

    [Fact]
    public async Task TaskResultSurvivesTheWire()
    {
        var result = RoundTrip<string[]>("NamesAsync", ["n", 3], out var direct);
        Assert.Equal(["n0", "n1", "n2"], result);
        Assert.Equal(await (Task<string[]>)direct!, result);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DispatchPassesItsTokenToATokenParameter(bool cancelled)
    {
        // Nothing of the token is on the wire (the arguments end after "after"); the method sees dispatch's token.
        using var source = new CancellationTokenSource();
        if (cancelled)
        {
            source.Cancel();
        }

        var result = RoundTrip<string>("Token", [7, "after"], out var direct, source.Token);
        Assert.Equal($"7|{cancelled}|after", result);
        Assert.Equal(direct, result);
    }

    [Fact]
    public void OneArgumentDescriptorSurvivesTheWire()
    {
        var result = RoundTripMethod<long>("Square", [-123_456], out var direct);
        Assert.Equal(15_241_383_936L, result);
        Assert.Equal(direct, result);
    }

    [Fact]
    public async Task TupleDescriptorWithATaskResultSurvivesTheWire()
    {
        var result = RoundTripMethod<string[]>("NamesAsync", ["n", 3], out var direct);
        Assert.Equal(["n0", "n1", "n2"], result);
        Assert.Equal(await (Task<string[]>)direct!, result);
    }

    [Fact]
    public void LongTupleDescriptorSurvivesTheWire()
    {
        // Seventeen arguments: the tuple nests two Rest levels, which ItemN in the generated code must reach.
        object[] arguments =
        [
            false, (byte)1, (sbyte)-2, (short)3, (ushort)4, -5, 6u, -7L, 8UL, 'x', -0.5f, 1e-300, -0.1m, (nint)9, (nuint)10, "", (short)7,
        ];

        var result = RoundTripMethod<string>("All", arguments, out var direct);
        Assert.Equal(direct, result);
    }

    [Fact]
    public void ArrayTupleDescriptorSurvivesTheWire()
    {
        object[] arguments =
        [
            new byte[] { 9 }, new[] { "q" }, new[] { new[] { 4, 5, 6 } }, new[] { -1 }, new[] { -0.5m }, new[] { false }, new[] { new[] { "r", "s" } },
        ];

        var result = RoundTripMethod<int[][]>("Arrays", arguments, out var direct);
        Assert.Equal((int[][])direct!, result);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TokenDescriptorObservesCancellationAndCarriesTheOtherArguments(bool cancelled)
    {
        using var source = new CancellationTokenSource();
        if (cancelled)
        {
            source.Cancel();
        }

        var result = RoundTripMethod<string>("Token", [7, "after"], out var direct, source.Token);
        Assert.Equal($"7|{cancelled}|after", result);
        Assert.Equal(direct, result);
    }

    /// <summary>
    /// Compiles <see cref="Source"/> into a fresh assembly, calls <paramref name="method"/> through its generated call and
    /// dispatch code, and returns what the call's <c>ReadResult</c> read; <paramref name="direct"/> is the method's
    /// own result for the same arguments. <paramref name="arguments"/> are the factory's, which leaves out a
    /// <see cref="CancellationToken"/> parameter; dispatch and the direct call pass <paramref name="cancellationToken"/> for it.
    /// </summary>
    private static T RoundTrip<T>(string method, object[] arguments, out object? direct, CancellationToken cancellationToken = default)
    {
        var (context, assembly, assemblyName) = Load();
        try
        {
            var userType = assembly.GetType("Samples.Echo", throwOnError: true)!;
            var callsType = assembly.GetType("Samples.Echo+Calls", throwOnError: true)!;
            var enumType = assembly.GetType("Samples.Color", throwOnError: true)!;
            var factory = callsType.GetMethod(method)!;
            var userParameters = userType.GetMethod(method)!.GetParameters();
            var typed = Retype(arguments, factory.GetParameters(), enumType);

            var call = (Call<T>)factory.Invoke(null, typed)!;
            Assert.Equal(assemblyName, call.AssemblyName);
            Assert.Equal(userParameters.Any(p => p.ParameterType == typeof(CancellationToken)), call.ObservesCancellation);

            var argumentsWriter = new WireWriter();
            typeof(Call).GetMethod("WriteArguments", BindingFlags.Instance | BindingFlags.NonPublic)!.Invoke(call, [argumentsWriter]);

            // Running the module initializer registered the dispatcher when the Calls type was first touched.
            var resultWriter = Dispatch(assemblyName, call.MethodId, argumentsWriter, cancellationToken);
            var result = ReadResult<T>(call, typeof(Call<T>), resultWriter);

            direct = userType.GetMethod(method)!.Invoke(null, WithToken(typed, userParameters, cancellationToken));
            return result;
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>
    /// Like <see cref="RoundTrip{T}"/>, through the <c>Methods</c> descriptor of <paramref name="method"/>: its
    /// <c>WriteArguments</c> (given the arguments as one value, or as the tuple of them), dispatch under its id, and
    /// its <c>ReadResult</c>. It must name the same method as the call the <c>Calls</c> factory makes.
    /// </summary>
    private static T RoundTripMethod<T>(string method, object[] arguments, out object? direct, CancellationToken cancellationToken = default)
    {
        var (context, assembly, assemblyName) = Load();
        try
        {
            var userType = assembly.GetType("Samples.Echo", throwOnError: true)!;
            var methodsType = assembly.GetType("Samples.Echo+Methods", throwOnError: true)!;
            var callsType = assembly.GetType("Samples.Echo+Calls", throwOnError: true)!;
            var enumType = assembly.GetType("Samples.Color", throwOnError: true)!;
            var factory = callsType.GetMethod(method)!;
            var userParameters = userType.GetMethod(method)!.GetParameters();
            var typed = Retype(arguments, factory.GetParameters(), enumType);

            var property = methodsType.GetProperty(method, BindingFlags.Public | BindingFlags.Static)!;
            var descriptorType = property.PropertyType;
            Assert.Equal(typeof(RemoteMethod<,>), descriptorType.GetGenericTypeDefinition());
            Assert.Equal(typeof(T), descriptorType.GetGenericArguments()[1]);
            var descriptor = property.GetValue(null)!;
            Assert.Same(descriptor, property.GetValue(null));

            var call = (Call<T>)factory.Invoke(null, typed)!;
            uint methodId = (uint)descriptorType.GetProperty(nameof(RemoteMethod<int, int>.MethodId))!.GetValue(descriptor)!;
            Assert.Equal(call.MethodId, methodId);
            Assert.Equal(call.AssemblyName, descriptorType.GetProperty(nameof(RemoteMethod<int, int>.AssemblyName))!.GetValue(descriptor));
            Assert.Equal(call.MethodName, descriptorType.GetProperty(nameof(RemoteMethod<int, int>.MethodName))!.GetValue(descriptor));
            Assert.Equal(call.ObservesCancellation, descriptorType.GetProperty(nameof(RemoteMethod<int, int>.ObservesCancellation))!.GetValue(descriptor));
            Assert.Equal(call.MethodName, descriptor.ToString());

            // One argument is passed as itself, several as the tuple a starmap item would be.
            var argumentsType = descriptorType.GetGenericArguments()[0];
            var item = typed.Length == 1 ? typed[0] : Tuple(argumentsType, typed);
            var argumentsWriter = new WireWriter();
            descriptorType.GetMethod("WriteArguments", BindingFlags.Instance | BindingFlags.NonPublic)!.Invoke(descriptor, [argumentsWriter, item]);

            var resultWriter = Dispatch(assemblyName, methodId, argumentsWriter, cancellationToken);
            var result = ReadResult<T>(descriptor, descriptorType, resultWriter);

            direct = userType.GetMethod(method)!.Invoke(null, WithToken(typed, userParameters, cancellationToken));
            return result;
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Compiles <see cref="Source"/> under a unique assembly name and loads it into a collectible context.</summary>
    private static (AssemblyLoadContext Context, Assembly Assembly, string Name) Load()
    {
        // A unique name: the dispatcher registry is process-wide and keyed by assembly name.
        var assemblyName = "RoundTrip" + Guid.NewGuid().ToString("N");
        var run = GeneratorHarness.Run(Source, assemblyName: assemblyName);
        GeneratorHarness.AssertCompilesCleanly(run);

        using var image = new MemoryStream();
        var emitted = run.OutputCompilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;

        // The runtime is not loaded into this context, so the generated code shares the test's Parallelize.
        var context = new AssemblyLoadContext(assemblyName, isCollectible: true);
        return (context, context.LoadFromStream(image), assemblyName);
    }

    /// <summary>Runs the assembly's registered dispatch switch over the written arguments, which it must read to the end.</summary>
    private static WireWriter Dispatch(string assemblyName, uint methodId, WireWriter arguments, CancellationToken cancellationToken)
    {
        var resolve = typeof(DispatcherRegistry).GetMethod("Resolve", BindingFlags.Static | BindingFlags.NonPublic)!;
        var dispatch = (DispatchFunction)resolve.Invoke(null, [assemblyName])!;
        var resultWriter = new WireWriter();
        var argumentsReader = new WireReader(arguments.WrittenSpan);
        dispatch(methodId, ref argumentsReader, resultWriter, cancellationToken).AsTask().GetAwaiter().GetResult();
        argumentsReader.EnsureEnd();
        return resultWriter;
    }

    private delegate T ResultReader<out T>(ref WireReader reader);

    /// <summary>Reads the result with <paramref name="target"/>'s protected <c>ReadResult</c>, which must read it all.</summary>
    private static T ReadResult<T>(object target, Type declaringType, WireWriter written)
    {
        var readResult = declaringType.GetMethod("ReadResult", BindingFlags.Instance | BindingFlags.NonPublic)!;
        var read = (ResultReader<T>)Delegate.CreateDelegate(typeof(ResultReader<T>), target, readResult);
        var reader = new WireReader(written.WrittenSpan);
        var result = read(ref reader);
        reader.EnsureEnd();
        return result;
    }

    /// <summary>A <c>ValueTuple</c> of <paramref name="tupleType"/> holding <paramref name="values"/>; past seven, the rest nest in <c>Rest</c>.</summary>
    private static object Tuple(Type tupleType, object?[] values)
    {
        var elementTypes = tupleType.GetGenericArguments();
        object?[] elements = elementTypes.Length == 8
            ? [.. values.Take(7), Tuple(elementTypes[7], values[7..])]
            : values;
        Assert.Equal(elementTypes.Length, elements.Length);
        return Activator.CreateInstance(tupleType, elements)!;
    }

    // Enum values are built here as their underlying numbers; the loaded assembly's enum type is only known now.
    private static object?[] Retype(object[] arguments, ParameterInfo[] parameters, Type enumType) =>
        arguments.Select((value, i) => parameters[i].ParameterType switch
        {
            var t when t == enumType => Enum.ToObject(enumType, value),
            var t when t.IsArray && t.GetElementType() == enumType => ToEnumArray((int[])value, enumType),
            _ => value,
        }).ToArray();

    // The method takes the token the factory leaves out, in its own place among the other arguments.
    private static object?[] WithToken(object?[] arguments, ParameterInfo[] parameters, CancellationToken cancellationToken)
    {
        var carried = new Queue<object?>(arguments);
        return parameters.Select(p => p.ParameterType == typeof(CancellationToken) ? cancellationToken : carried.Dequeue()).ToArray();
    }

    private static Array ToEnumArray(int[] values, Type enumType)
    {
        var array = Array.CreateInstance(enumType, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            array.SetValue(Enum.ToObject(enumType, values[i]), i);
        }

        return array;
    }
}

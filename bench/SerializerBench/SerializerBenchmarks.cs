using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SerializerBench.Model;

namespace SerializerBench;

/// <summary>
/// Each direction for each serializer on the same order. System.Text.Json is the baseline of each category, so
/// BenchmarkDotNet's Ratio column reads ours/STJ.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SerializerBenchmarks
{
    public const string SerializeCategory = "Serialize";
    public const string DeserializeCategory = "Deserialize";

    private readonly Order _order = SampleOrder.Create();
    private readonly WireCodec _wire = new();
    private readonly JsonCodec _json = new();
    private byte[] _wireBytes = [];
    private byte[] _jsonBytes = [];

    [GlobalSetup]
    public void Setup()
    {
        // In the benchmark's own process too: the host's check does not prove this build's serializers.
        RoundTripCheck.Run();
        _wireBytes = _wire.Serialize(_order).ToArray();
        _jsonBytes = _json.Serialize(_order).ToArray();
    }

    [Benchmark(Baseline = true), BenchmarkCategory(SerializeCategory)]
    public int Serialize_SystemTextJson() => _json.Serialize(_order).Length;

    [Benchmark, BenchmarkCategory(SerializeCategory)]
    public int Serialize_Parallelize() => _wire.Serialize(_order).Length;

    [Benchmark(Baseline = true), BenchmarkCategory(DeserializeCategory)]
    public Order Deserialize_SystemTextJson() => JsonCodec.Deserialize(_jsonBytes);

    [Benchmark, BenchmarkCategory(DeserializeCategory)]
    public Order Deserialize_Parallelize() => WireCodec.Deserialize(_wireBytes);
}

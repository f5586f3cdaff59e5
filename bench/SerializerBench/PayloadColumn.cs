using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SerializerBench;

/// <summary>The bytes each serializer produces for the order, beside its timings in BenchmarkDotNet's table.</summary>
public sealed class PayloadColumn(RoundTripCheck.Sizes sizes) : IColumn
{
    public string Id => nameof(PayloadColumn);

    public string ColumnName => "Payload";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Size;

    public string Legend => "Bytes the serializer produces for the order";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        (benchmarkCase.Descriptor.WorkloadMethod.Name.EndsWith("Parallelize", StringComparison.Ordinal)
            ? sizes.Parallelize
            : sizes.SystemTextJson).ToString("N0", style.CultureInfo) + " B";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}

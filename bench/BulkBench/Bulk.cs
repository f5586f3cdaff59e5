using Parallelize;

namespace BulkBench;

/// <summary>The work the bulk benchmark sends to a worker; bench/python/bulk_transfer.py echoes bytes the same way.</summary>
public static partial class Bulk
{
    [RunInProcess]
    public static double[] Echo(double[] values) => values;
}

using Parallelize;

namespace StartLatency;

public static partial class Trivial
{
    [RunInProcess]
    public static int Answer() => 42;
}

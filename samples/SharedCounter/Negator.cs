using Parallelize;

namespace SharedCounter;

/// <summary>Python's <c>f</c>.</summary>
public static partial class Negator
{
    /// <summary>Runs in the child, writing straight into the memory the parent reads: nothing is copied back.</summary>
    [RunInProcess]
    public static void F(SharedValue<double> n, SharedArray<int> a)
    {
        n.Value = 3.1415927;
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = -a[i];
        }
    }
}

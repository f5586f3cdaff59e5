using Parallelize;

namespace PoolSquares;

/// <summary>Python's <c>f</c>; <c>Squares.Methods.F</c> is the method as a value a pool can map.</summary>
public static partial class Squares
{
    /// <summary>Runs in a pool worker.</summary>
    [RunInProcess]
    public static int F(int x) => x * x;
}

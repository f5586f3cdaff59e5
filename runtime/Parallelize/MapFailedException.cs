namespace Parallelize;

/// <summary>
/// Some items of a <see cref="ProcessPool.MapAsync{TItem, TResult}(IEnumerable{TItem}, Func{TItem, Call{TResult}}, MapOptions?, CancellationToken)"/>
/// failed. Every other item still ran: their results are in <see cref="Results"/>.
/// </summary>
public sealed class MapFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MapFailedException(IReadOnlyList<MapItemFailure> failures, Array results)
        : base(Describe(failures, results.Length), failures.Count > 0 ? failures[0].Error : null)
    {
        Failures = failures;
        Results = results;
    }

    /// <summary>The failed items, in input order.</summary>
    public IReadOnlyList<MapItemFailure> Failures { get; }

    /// <summary>The results by input position (a <c>TResult[]</c>); a failed item's slot holds the default value.</summary>
    public Array Results { get; }

    private static string Describe(IReadOnlyList<MapItemFailure> failures, int total) => failures.Count == 0
        ? $"A map of {total} items failed."
        : $"{failures.Count} of {total} items failed; the first, item {failures[0].Index}: {failures[0].Error.Message}";
}

using System.Diagnostics;

namespace Parallelize;

/// <summary>
/// Distributed tracing across the process boundary. A call sent while the caller has a W3C
/// <see cref="Activity.Current"/> carries that activity's context, and the child runs the method inside an
/// <see cref="Activity"/> whose parent is it, so spans made in the child join the caller's trace.
/// </summary>
public static class ParallelizeTelemetry
{
    /// <summary>
    /// The name of the <see cref="ActivitySource"/> the child's activities come from ("Parallelize"): listen to it
    /// (OpenTelemetry's <c>AddSource("Parallelize")</c>) in the child to export them. One activity of kind
    /// <see cref="ActivityKind.Server"/> per call, named after the method, with an error status if the method threw.
    /// </summary>
    public const string ActivitySourceName = "Parallelize";

    internal static ActivitySource Source { get; } = new(ActivitySourceName);
}

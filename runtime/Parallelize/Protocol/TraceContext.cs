using System.Diagnostics;

namespace Parallelize.Protocol;

/// <summary>
/// The caller's W3C trace context, captured when a job is created and carried by each of its batch frames; see
/// docs/dev/generator-contract.md, "Trace context". A job made with no current activity (or a non-W3C one) has none,
/// and its frames carry one zero byte.
/// </summary>
/// <param name="Context">The caller's activity: trace id, span id, flags and trace state.</param>
/// <param name="MethodName">The full name of the batch's first method, for the child's activity; null if unknown.</param>
internal sealed record TraceContext(ActivityContext Context, string? MethodName)
{
    /// <summary>The current activity's context if it has a W3C id, else null: one async-local read when there is none.</summary>
    public static ActivityContext? Capture() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Context : null;
}

using System.Diagnostics;

namespace Parallelize.Tests.Methods;

/// <summary>[RunInProcess] methods that report the <see cref="Activity.Current"/> a child runs them in.</summary>
public static partial class TracingMethods
{
    /// <summary>Trace id, parent span id, display name and trace state of the current activity; empty for none.</summary>
    [RunInProcess]
    public static string[] Seen() => Describe(Activity.Current);

    /// <summary><see cref="Seen"/> after an await, for an asynchronous method.</summary>
    [RunInProcess]
    public static async Task<string[]> SeenAsync(int milliseconds)
    {
        await Task.Delay(milliseconds).ConfigureAwait(false);
        return Describe(Activity.Current);
    }

    /// <summary><see cref="Seen"/> for a map item.</summary>
    [RunInProcess]
    public static string[] SeenAt(int item) => item >= 0 ? Seen() : [];

    private static string[] Describe(Activity? activity) => activity is null
        ? []
        : [activity.TraceId.ToString(), activity.ParentSpanId.ToString(), activity.DisplayName, activity.TraceStateString ?? ""];
}

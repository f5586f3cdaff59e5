using System.Globalization;

namespace Parallelize.Tests.Methods;

/// <summary>[RunInProcess] methods that report how a child sees itself through <see cref="ProcessContext"/>.</summary>
public static partial class ContextMethods
{
    /// <summary>The child's name, its pool worker id ("" for none) and its pid.</summary>
    [RunInProcess]
    public static string[] Identity() =>
    [
        ProcessContext.Name,
        ProcessContext.WorkerId?.ToString(CultureInfo.InvariantCulture) ?? "",
        ProcessContext.Pid.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary><see cref="Identity"/> after a pause, so that every worker of a pool gets some of a map's items.</summary>
    [RunInProcess]
    public static string[] IdentityAfter(int milliseconds)
    {
        Thread.Sleep(milliseconds);
        return Identity();
    }
}

using System.ComponentModel;
using Parallelize.Serialization;
using Parallelize.Worker;

namespace Parallelize.Dispatch;

/// <summary>
/// What generated dispatch code passes for a method's <see cref="IProgress{T}"/> parameter. The call carries one
/// boolean for it, true when the caller passed an instance; the method then gets a reporter that sends each value to
/// the parent as it is reported, and otherwise one that drops every report, so nothing crosses and the method need not
/// check for null.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ProgressReporter
{
    /// <summary>Reads the parameter's flag and returns the method's <see cref="IProgress{T}"/>.</summary>
    /// <param name="arguments">The call's arguments, at the parameter's flag.</param>
    /// <param name="write">Writes one reported value, as the generated serializer of <typeparamref name="T"/> does.</param>
    /// <exception cref="InvalidOperationException">Not called from dispatch code in a worker process.</exception>
    public static IProgress<T> Read<T>(ref WireReader arguments, WireWriter.ItemWriter<T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return arguments.ReadBoolean() ? CallReporting.Current.Attach(write) : NoProgress<T>.Instance;
    }

    /// <summary>The reporter of a call whose caller passed no <see cref="IProgress{T}"/>: reports go nowhere.</summary>
    private sealed class NoProgress<T> : IProgress<T>
    {
        public static readonly NoProgress<T> Instance = new();

        public void Report(T value)
        {
        }
    }
}

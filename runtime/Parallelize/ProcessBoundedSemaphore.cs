using System.ComponentModel;
using Parallelize.Serialization;
using Parallelize.Sharing;

namespace Parallelize;

/// <summary>
/// A semaphore shared by processes whose count never exceeds its initial value (Python's
/// <c>multiprocessing.BoundedSemaphore</c>): a <see cref="ProcessSemaphore.Release"/> without a matching
/// <see cref="ProcessSemaphore.Wait"/> throws <see cref="SemaphoreFullException"/> instead of silently adding a permit.
/// </summary>
/// <remarks>
/// Its block carries its own tag: a <c>[RunInProcess]</c> parameter of this type refuses a plain semaphore's handle, and
/// one of type <see cref="ProcessSemaphore"/> given a bounded semaphore gets a <see cref="ProcessBoundedSemaphore"/>.
/// </remarks>
public sealed class ProcessBoundedSemaphore : ProcessSemaphore
{
    /// <summary>Creates a semaphore with <paramref name="value"/> permits, which is also its maximum (Python's
    /// <c>BoundedSemaphore(value)</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative.</exception>
    public ProcessBoundedSemaphore(int value = 1)
        : base(Create(SharedKind.BoundedSemaphore, value, value, minimumMaximum: 0), SharedSegment.HeaderBytes)
    {
    }

    private ProcessBoundedSemaphore(SharedSegment segment, long offset)
        : base(segment, offset)
    {
    }

    internal static ProcessBoundedSemaphore Wrap(SharedSegment segment, long offset) => new(segment, offset);

    /// <summary>Reads a bounded semaphore's handle; generated code calls it for a <see cref="ProcessBoundedSemaphore"/>
    /// parameter.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static new ProcessBoundedSemaphore? ReadShared(ref WireReader reader) =>
        Attach(ref reader, SharedKind.BoundedSemaphore) is { } found
            ? new ProcessBoundedSemaphore(found.Segment, found.Offset)
            : null;

    /// <inheritdoc/>
    public override string ToString() => $"ProcessBoundedSemaphore ({CurrentCount} of {MaximumCount} free)";
}

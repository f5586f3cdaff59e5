namespace Parallelize.Execution;

/// <summary>
/// Consecutive items of one job, sent to one worker as one batch frame. The worker answers them in order, so
/// <see cref="Answered"/> items from the start are settled and the rest are not.
/// </summary>
internal sealed class WorkSlice
{
    public WorkSlice(WorkJob job, int first, int count)
    {
        Job = job;
        First = first;
        Count = count;
    }

    public WorkJob Job { get; }

    /// <summary>The job index of the slice's first item.</summary>
    public int First { get; }

    /// <summary>The number of items, all prepared by the job and of one assembly.</summary>
    public int Count { get; }

    /// <summary>The batch id on the worker's channel, set when the slice is registered there.</summary>
    public uint Id { get; set; }

    /// <summary>Items answered so far; written by the worker's reader thread only.</summary>
    public int Answered { get; set; }

    /// <summary>When the slice was handed to the worker (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
    public long SentTimestamp { get; set; }

    /// <summary>The shared-memory blocks its arguments occupy on the worker's channel, freed once it is answered.</summary>
    public long[]? BulkBlocks { get; set; }

    /// <summary>The full name of slice-relative item <paramref name="index"/>'s method, for messages.</summary>
    public string MethodName(int index) => Job.MethodName(First + index);

    /// <summary>The unanswered items from <paramref name="from"/> (slice-relative) to <paramref name="to"/>, as a new slice.</summary>
    public WorkSlice Part(int from, int to) => new(Job, First + from, to - from);
}

namespace Parallelize;

/// <summary>How <see cref="ProcessPool"/> runs one map.</summary>
public sealed record MapOptions
{
    private readonly int? _chunkSize;

    /// <summary>The defaults: automatic chunking, no progress reports.</summary>
    public static MapOptions Default { get; } = new();

    /// <summary>
    /// Items sent to a worker in one message (Python's <c>chunksize</c>). Null (the default) chooses from the item
    /// count and the worker count: about 16 chunks per worker, at most 1024 items each, so tiny calls are not bound by
    /// round trips and uneven ones still spread over the workers; once the items prove to take under 50 µs each, up to
    /// 8192 items, about 2 ms of a worker's time, so that per-message costs stay small next to the calls.
    /// </summary>
    public int? ChunkSize
    {
        get => _chunkSize;
        init => _chunkSize = value is null or >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ChunkSize), value, "A chunk holds at least one item.");
    }

    /// <summary>Receives the number of settled items as answers arrive, at most once per answer message.</summary>
    public IProgress<MapProgress>? Progress { get; init; }
}

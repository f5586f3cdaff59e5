using Parallelize.Bulk;
using Parallelize.Protocol;

namespace Parallelize;

/// <summary>How a <see cref="ProcessPool"/> starts, feeds and replaces its workers.</summary>
public sealed record ProcessPoolOptions
{
    private readonly int _workerCount = Environment.ProcessorCount;
    private readonly int? _maxTasksPerWorker;
    private readonly TimeSpan? _callTimeout;
    private readonly TimeSpan _cancellationGracePeriod = TimeSpan.FromSeconds(2);
    private readonly long? _memoryLimitBytes;
    private readonly int _retriesAfterCrash;
    private readonly int _maxFrameBytes = ProtocolConstants.DefaultMaxFrameBytes;
    private readonly int _sharedMemoryThresholdBytes = ProtocolConstants.DefaultSharedMemoryThresholdBytes;
    private readonly long _maxSharedMemoryBytes = ProtocolConstants.DefaultMaxSharedMemoryBytes;

    /// <summary>The defaults: one worker per processor, started on first use, no limits.</summary>
    public static ProcessPoolOptions Default { get; } = new();

    /// <summary>The number of worker processes (Python's <c>processes</c>); default <see cref="Environment.ProcessorCount"/>.</summary>
    public int WorkerCount
    {
        get => _workerCount;
        init => _workerCount = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(WorkerCount), value, "A pool needs at least one worker.");
    }

    /// <summary>
    /// Start every worker when the pool is created, so the first calls find them warm. By default workers start when
    /// the first call needs them; <see cref="ProcessPool.StartAsync(CancellationToken)"/> waits until all are ready.
    /// </summary>
    public bool StartEagerly { get; init; }

    /// <summary>
    /// Calls a worker runs before it is replaced by a fresh process (Python's <c>maxtasksperchild</c>); null (the
    /// default) keeps workers for the pool's lifetime. Use it to return memory a leaky library does not.
    /// </summary>
    public int? MaxTasksPerWorker
    {
        get => _maxTasksPerWorker;
        init => _maxTasksPerWorker = value is null or >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxTasksPerWorker), value, "A worker runs at least one call.");
    }

    /// <summary>
    /// A call run once in each new worker before any other (Python's <c>initializer</c>), such as loading a model or
    /// opening a native library. If it fails, the pool stops: pending and later calls fail with an
    /// <see cref="InvalidOperationException"/> whose inner exception says why.
    /// </summary>
    public Call? Initializer { get; init; }

    /// <summary>
    /// The longest one call may run. A call past it fails with <see cref="TimeoutException"/>, and its worker is
    /// killed and replaced; calls queued behind it run on another worker. Null (the default) means no limit.
    /// </summary>
    public TimeSpan? CallTimeout
    {
        get => _callTimeout;
        init => _callTimeout = value is null || value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(CallTimeout), value, "A timeout must be positive.");
    }

    /// <summary>
    /// How long a cancelled call whose method takes a <see cref="CancellationToken"/> may take to stop before its
    /// worker is killed (default 2 s). A call of a method without a token has its worker killed at once.
    /// </summary>
    public TimeSpan CancellationGracePeriod
    {
        get => _cancellationGracePeriod;
        init => _cancellationGracePeriod = value >= TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(CancellationGracePeriod), value, "The grace period cannot be negative.");
    }

    /// <summary>
    /// A hard limit on each worker's GC heap, in bytes (the runtime's <c>GCHeapHardLimit</c>); null (the default) means
    /// none. A call that breaches it fails with <see cref="WorkerMemoryLimitException"/>, and its worker is replaced.
    /// </summary>
    public long? MemoryLimitBytes
    {
        get => _memoryLimitBytes;
        init => _memoryLimitBytes = value is null or >= 16 * 1024 * 1024
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MemoryLimitBytes), value, "The limit must be at least 16 MiB.");
    }

    /// <summary>
    /// How many times a call whose worker died under it (a crash, a kill, a stack overflow) is run again on another
    /// worker before it fails with <see cref="WorkerCrashedException"/>. Default 0: such a call fails at once. Only
    /// for calls that are safe to repeat.
    /// </summary>
    public int RetriesAfterCrash
    {
        get => _retriesAfterCrash;
        init => _retriesAfterCrash = value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(RetriesAfterCrash), value, "The retry count cannot be negative.");
    }

    /// <summary>
    /// Whether each worker's standard output and error lines are prefixed <c>[worker 3 pid 1234] </c> (its
    /// <see cref="ProcessContext.WorkerId"/> and process id) on their way to this process's own; default false, each
    /// worker writing straight to them. See <see cref="ChildProcessOptions.PrefixOutput"/>: a worker's lines are
    /// forwarded before its exit is handled; a call's result may be reported before the lines the call printed.
    /// </summary>
    public bool PrefixOutput { get; init; }

    /// <summary>Variables to set in each worker's environment on top of the parent's; a null value removes one.</summary>
    public IReadOnlyDictionary<string, string?> EnvironmentVariables { get; init; } = new Dictionary<string, string?>();

    /// <summary>The workers' working directory; null for the parent's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The largest message, in bytes, either side accepts (default 64 MiB); see <see cref="ChildProcessOptions.MaxFrameBytes"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is under 1024 or over about 2 GiB.</exception>
    public int MaxFrameBytes
    {
        get => _maxFrameBytes;
        init => _maxFrameBytes = FrameLimit.Validate(value, nameof(MaxFrameBytes));
    }

    /// <summary>
    /// Blocks of unmanaged values of at least this many bytes (default 16 KiB) travel through memory shared with the
    /// worker instead of the pipe; see <see cref="ChildProcessOptions.SharedMemoryThresholdBytes"/>.
    /// </summary>
    public int SharedMemoryThresholdBytes
    {
        get => _sharedMemoryThresholdBytes;
        init => _sharedMemoryThresholdBytes = SharedMemoryLimits.ValidateThreshold(value, nameof(SharedMemoryThresholdBytes));
    }

    /// <summary>
    /// The size of the shared memory for each direction between the pool and each worker (default 1 GiB; 0 turns it
    /// off); see <see cref="ChildProcessOptions.MaxSharedMemoryBytes"/>.
    /// </summary>
    public long MaxSharedMemoryBytes
    {
        get => _maxSharedMemoryBytes;
        init => _maxSharedMemoryBytes = SharedMemoryLimits.ValidateSize(value, nameof(MaxSharedMemoryBytes));
    }
}

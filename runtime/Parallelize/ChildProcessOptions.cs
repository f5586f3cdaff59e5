using Parallelize.Bulk;
using Parallelize.Protocol;

namespace Parallelize;

/// <summary>How to start a child process.</summary>
public sealed record ChildProcessOptions
{
    private readonly int _maxFrameBytes = ProtocolConstants.DefaultMaxFrameBytes;
    private readonly int _sharedMemoryThresholdBytes = ProtocolConstants.DefaultSharedMemoryThresholdBytes;
    private readonly long _maxSharedMemoryBytes = ProtocolConstants.DefaultMaxSharedMemoryBytes;
    private readonly string? _name;

    /// <summary>The defaults: the parent's environment and working directory, 64 MiB messages.</summary>
    public static ChildProcessOptions Default { get; } = new();

    /// <summary>
    /// The largest message, in bytes, either side accepts (default 64 MiB, at least 1024, at most about 2 GiB). A
    /// larger call or result fails with <see cref="ProtocolException"/>.
    /// </summary>
    /// <remarks>
    /// This one limit bounds the memory that decoding a message, valid or corrupt, can take; no count inside a message
    /// needs a limit of its own. A frame's declared length is checked against the limit before its buffer is allocated,
    /// and inside the frame every length and count is checked against the bytes that remain before anything is sized
    /// by it: a string or collection cannot claim more items than the rest of the frame could hold at the fewest bytes
    /// an item takes (one for a bool or an object's null marker, four for a string, sixteen for a decimal), and the
    /// batch and error-chain counts are checked likewise (the chain is also at most 32 deep). Decoding one message
    /// therefore allocates a small multiple of its size, at most about 8 bytes per byte per level of nesting (a list of
    /// objects claiming one per byte left, each a reference), and a corrupt message fails with
    /// <see cref="ProtocolException"/>, never with <see cref="OutOfMemoryException"/>. The reader's buffer grows to the
    /// largest message received, up to twice this limit.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is under 1024 or over about 2 GiB.</exception>
    public int MaxFrameBytes
    {
        get => _maxFrameBytes;
        init => _maxFrameBytes = FrameLimit.Validate(value, nameof(MaxFrameBytes));
    }

    /// <summary>
    /// Arrays (and other blocks) of unmanaged values of at least this many bytes (default 16 KiB) travel through memory
    /// shared with the child instead of the pipe: one copy in, one copy out, and no limit but
    /// <see cref="MaxSharedMemoryBytes"/>. Smaller ones are copied into the message.
    /// </summary>
    public int SharedMemoryThresholdBytes
    {
        get => _sharedMemoryThresholdBytes;
        init => _sharedMemoryThresholdBytes = SharedMemoryLimits.ValidateThreshold(value, nameof(SharedMemoryThresholdBytes));
    }

    /// <summary>
    /// The size of the shared memory for each direction between the parent and a child (default 1 GiB; 0 sends every
    /// block through the pipe): the most bytes of large blocks in flight one way at a time, and so the largest one. It
    /// does not count against <see cref="MaxFrameBytes"/>. Memory is used only as blocks are written, and kept for reuse
    /// while the child lives. A block that finds no room is sent in the message, within <see cref="MaxFrameBytes"/>.
    /// </summary>
    public long MaxSharedMemoryBytes
    {
        get => _maxSharedMemoryBytes;
        init => _maxSharedMemoryBytes = SharedMemoryLimits.ValidateSize(value, nameof(MaxSharedMemoryBytes));
    }

    /// <summary>Variables to set in the child's environment on top of the parent's; a null value removes one.</summary>
    public IReadOnlyDictionary<string, string?> EnvironmentVariables { get; init; } = new Dictionary<string, string?>();

    /// <summary>The child's working directory; null for the parent's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// The child's name (Python's <c>Process(name=…)</c>): <see cref="ChildProcess.Name"/> in this process,
    /// <see cref="ProcessContext.Name"/> in the child. Null (the default) names it <c>ChildProcess-N</c>, where N counts
    /// the <see cref="ChildProcess"/> starts in this process, named or not, from 1 (Python's <c>Process-N</c>). Names
    /// need not be unique.
    /// </summary>
    /// <exception cref="ArgumentException">The name contains a NUL character, which the child's environment, through
    /// which the name travels, cannot carry.</exception>
    public string? Name
    {
        get => _name;
        init => _name = value is not null && value.Contains('\0', StringComparison.Ordinal)
            ? throw new ArgumentException("A child process's name cannot contain a NUL character.", nameof(Name))
            : value;
    }

    /// <summary>
    /// Whether the child is a daemon (Python's <c>daemon</c> flag). True, the default: the child never outlives this
    /// process; when this process exits, however it exits, the child exits at once. False: when this process exits
    /// normally (its <c>Main</c> returns, or <see cref="Environment.Exit"/>: whatever raises
    /// <see cref="AppDomain.ProcessExit"/>), it first waits for the child to finish, as Python joins its non-daemonic
    /// children at exit.
    /// </summary>
    /// <remarks>
    /// The wait has no timeout, as in Python: a non-daemon child that never finishes keeps this process from exiting
    /// until something kills the child (<see cref="ChildProcess.Kill"/> on another thread, or a signal from outside).
    /// Daemon children keep running during the wait and end with this process. Unlike Python, a non-daemon child still
    /// dies with this process when it ends without exiting normally (SIGKILL, a crash, and since .NET 10 SIGTERM unless
    /// the application handles it, as the generic host does, by exiting): the channel to the child closes and nothing is
    /// left to receive its result. Disposing a non-daemon <see cref="ChildProcess"/> waits for it to finish; disposing a daemon
    /// kills it.
    /// </remarks>
    public bool Daemon { get; init; } = true;

    /// <summary>
    /// Whether the child's standard output and error are prefixed with who wrote them (default false). When true, the
    /// child writes them to pipes this process reads, and each line goes on to this process's own standard output or
    /// error as <c>[Name pid 1234] line</c> (<see cref="Name"/>; <c>[worker 3 pid 1234] line</c> for a
    /// <see cref="ProcessPool"/> worker, see <see cref="ProcessPoolOptions.PrefixOutput"/>), whole lines at a time, so
    /// the lines of several children never mix mid-line. When false, the child writes straight to the standard output
    /// and error it inherited from this process, and nothing reads them here.
    /// </summary>
    /// <remarks>
    /// Every line the child wrote is forwarded before its exit is reported (before
    /// <see cref="ChildProcess.JoinAsync(CancellationToken)"/> returns, or a pool handles its worker's exit), however a
    /// process it started may hold the pipes open: once the child has exited, its exit is reported after at most two
    /// more seconds, and such a grandchild's lines keep being forwarded while it writes them. Lines go to descriptors 1 and 2 as the child wrote their bytes, not through
    /// <see cref="Console.Out"/>; a line over 64 KiB is forwarded in pieces, each prefixed; a last line without a
    /// newline gets one.
    /// </remarks>
    public bool PrefixOutput { get; init; }

    /// <summary>
    /// Starts the child as the application itself made a worker by a startup hook, the path self-contained apps
    /// take; internal so tests can cover it where "dotnet exec" with the runtime as entry would be chosen.
    /// </summary>
    internal bool StartAsApplication { get; init; }

    /// <summary>Whether the worker records when each call starts, so a pool can enforce a timeout per call.</summary>
    internal bool RecordStartTimes { get; init; }

    /// <summary>The id its pool gives a pool worker (<see cref="ProcessContext.WorkerId"/>); null for a dedicated child.</summary>
    internal int? WorkerId { get; init; }
}

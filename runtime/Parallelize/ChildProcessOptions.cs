using Parallelize.Protocol;

namespace Parallelize;

/// <summary>How to start a child process.</summary>
public sealed record ChildProcessOptions
{
    private readonly int _maxFrameBytes = ProtocolConstants.DefaultMaxFrameBytes;

    /// <summary>The defaults: the parent's environment and working directory, 64 MiB messages.</summary>
    public static ChildProcessOptions Default { get; } = new();

    /// <summary>
    /// The largest message, in bytes, either side accepts (default 64 MiB). Every declared length is checked against
    /// it before memory is allocated for it; a larger call or result fails with <see cref="ProtocolException"/>.
    /// </summary>
    public int MaxFrameBytes
    {
        get => _maxFrameBytes;
        init => _maxFrameBytes = value >= 1024
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxFrameBytes), value, "The limit must be at least 1024 bytes.");
    }

    /// <summary>Variables to set in the child's environment on top of the parent's; a null value removes one.</summary>
    public IReadOnlyDictionary<string, string?> EnvironmentVariables { get; init; } = new Dictionary<string, string?>();

    /// <summary>The child's working directory; null for the parent's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// Starts the child as the application itself made a worker by a startup hook, the path self-contained apps
    /// take; internal so tests can cover it where "dotnet exec" with the runtime as entry would be chosen.
    /// </summary>
    internal bool StartAsApplication { get; init; }

    /// <summary>Whether the worker records when each call starts, so a pool can enforce a timeout per call.</summary>
    internal bool RecordStartTimes { get; init; }
}

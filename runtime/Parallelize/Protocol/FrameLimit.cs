namespace Parallelize.Protocol;

/// <summary>
/// The range a frame limit (<see cref="ChildProcessOptions.MaxFrameBytes"/>) may take, checked where a limit is set
/// and where a worker receives it.
/// </summary>
internal static class FrameLimit
{
    public const int Smallest = 1024;

    /// <summary>
    /// A body and its header must fit one array (<see cref="Array.MaxLength"/>), so that their sum never overflows an
    /// <see cref="int"/> and the reader's buffer can always hold a frame the limit admits.
    /// </summary>
    public const int Largest = 0x7FFFFFC7 - ProtocolConstants.HeaderBytes;

    public static bool IsValid(int maxFrameBytes) => maxFrameBytes is >= Smallest and <= Largest;

    /// <summary>Returns <paramref name="maxFrameBytes"/> if it is in range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is not.</exception>
    public static int Validate(int maxFrameBytes, string paramName) => IsValid(maxFrameBytes)
        ? maxFrameBytes
        : throw new ArgumentOutOfRangeException(paramName, maxFrameBytes, $"The limit must be from {Smallest} to {Largest} bytes.");
}

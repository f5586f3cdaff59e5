namespace Parallelize.Hosting;

/// <summary>What a parent tells a worker through <see cref="WorkerEnvironment.WorkerVariable"/>.</summary>
/// <param name="ProtocolVersion">The parent's protocol version; the worker refuses any other.</param>
/// <param name="ParentPid">The parent's process id.</param>
/// <param name="MaxFrameBytes">The frame limit both sides enforce.</param>
/// <param name="RecordStartTimes">Whether the worker records when each call starts, for timeouts.</param>
/// <param name="SharedMemoryThresholdBytes">From this size on, the worker sends blocks through shared memory.</param>
/// <param name="MaxSharedMemoryBytes">The size of each direction's shared memory; 0 when there is none.</param>
/// <param name="PreloadAssembly">The parent's entry assembly, whose calls are the likely first ones: the worker loads it
/// while it waits for them. Empty for none.</param>
internal sealed record WorkerSettings(
    int ProtocolVersion, int ParentPid, int MaxFrameBytes, bool RecordStartTimes, int SharedMemoryThresholdBytes,
    long MaxSharedMemoryBytes, string PreloadAssembly)
{
    public static WorkerSettings Parse(string value)
    {
        string[] parts = value.Split(';', 7);
        if (parts.Length != 7
            || !TryParseDigits(parts[0], out int version)
            || !TryParseDigits(parts[1], out int parentPid)
            || !TryParseDigits(parts[2], out int maxFrameBytes)
            || !Protocol.FrameLimit.IsValid(maxFrameBytes)
            || parts[3] is not ("0" or "1")
            || !TryParseDigits(parts[4], out int thresholdBytes)
            || !TryParseDigits(parts[5], long.MaxValue, out long maxSharedMemoryBytes))
        {
            throw new ProtocolException($"Malformed {WorkerEnvironment.WorkerVariable} value '{value}'.");
        }

        return new WorkerSettings(version, parentPid, maxFrameBytes, parts[3] == "1", thresholdBytes, maxSharedMemoryBytes, parts[6]);
    }

    private static bool TryParseDigits(string text, out int value)
    {
        bool parsed = TryParseDigits(text, int.MaxValue, out long result);
        value = (int)result;
        return parsed;
    }

    /// <summary>
    /// Parses a non-negative decimal integer by hand: int.Parse, even with the invariant culture, initializes
    /// globalization, which loads ICU and adds ~15 ms to every child's start.
    /// </summary>
    private static bool TryParseDigits(string text, long max, out long value)
    {
        value = 0;
        if (text.Length is 0 or > 18)
        {
            return false;
        }

        long result = 0;
        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            result = (result * 10) + (c - '0');
        }

        if (result > max)
        {
            return false;
        }

        value = result;
        return true;
    }
}

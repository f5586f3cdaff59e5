namespace Parallelize.Hosting;

/// <summary>What a parent tells a worker, as <see cref="WorkerEnvironment.Settings"/> wrote it.</summary>
/// <param name="ProtocolVersion">The parent's protocol version; the worker refuses any other.</param>
/// <param name="ParentPid">The parent's process id.</param>
/// <param name="MaxFrameBytes">The frame limit both sides enforce.</param>
/// <param name="RecordStartTimes">Whether the worker records when each call starts, for timeouts.</param>
/// <param name="SharedMemoryThresholdBytes">From this size on, the worker sends blocks through shared memory.</param>
/// <param name="MaxSharedMemoryBytes">The size of each direction's shared memory; 0 when there is none.</param>
/// <param name="LendProbeAddress">Where the parent's <see cref="Bulk.LendProbe"/> lies, for the worker to find out whether
/// it can read the parent's memory; 0 when the parent lends nothing.</param>
/// <param name="PreloadAssembly">The parent's entry assembly, whose calls are the likely first ones: the worker loads it
/// while it waits for them. Empty for none.</param>
/// <param name="WorkerId">The id its pool gave the worker; null for a dedicated child.</param>
/// <param name="Name">The worker's name, <see cref="ProcessContext.Name"/>.</param>
internal sealed record WorkerSettings(
    int ProtocolVersion, int ParentPid, int MaxFrameBytes, bool RecordStartTimes, int SharedMemoryThresholdBytes,
    long MaxSharedMemoryBytes, long LendProbeAddress, string PreloadAssembly, int? WorkerId, string Name)
{
    private const int FieldCount = 10;

    public static WorkerSettings Parse(string value)
    {
        string[] parts = SplitFields(value);
        int workerId = 0;
        if (parts.Length != FieldCount
            || !TryParseDigits(parts[0], out int version)
            || !TryParseDigits(parts[1], out int parentPid)
            || !TryParseDigits(parts[2], out int maxFrameBytes)
            || !Protocol.FrameLimit.IsValid(maxFrameBytes)
            || parts[3] is not ("0" or "1")
            || !TryParseDigits(parts[4], out int thresholdBytes)
            || !TryParseDigits(parts[5], long.MaxValue, out long maxSharedMemoryBytes)
            || !TryParseDigits(parts[6], long.MaxValue, out long lendProbeAddress)
            || (parts[7].Length > 0 && !TryParseDigits(parts[7], out workerId)))
        {
            throw new ProtocolException($"Malformed worker settings '{value}'.");
        }

        return new WorkerSettings(
            version, parentPid, maxFrameBytes, parts[3] == "1", thresholdBytes, maxSharedMemoryBytes, lendProbeAddress,
            parts[8], parts[7].Length > 0 ? workerId : null, parts[9]);
    }

    /// <summary>
    /// Up to <see cref="FieldCount"/> fields; the name, free text, comes last and keeps any ';' it holds. A plain loop:
    /// string.Split would be the worker's first vectorized search, whose first call costs a fresh process about 1 ms.
    /// </summary>
    private static string[] SplitFields(string value)
    {
        var fields = new string[FieldCount];
        int count = 0;
        int start = 0;
        for (int i = 0; i < value.Length && count < FieldCount - 1; i++)
        {
            if (value[i] == ';')
            {
                fields[count++] = value[start..i];
                start = i + 1;
            }
        }

        fields[count++] = value[start..];
        return count == FieldCount ? fields : fields[..count];
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

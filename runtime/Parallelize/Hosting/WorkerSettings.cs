namespace Parallelize.Hosting;

/// <summary>What a parent tells a worker through <see cref="WorkerEnvironment.WorkerVariable"/>.</summary>
/// <param name="ProtocolVersion">The parent's protocol version; the worker refuses any other.</param>
/// <param name="ParentPid">The parent's process id.</param>
/// <param name="MaxFrameBytes">The frame limit both sides enforce.</param>
/// <param name="RecordStartTimes">Whether the worker records when each call starts, for timeouts.</param>
/// <param name="PreloadAssembly">The parent's entry assembly, whose calls are the likely first ones: the worker loads it
/// while it waits for them. Empty for none.</param>
internal sealed record WorkerSettings(int ProtocolVersion, int ParentPid, int MaxFrameBytes, bool RecordStartTimes, string PreloadAssembly)
{
    public static WorkerSettings Parse(string value)
    {
        string[] parts = value.Split(';', 5);
        if (parts.Length != 5
            || !TryParseDigits(parts[0], out int version)
            || !TryParseDigits(parts[1], out int parentPid)
            || !TryParseDigits(parts[2], out int maxFrameBytes)
            || !Protocol.FrameLimit.IsValid(maxFrameBytes)
            || parts[3] is not ("0" or "1"))
        {
            throw new ProtocolException($"Malformed {WorkerEnvironment.WorkerVariable} value '{value}'.");
        }

        return new WorkerSettings(version, parentPid, maxFrameBytes, parts[3] == "1", parts[4]);
    }

    /// <summary>
    /// Parses a non-negative decimal integer by hand: int.Parse, even with the invariant culture, initializes
    /// globalization, which loads ICU and adds ~15 ms to every child's start.
    /// </summary>
    private static bool TryParseDigits(string text, out int value)
    {
        value = 0;
        if (text.Length is 0 or > 10)
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

        if (result > int.MaxValue)
        {
            return false;
        }

        value = (int)result;
        return true;
    }
}

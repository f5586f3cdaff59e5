namespace Parallelize.Hosting;

/// <summary>What a parent tells a worker through <see cref="WorkerEnvironment.WorkerVariable"/>.</summary>
internal sealed record WorkerSettings(int ProtocolVersion, int ParentPid, int MaxFrameBytes, bool RecordStartTimes)
{
    public static WorkerSettings Parse(string value)
    {
        string[] parts = value.Split(';');
        if (parts.Length != 4
            || !TryParseDigits(parts[0], out int version)
            || !TryParseDigits(parts[1], out int parentPid)
            || !TryParseDigits(parts[2], out int maxFrameBytes)
            || parts[3] is not ("0" or "1"))
        {
            throw new ProtocolException($"Malformed {WorkerEnvironment.WorkerVariable} value '{value}'.");
        }

        return new WorkerSettings(version, parentPid, maxFrameBytes, parts[3] == "1");
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

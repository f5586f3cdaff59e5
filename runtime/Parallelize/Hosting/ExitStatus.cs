namespace Parallelize.Hosting;

/// <summary>How a child ended: an exit code, or the signal that killed it.</summary>
internal readonly record struct ExitStatus(int? Code, int? Signal)
{
    /// <summary>The status of a child that something other than Parallelize reaped.</summary>
    public static ExitStatus Unknown => new(null, null);

    /// <summary>Python's <c>exitcode</c> convention: the exit code, or minus the signal number.</summary>
    public int PythonStyleCode => Code ?? -(Signal ?? 0);

    public static ExitStatus FromWaitStatus(int status)
    {
        int signal = status & 0x7f;
        return signal == 0 ? new ExitStatus((status >> 8) & 0xff, null) : new ExitStatus(null, signal);
    }

    public override string ToString() => (Code, Signal) switch
    {
        (int code, _) => $"exited with code {code}",
        (_, int signal) => $"was killed by signal {signal} ({SignalNames.Describe(signal)})",
        _ => "ended with a status nobody recorded",
    };
}

namespace Parallelize.Hosting;

internal static class SignalNames
{
    public static string Describe(int signal) => signal switch
    {
        4 => "SIGILL",
        6 => "SIGABRT: Environment.FailFast, a stack overflow or an abort",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV: a native crash",
        13 => "SIGPIPE",
        15 => "SIGTERM",
        _ => $"signal {signal}",
    };
}

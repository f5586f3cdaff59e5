using System.Runtime.InteropServices;

namespace Parallelize.Native;

/// <summary>Whether a process id still names a running process: how a waiter tells an abandoned owner from a busy one.</summary>
internal static class ProcessLiveness
{
    /// <summary>
    /// False once <paramref name="pid"/> has exited, including while it is a zombie that its parent has not reaped yet
    /// (kill(pid, 0) still succeeds then).
    /// </summary>
    /// <remarks>A pid reused by an unrelated process reads as alive; on Linux pids cycle through the whole
    /// pid_max range before reuse, so this takes tens of thousands of process starts in between.</remarks>
    public static bool IsAlive(int pid)
    {
        if (pid <= 0)
        {
            return false;
        }

        if (Libc.kill(pid, 0) == -1 && Marshal.GetLastPInvokeError() == Libc.ESRCH)
        {
            return false;
        }

        return !IsZombie(pid);
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            // "pid (comm) S ...": the state follows the last ')', since comm may itself hold parentheses.
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            int close = stat.LastIndexOf(')');
            return close >= 0 && close + 2 < stat.Length && stat[close + 2] is 'Z' or 'X';
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}

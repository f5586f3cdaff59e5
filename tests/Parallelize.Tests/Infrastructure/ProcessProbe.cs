namespace Parallelize.Tests.Infrastructure;

/// <summary>Looks at other processes through /proc, without touching any process the test did not start.</summary>
internal static class ProcessProbe
{
    /// <summary>True while the process exists and has not exited (a zombie counts as exited).</summary>
    public static bool IsRunning(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }

        // The state follows the parenthesised command name, which may itself contain spaces or parentheses.
        char state = stat[stat.LastIndexOf(')') + 2];
        return state is not ('Z' or 'X');
    }

    /// <summary>Waits until the process is gone; false if it still runs after <paramref name="timeout"/>.</summary>
    public static async Task<bool> WaitUntilGoneAsync(int pid, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (IsRunning(pid))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }
}

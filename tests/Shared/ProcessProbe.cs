using System.Globalization;

namespace Parallelize.Testing;

/// <summary>Looks at other processes through /proc, without touching any of them. Shared by the test projects (linked,
/// not referenced: each compiles its own internal copy).</summary>
internal static class ProcessProbe
{
    /// <summary>True while the process exists and has not exited (a zombie counts as exited).</summary>
    public static bool IsRunning(int pid) => ReadStat(pid) is { } stat && stat.State is not ('Z' or 'X');

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

    /// <summary>The ids of the running processes whose parent is <paramref name="parentPid"/>.</summary>
    public static List<int> ChildrenOf(int parentPid)
    {
        var children = new List<int>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                && ReadStat(pid) is { } stat && stat.ParentPid == parentPid && stat.State is not ('Z' or 'X'))
            {
                children.Add(pid);
            }
        }

        return children;
    }

    private static (char State, int ParentPid)? ReadStat(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid ...": the command name may itself contain spaces or parentheses.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ', 3);
        return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
    }
}

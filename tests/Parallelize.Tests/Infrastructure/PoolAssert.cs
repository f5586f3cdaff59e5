namespace Parallelize.Tests.Infrastructure;

/// <summary>Checks that a pool left nothing behind.</summary>
internal static class PoolAssert
{
    /// <summary>Every process in <paramref name="pids"/> is gone and reaped (no zombie), within a second.</summary>
    public static async Task AllGoneAsync(IEnumerable<int> pids)
    {
        foreach (int pid in pids)
        {
            Assert.True(await ProcessProbe.WaitUntilGoneAsync(pid, TimeSpan.FromSeconds(1)), $"worker {pid} still runs");
            for (int i = 0; i < 100 && IsOurZombie(pid); i++)
            {
                await Task.Delay(10);
            }

            Assert.False(IsOurZombie(pid), $"worker {pid} is a zombie: exited but never reaped");
        }
    }

    private static bool IsOurZombie(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            string[] after = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return after[0] == "Z" && after[1] == Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return false;
        }
    }
}

using Parallelize;

namespace Parallelize.TestApp;

/// <summary>Methods whose children outlive the app's <c>Main</c>, for the daemon tests.</summary>
public static partial class LifetimeMethods
{
    /// <summary>
    /// Waits until <paramref name="go"/> exists (a minute at most, so a failed test leaves nothing running for long),
    /// then writes this process's id to <paramref name="done"/>.
    /// </summary>
    [RunInProcess]
    public static bool WaitThenWrite(string go, string done)
    {
        DateTime deadline = DateTime.UtcNow.AddMinutes(1);
        while (!File.Exists(go))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(10);
        }

        File.WriteAllText(done, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }
}

using Parallelize;

namespace LockedPrinting;

/// <summary>Python's <c>f</c>.</summary>
public static partial class Printer
{
    /// <summary>Runs in each of the ten children, which share one lock.</summary>
    [RunInProcess]
    public static void F(ProcessLock l, int i)
    {
        using (l.Acquire())
        {
            // Three writes, each its own system call: without the lock, another process's output could land between them.
            Console.Write("hello world");
            Console.Write(' ');
            Console.WriteLine(i);
        }
    }
}

using Parallelize;

namespace QuickStart;

/// <summary>The methods the sample runs in child processes. The class is partial so the generator can add to it.</summary>
public static partial class Demo
{
    /// <summary>Python's <c>os.getpid()</c> / <c>os.getppid()</c> demo: who am I, and who started me?</summary>
    [RunInProcess]
    public static string Info(string title)
    {
        Console.WriteLine($"  [{title}] hello from the child's own console output");
        return $"{title}: child pid: {ProcessContext.Pid}, parent pid as seen from the child: {ProcessContext.ParentPid}";
    }

    /// <summary>CPU-bound work: counts the primes in [from, to).</summary>
    [RunInProcess]
    public static long CountPrimes(long from, long to)
    {
        long count = 0;
        for (long n = Math.Max(from, 2); n < to; n++)
        {
            bool prime = true;
            for (long d = 2; d * d <= n; d++)
            {
                if (n % d == 0)
                {
                    prime = false;
                    break;
                }
            }

            count += prime ? 1 : 0;
        }

        return count;
    }

    /// <summary>Asynchronous methods are awaited in the child.</summary>
    [RunInProcess]
    public static async Task<string[]> GreetAsync(string[] names)
    {
        await Task.Delay(10);
        return Array.ConvertAll(names, name => $"hello, {name}");
    }

    /// <summary>An exception thrown here arrives in the parent as a <see cref="RemoteException"/>.</summary>
    [RunInProcess]
    public static int Divide(int numerator, int denominator) => numerator / denominator;
}

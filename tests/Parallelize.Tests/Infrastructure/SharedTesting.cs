using System.Diagnostics;
using Parallelize.Serialization;
using Parallelize.Sharing;

namespace Parallelize.Tests.Infrastructure;

/// <summary>Helpers for tests of the cross-process primitives within one process: second views through handles, waiters
/// on dedicated threads, and bounded polling.</summary>
internal static class SharedTesting
{
    /// <summary>How long a test waits for something that should happen: generous, since the cores are noisy.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <summary>How long a test watches for something that should not happen.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);

    public delegate T? HandleReader<T>(ref WireReader reader);

    /// <summary>Writes <paramref name="shared"/>'s handle and reads it back with <paramref name="read"/>: a second view
    /// of the same memory, as a child process would get.</summary>
    public static T View<T>(SharedObject shared, HandleReader<T> read)
        where T : class
    {
        var writer = new WireWriter();
        writer.WriteShared(shared);
        var reader = new WireReader(writer.WrittenSpan);
        T? view = read(ref reader);
        reader.EnsureEnd();
        Assert.NotNull(view);
        return view;
    }

    /// <summary>Reads <paramref name="shared"/>'s handle with <paramref name="read"/>, which must refuse it.</summary>
    public static void AssertRefused<T>(SharedObject shared, HandleReader<T> read)
    {
        var writer = new WireWriter();
        writer.WriteShared(shared);
        int references = shared.Segment.References;
        Assert.Throws<ProtocolException>(() =>
        {
            var reader = new WireReader(writer.WrittenSpan);
            read(ref reader);
        });
        Assert.Equal(references, shared.Segment.References); // the refused read let its reference go
    }

    /// <summary>The pid of a process that has exited and been reaped, to stand for an owner or waiter that died.</summary>
    public static int DeadPid()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    /// <summary>Runs <paramref name="body"/> on a new thread of its own (its own managed thread id, free to block).</summary>
    public static Task<T> OnThread<T>(Func<T> body)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.SetResult(body());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        { IsBackground = true };
        thread.Start();
        return done.Task;
    }

    /// <summary>Runs <paramref name="body"/> on a new thread of its own.</summary>
    public static Task OnThread(Action body) => OnThread(() =>
    {
        body();
        return true;
    });

    /// <summary>Polls <paramref name="condition"/> until it holds, failing after <see cref="Patience"/>.</summary>
    public static void Until(Func<bool> condition, string what)
    {
        long end = Environment.TickCount64 + (long)Patience.TotalMilliseconds;
        while (!condition())
        {
            Assert.True(Environment.TickCount64 < end, $"timed out waiting until {what}");
            Thread.Sleep(1);
        }
    }

    /// <summary>Waits for <paramref name="task"/> to finish within <see cref="Patience"/> and returns its result.</summary>
    public static T Finishes<T>(Task<T> task)
    {
        Assert.True(task.Wait(Patience), "the task did not finish in time");
        return task.Result;
    }

    /// <summary>Waits for <paramref name="task"/> to finish within <see cref="Patience"/>, rethrowing its exception.</summary>
    public static void Finishes(Task task)
    {
        Assert.True(((IAsyncResult)task).AsyncWaitHandle.WaitOne(Patience), "the task did not finish in time");
        task.GetAwaiter().GetResult();
    }

    /// <summary>Asserts that <paramref name="task"/> fails with <typeparamref name="TException"/> within
    /// <paramref name="within"/>.</summary>
    public static TException Fails<TException>(Task task, TimeSpan within)
        where TException : Exception
    {
        Assert.True(((IAsyncResult)task).AsyncWaitHandle.WaitOne(within), $"the task did not end within {within}");
        return Assert.ThrowsAny<TException>(() => task.GetAwaiter().GetResult());
    }

    /// <summary>Asserts that <paramref name="task"/> is still running after <see cref="Quiet"/>.</summary>
    public static void StaysBlocked(Task task, string what) =>
        Assert.False(((IAsyncResult)task).AsyncWaitHandle.WaitOne(Quiet), what);
}

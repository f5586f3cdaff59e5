using System.Diagnostics;
using static Parallelize.Tests.Infrastructure.SharedTesting;

namespace Parallelize.Tests.Sharing;

public sealed class ProcessSemaphoreTests
{
    [Fact]
    public void Permits_are_taken_and_given_back()
    {
        using var semaphore = new ProcessSemaphore(2);
        Assert.Equal(2, semaphore.CurrentCount);
        Assert.Equal(int.MaxValue, semaphore.MaximumCount);

        semaphore.Wait();
        Assert.True(semaphore.TryWait(TimeSpan.Zero));
        Assert.False(semaphore.TryWait(TimeSpan.Zero));
        Assert.Equal(0, semaphore.CurrentCount);

        Assert.Equal(0, semaphore.Release());
        Assert.Equal(1, semaphore.Release(3));
        Assert.Equal(4, semaphore.CurrentCount);
    }

    [Fact]
    public void At_most_the_count_of_threads_hold_permits_at_once()
    {
        using var semaphore = new ProcessSemaphore(2);
        int inside = 0, most = 0;
        Task[] workers = [.. Enumerable.Range(0, 4).Select(_ => OnThread(() =>
        {
            for (int i = 0; i < 500; i++)
            {
                semaphore.Wait();
                int now = Interlocked.Increment(ref inside);
                InterlockedMax(ref most, now);
                Thread.SpinWait(50);
                Interlocked.Decrement(ref inside);
                semaphore.Release();
            }
        }))];

        foreach (Task worker in workers)
        {
            Finishes(worker);
        }

        Assert.InRange(most, 1, 2);
        Assert.Equal(2, semaphore.CurrentCount);
    }

    [Fact]
    public void Release_past_the_maximum_throws_and_changes_nothing()
    {
        using var semaphore = new ProcessSemaphore(1, maximumCount: 3);
        Assert.Equal(1, semaphore.Release(2));
        Assert.Throws<SemaphoreFullException>(() => semaphore.Release());
        Assert.Equal(3, semaphore.CurrentCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => semaphore.Release(0));

        Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessSemaphore(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessSemaphore(2, maximumCount: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessSemaphore(0, maximumCount: 0));
    }

    [Fact]
    public void Release_of_n_wakes_exactly_n_sleepers()
    {
        using var semaphore = new ProcessSemaphore(0);
        Task[] waiters = [.. Enumerable.Range(0, 3).Select(_ => OnThread(() => semaphore.Wait()))];
        Until(() => semaphore.SleeperCount == 3, "three waiters sleep");

        semaphore.Release(2);
        Until(() => waiters.Count(static w => w.IsCompleted) == 2, "two waiters got a permit");
        StaysBlocked(Task.WhenAll(waiters), "a third waiter got a permit that was never released");
        Assert.Equal(0, semaphore.CurrentCount);

        semaphore.Release();
        Finishes(Task.WhenAll(waiters));
        Assert.Equal(0, semaphore.SleeperCount);
    }

    [Fact]
    public void TryWait_gives_up_at_the_timeout()
    {
        using var semaphore = new ProcessSemaphore(0);
        var watch = Stopwatch.StartNew();
        Assert.False(semaphore.TryWait(TimeSpan.FromMilliseconds(150)));
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(140), Patience);
        Assert.Throws<ArgumentOutOfRangeException>(() => semaphore.TryWait(TimeSpan.FromMilliseconds(-2)));
    }

    [Fact]
    public void Cancelling_the_token_releases_a_blocked_waiter()
    {
        using var semaphore = new ProcessSemaphore(0);
        using var cts = new CancellationTokenSource();
        Task waiter = OnThread(() => semaphore.Wait(cts.Token));
        Until(() => semaphore.SleeperCount == 1, "the waiter sleeps");

        cts.Cancel();
        Fails<OperationCanceledException>(waiter, TimeSpan.FromSeconds(1));
        Assert.Equal(0, semaphore.SleeperCount);
        Assert.Equal(0, semaphore.CurrentCount);
    }

    [Fact]
    public async Task Async_waits_complete_at_once_with_a_permit_and_later_without()
    {
        using var semaphore = new ProcessSemaphore(1);
        ValueTask first = semaphore.WaitAsync();
        Assert.True(first.IsCompletedSuccessfully);
        Assert.False(await semaphore.TryWaitAsync(TimeSpan.Zero));

        ValueTask<bool> timed = semaphore.TryWaitAsync(TimeSpan.FromMilliseconds(50));
        Assert.False(await timed);

        Task pending = semaphore.WaitAsync().AsTask();
        Assert.False(pending.IsCompleted);
        semaphore.Release();
        Finishes(pending);

        using var cts = new CancellationTokenSource();
        Task cancelled = semaphore.WaitAsync(cts.Token).AsTask();
        cts.Cancel();
        Fails<OperationCanceledException>(cancelled, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_view_through_a_handle_shares_the_permits()
    {
        using var semaphore = new ProcessSemaphore(1, maximumCount: 5);
        using var view = View(semaphore, ProcessSemaphore.ReadShared);
        Assert.Equal(5, view.MaximumCount);

        Assert.True(view.TryWait(TimeSpan.Zero));
        Assert.Equal(0, semaphore.CurrentCount);
        Task waiter = OnThread(() => view.Wait());
        Until(() => semaphore.SleeperCount == 1, "the waiter sleeps");
        semaphore.Release();
        Finishes(waiter);
    }

    [Fact]
    public void A_handle_of_another_kind_is_refused()
    {
        using var semaphore = new ProcessSemaphore(1);
        using var bounded = new ProcessBoundedSemaphore(1);
        using var @event = new ProcessEvent();
        AssertRefused(@event, ProcessSemaphore.ReadShared);
        AssertRefused(semaphore, ProcessEvent.ReadShared);
    }

    [Fact]
    public void A_bounded_semaphore_read_as_a_semaphore_stays_bounded()
    {
        using var bounded = new ProcessBoundedSemaphore(1);
        using var view = View(bounded, ProcessSemaphore.ReadShared);
        Assert.IsType<ProcessBoundedSemaphore>(view);
        Assert.Throws<SemaphoreFullException>(() => view.Release());
    }

    [Fact]
    public void A_disposed_semaphore_throws()
    {
        var semaphore = new ProcessSemaphore(1);
        semaphore.Dispose();
        Assert.Throws<ObjectDisposedException>(() => semaphore.Wait());
        Assert.Throws<ObjectDisposedException>(() => semaphore.TryWait(TimeSpan.Zero));
        Assert.Throws<ObjectDisposedException>(() => semaphore.WaitAsync());
        Assert.Throws<ObjectDisposedException>(() => semaphore.Release());
        Assert.Throws<ObjectDisposedException>(() => semaphore.CurrentCount);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen = Volatile.Read(ref target);
        while (value > seen)
        {
            int before = Interlocked.CompareExchange(ref target, value, seen);
            if (before == seen)
            {
                return;
            }

            seen = before;
        }
    }
}

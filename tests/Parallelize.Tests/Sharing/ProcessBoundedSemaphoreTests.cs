using static Parallelize.Tests.Infrastructure.SharedTesting;

namespace Parallelize.Tests.Sharing;

public sealed class ProcessBoundedSemaphoreTests
{
    [Fact]
    public void Its_maximum_is_its_initial_value()
    {
        using var semaphore = new ProcessBoundedSemaphore(2);
        Assert.Equal(2, semaphore.MaximumCount);
        Assert.Throws<SemaphoreFullException>(() => semaphore.Release());

        semaphore.Wait();
        semaphore.Wait();
        Assert.False(semaphore.TryWait(TimeSpan.Zero));
        Assert.Equal(0, semaphore.Release());
        Assert.Throws<SemaphoreFullException>(() => semaphore.Release(2));
        Assert.Equal(1, semaphore.Release());
        Assert.Equal(2, semaphore.CurrentCount);

        Assert.Equal(1, new ProcessBoundedSemaphore().MaximumCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessBoundedSemaphore(-1));
    }

    [Fact]
    public void A_release_wakes_a_sleeper_and_cancellation_frees_another()
    {
        using var semaphore = new ProcessBoundedSemaphore(1);
        semaphore.Wait();
        using var cts = new CancellationTokenSource();
        Task released = OnThread(() => semaphore.Wait());
        Until(() => semaphore.SleeperCount == 1, "the first waiter sleeps");
        Task cancelled = OnThread(() => semaphore.Wait(cts.Token));
        Until(() => semaphore.SleeperCount == 2, "the second waiter sleeps");

        cts.Cancel();
        Fails<OperationCanceledException>(cancelled, TimeSpan.FromSeconds(1));
        semaphore.Release();
        Finishes(released);
        Assert.Equal(0, semaphore.CurrentCount);
    }

    [Fact]
    public async Task Async_waits_complete_at_once_with_a_permit_and_later_without()
    {
        using var semaphore = new ProcessBoundedSemaphore(1);
        Assert.True(semaphore.WaitAsync().IsCompletedSuccessfully);
        Assert.False(await semaphore.TryWaitAsync(TimeSpan.FromMilliseconds(30)));
        Task<bool> pending = semaphore.TryWaitAsync(Patience).AsTask();
        semaphore.Release();
        Assert.True(Finishes(pending));
    }

    [Fact]
    public void A_view_through_a_handle_shares_the_bound()
    {
        using var semaphore = new ProcessBoundedSemaphore(1);
        using var view = View(semaphore, ProcessBoundedSemaphore.ReadShared);
        view.Wait();
        Assert.Equal(0, semaphore.CurrentCount);
        semaphore.Release();
        Assert.Throws<SemaphoreFullException>(() => view.Release());
    }

    [Fact]
    public void A_handle_of_another_kind_is_refused()
    {
        using var semaphore = new ProcessSemaphore(1, 1);
        AssertRefused(semaphore, ProcessBoundedSemaphore.ReadShared);
    }

    [Fact]
    public void A_disposed_semaphore_throws()
    {
        var semaphore = new ProcessBoundedSemaphore(1);
        semaphore.Dispose();
        Assert.Throws<ObjectDisposedException>(() => semaphore.Wait());
        Assert.Throws<ObjectDisposedException>(() => semaphore.Release());
    }
}

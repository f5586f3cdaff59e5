using System.Diagnostics;
using static Parallelize.Tests.Infrastructure.SharedTesting;

namespace Parallelize.Tests.Sharing;

public sealed class ProcessEventTests
{
    [Fact]
    public void Set_and_clear_change_the_flag()
    {
        using var @event = new ProcessEvent();
        Assert.False(@event.IsSet);
        Assert.False(@event.Wait(TimeSpan.Zero));

        @event.Set();
        @event.Set();
        Assert.True(@event.IsSet);
        Assert.True(@event.Wait(TimeSpan.Zero));
        @event.Wait();

        @event.Clear();
        @event.Clear();
        Assert.False(@event.IsSet);
        using var initiallySet = new ProcessEvent(initialState: true);
        Assert.True(initiallySet.IsSet);
    }

    [Fact]
    public void Set_releases_every_waiter()
    {
        using var @event = new ProcessEvent();
        Task<bool>[] waiters = [.. Enumerable.Range(0, 5).Select(_ => OnThread(() => @event.Wait(Patience)))];
        Until(() => @event.SleeperCount == 5, "five waiters sleep");
        StaysBlocked(Task.WhenAny(waiters), "a waiter returned before the event was set");

        @event.Set();
        foreach (Task<bool> waiter in waiters)
        {
            Assert.True(Finishes(waiter));
        }

        Assert.Equal(0, @event.SleeperCount);
    }

    [Fact]
    public void A_set_then_clear_still_releases_those_that_were_waiting()
    {
        using var @event = new ProcessEvent();
        Task<bool>[] waiters = [.. Enumerable.Range(0, 3).Select(_ => OnThread(() => @event.Wait(Patience)))];
        Until(() => @event.SleeperCount == 3, "three waiters sleep");

        @event.Set();
        @event.Clear();
        foreach (Task<bool> waiter in waiters)
        {
            Assert.True(Finishes(waiter));
        }

        Assert.False(@event.Wait(TimeSpan.FromMilliseconds(20)));
    }

    [Fact]
    public void Wait_gives_up_at_the_timeout()
    {
        using var @event = new ProcessEvent();
        var watch = Stopwatch.StartNew();
        Assert.False(@event.Wait(TimeSpan.FromMilliseconds(150)));
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(140), Patience);
    }

    [Fact]
    public void Cancelling_the_token_releases_a_blocked_waiter()
    {
        using var @event = new ProcessEvent();
        using var cts = new CancellationTokenSource();
        Task waiter = OnThread(() => @event.Wait(cts.Token));
        Until(() => @event.SleeperCount == 1, "the waiter sleeps");

        cts.Cancel();
        Fails<OperationCanceledException>(waiter, TimeSpan.FromSeconds(1));
        Assert.Equal(0, @event.SleeperCount);
    }

    [Fact]
    public async Task Async_waits_complete_at_once_when_set_and_later_otherwise()
    {
        using var @event = new ProcessEvent();
        Assert.False(await @event.WaitAsync(TimeSpan.Zero));
        Assert.False(await @event.WaitAsync(TimeSpan.FromMilliseconds(30)));

        Task pending = @event.WaitAsync().AsTask();
        Task<bool> timed = @event.WaitAsync(Patience).AsTask();
        Until(() => @event.SleeperCount == 2, "both async waits sleep");
        @event.Set();
        Finishes(pending);
        Assert.True(Finishes(timed));
        Assert.True(@event.WaitAsync().IsCompletedSuccessfully);
        Assert.True(await @event.WaitAsync(TimeSpan.Zero));

        @event.Clear();
        using var cts = new CancellationTokenSource();
        Task cancelled = @event.WaitAsync(cts.Token).AsTask();
        cts.Cancel();
        Fails<OperationCanceledException>(cancelled, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_view_through_a_handle_shares_the_flag()
    {
        using var @event = new ProcessEvent();
        using var view = View(@event, ProcessEvent.ReadShared);
        Task<bool> waiter = OnThread(() => view.Wait(Patience));
        Until(() => @event.SleeperCount == 1, "the waiter sleeps on the view");

        @event.Set();
        Assert.True(Finishes(waiter));
        Assert.True(view.IsSet);
        view.Clear();
        Assert.False(@event.IsSet);
    }

    [Fact]
    public void A_handle_of_another_kind_is_refused()
    {
        using var @event = new ProcessEvent();
        using var barrier = new ProcessBarrier(2);
        AssertRefused(barrier, ProcessEvent.ReadShared);
        AssertRefused(@event, ProcessBarrier.ReadShared);
    }

    [Fact]
    public void A_disposed_event_throws()
    {
        var @event = new ProcessEvent();
        @event.Dispose();
        Assert.Throws<ObjectDisposedException>(@event.Set);
        Assert.Throws<ObjectDisposedException>(@event.Clear);
        Assert.Throws<ObjectDisposedException>(() => @event.IsSet);
        Assert.Throws<ObjectDisposedException>(() => @event.Wait(TimeSpan.Zero));
        Assert.Throws<ObjectDisposedException>(() => @event.WaitAsync());
    }
}

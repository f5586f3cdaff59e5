using System.Diagnostics;
using Parallelize.Sharing;
using static Parallelize.Tests.Infrastructure.SharedTesting;

namespace Parallelize.Tests.Sharing;

public sealed class ProcessConditionTests
{
    [Fact]
    public void Notify_releases_one_waiter_and_NotifyAll_the_rest()
    {
        using var condition = new ProcessCondition();
        using var cts = new CancellationTokenSource(); // never fired: cancellable waits wake periodically to look
        int ready = 0, released = 0;
        Task<bool>[] waiters = [.. Enumerable.Range(0, 3).Select(i => OnThread(() =>
        {
            using (condition.Acquire())
            {
                ready++;
                bool notified = condition.Wait(Patience, i == 0 ? default : cts.Token);
                released++;
                return notified;
            }
        }))];
        WaitUntilWaiting(condition, () => ready == 3);

        using (condition.Acquire())
        {
            condition.Notify();
        }

        Until(() => waiters.Count(static w => w.IsCompleted) == 1, "one waiter returned");
        StaysBlocked(Task.WhenAll(waiters), "Notify(1) released more than one waiter");
        using (condition.Acquire())
        {
            Assert.Equal(1, released);
            condition.NotifyAll();
        }

        Assert.All(waiters, static w => Assert.True(Finishes(w)));
        Assert.Equal(3, released);
    }

    [Fact]
    public void Notify_n_releases_n_waiters_in_arrival_order()
    {
        using var condition = new ProcessCondition();
        var order = new List<int>();
        int ready = 0;
        Task[] waiters = new Task[4];
        for (int i = 0; i < waiters.Length; i++)
        {
            int id = i;
            waiters[i] = OnThread(() =>
            {
                using (condition.Acquire())
                {
                    ready++;
                    Assert.True(condition.Wait(Patience));
                    order.Add(id);
                }
            });
            WaitUntilWaiting(condition, () => ready == id + 1); // each in line before the next arrives
        }

        using (condition.Acquire())
        {
            condition.Notify(2);
        }

        Until(() => waiters.Count(static w => w.IsCompleted) == 2, "two waiters returned");
        StaysBlocked(Task.WhenAll(waiters), "Notify(2) released more than two waiters");
        using (condition.Acquire())
        {
            Assert.Equal(new[] { 0, 1 }, order.Order());
            condition.Notify(5);
        }

        Finishes(Task.WhenAll(waiters));
        Assert.Equal(new[] { 2, 3 }, order.Skip(2).Order());
    }

    [Fact]
    public void A_waiter_arriving_after_a_notify_does_not_take_it()
    {
        using var condition = new ProcessCondition();
        int ready = 0;
        Task<bool> early = OnThread(() =>
        {
            using (condition.Acquire())
            {
                ready++;
                return condition.Wait(Patience);
            }
        });
        WaitUntilWaiting(condition, () => ready == 1);

        Task<bool> late;
        using (condition.Acquire())
        {
            condition.Notify();
            late = OnThread(() =>
            {
                using (condition.Acquire())
                {
                    ready++;
                    return condition.Wait(TimeSpan.FromMilliseconds(300));
                }
            });
        }

        Assert.True(Finishes(early));
        Assert.False(Finishes(late));
    }

    [Fact]
    public void Wait_releases_every_level_of_the_lock_and_restores_them()
    {
        using var condition = new ProcessCondition();
        int ready = 0;
        Task<int> waiter = OnThread(() =>
        {
            condition.Acquire();
            condition.Acquire();
            condition.Acquire();
            ready++;
            condition.Wait(Patience);
            Assert.True(condition.IsHeldByCurrentThread);
            int levels = 0;
            while (condition.IsHeldByCurrentThread)
            {
                condition.Release();
                levels++;
            }

            return levels;
        });
        WaitUntilWaiting(condition, () => ready == 1);

        Assert.True(condition.TryAcquire(TimeSpan.Zero), "the waiter kept a level of the lock while waiting");
        condition.Notify();
        condition.Release();
        Assert.Equal(3, Finishes(waiter));
    }

    [Fact]
    public void Wait_and_Notify_need_the_lock()
    {
        using var condition = new ProcessCondition();
        Assert.Throws<SynchronizationLockException>(() => condition.Wait(TimeSpan.Zero));
        Assert.Throws<SynchronizationLockException>(() => condition.Notify());
        Assert.Throws<SynchronizationLockException>(condition.NotifyAll);
        Assert.Throws<SynchronizationLockException>(condition.Release);

        using (condition.Acquire())
        {
            Assert.Throws<SynchronizationLockException>(() => Finishes(OnThread(() => condition.Notify())));
            Assert.Throws<ArgumentOutOfRangeException>(() => condition.Notify(-1));
            condition.Notify(0);
            condition.NotifyAll();
        }
    }

    [Fact]
    public void Wait_gives_up_at_the_timeout_holding_the_lock()
    {
        using var condition = new ProcessCondition();
        using (condition.Acquire())
        {
            var watch = Stopwatch.StartNew();
            Assert.False(condition.Wait(TimeSpan.FromMilliseconds(150)));
            Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(140), Patience);
            Assert.True(condition.IsHeldByCurrentThread);
        }

        Assert.False(condition.IsHeldByCurrentThread);
    }

    [Fact]
    public void WaitFor_waits_until_the_predicate_holds_or_the_timeout()
    {
        using var condition = new ProcessCondition();
        int value = 0;
        Task<bool> waiter = OnThread(() =>
        {
            using (condition.Acquire())
            {
                return condition.WaitFor(() => value >= 3, Patience);
            }
        });

        for (int i = 0; i < 3; i++)
        {
            using (condition.Acquire())
            {
                value++;
                condition.NotifyAll();
            }
        }

        Assert.True(Finishes(waiter));
        using (condition.Acquire())
        {
            var watch = Stopwatch.StartNew();
            Assert.False(condition.WaitFor(() => value > 3, TimeSpan.FromMilliseconds(150)));
            Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(140), Patience);
            Assert.True(condition.WaitFor(() => value == 3, TimeSpan.Zero));
        }
    }

    [Fact]
    public void Cancelling_the_token_releases_a_blocked_waiter_holding_the_lock()
    {
        using var condition = new ProcessCondition();
        using var cts = new CancellationTokenSource();
        int ready = 0;
        bool heldAfterCancel = false;
        Task waiter = OnThread(() =>
        {
            using (condition.Acquire())
            {
                ready++;
                try
                {
                    condition.Wait(cts.Token);
                }
                finally
                {
                    heldAfterCancel = condition.IsHeldByCurrentThread;
                }
            }
        });
        WaitUntilWaiting(condition, () => ready == 1);

        cts.Cancel();
        Fails<OperationCanceledException>(waiter, TimeSpan.FromSeconds(1));
        Assert.True(heldAfterCancel);
        Assert.True(condition.TryAcquire(TimeSpan.Zero));
        condition.Release();
    }

    [Fact]
    public unsafe void A_waiter_whose_process_died_does_not_swallow_a_notification()
    {
        using var condition = new ProcessCondition();
        byte* block = condition.Segment.Base + condition.Offset;
        var queue = (ConditionQueue*)(block + 40);
        var slots = (ConditionSlot*)(block + 64);
        ConditionSlot* orphan;
        using (condition.Acquire())
        {
            orphan = ConditionSlots.Claim(queue, slots, 256); // first in line, then its process "dies"
            orphan->Pid = DeadPid();
        }

        int ready = 0;
        Task<bool> waiter = OnThread(() =>
        {
            using (condition.Acquire())
            {
                ready++;
                return condition.Wait(Patience);
            }
        });
        WaitUntilWaiting(condition, () => ready == 1);

        using (condition.Acquire())
        {
            condition.Notify();
            Assert.Equal(ConditionSlot.Free, orphan->State);
        }

        Assert.True(Finishes(waiter));
        Assert.Equal(0, queue->WaitingCount);
    }

    [Fact]
    public unsafe void A_lock_whose_owning_process_died_is_taken_over_and_the_queue_repaired()
    {
        using var condition = new ProcessCondition();
        byte* block = condition.Segment.Base + condition.Offset;
        *(int*)(block + 16) = DeadPid(); // the lock word, as the dead owner left it
        ((ConditionQueue*)(block + 40))->WaitingCount = 7; // changed halfway

        Assert.Throws<AbandonedMutexException>(() => condition.Acquire());
        Assert.True(condition.IsHeldByCurrentThread);
        Assert.Equal(0, ((ConditionQueue*)(block + 40))->WaitingCount);
        condition.Release();
    }

    [Fact]
    public void A_view_through_a_handle_shares_the_lock_and_the_waiters()
    {
        using var condition = new ProcessCondition();
        using var view = View(condition, ProcessCondition.ReadShared);
        int ready = 0;
        Task<bool> waiter = OnThread(() =>
        {
            using (view.Acquire())
            {
                ready++;
                return view.Wait(Patience);
            }
        });
        WaitUntilWaiting(condition, () => ready == 1);

        using (condition.Acquire())
        {
            Assert.True(view.IsHeldByCurrentThread);
            condition.Notify();
        }

        Assert.True(Finishes(waiter));
    }

    [Fact]
    public void A_handle_of_another_kind_is_refused()
    {
        using var condition = new ProcessCondition();
        using var rlock = new ProcessRLock();
        AssertRefused(condition, ProcessRLock.ReadShared);
        AssertRefused(rlock, ProcessCondition.ReadShared);
    }

    [Fact]
    public void A_disposed_condition_throws()
    {
        var condition = new ProcessCondition();
        condition.Dispose();
        Assert.Throws<ObjectDisposedException>(() => condition.Acquire());
        Assert.Throws<ObjectDisposedException>(() => condition.Wait(TimeSpan.Zero));
        Assert.Throws<ObjectDisposedException>(() => condition.Notify());
        Assert.Throws<ObjectDisposedException>(condition.NotifyAll);
    }

    /// <summary>Polls, holding the lock, until <paramref name="arrived"/>: waiters count themselves under the lock just
    /// before they wait, and a wait registers before it lets the lock go, so every counted waiter is in line.</summary>
    private static void WaitUntilWaiting(ProcessCondition condition, Func<bool> arrived) => Until(() =>
    {
        using (condition.Acquire())
        {
            return arrived();
        }
    }, "the waiters wait");
}

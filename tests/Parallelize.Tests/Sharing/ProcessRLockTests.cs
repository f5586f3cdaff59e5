using System.Diagnostics;
using Parallelize.Tests.Infrastructure;
using static Parallelize.Tests.Infrastructure.SharedTesting;

namespace Parallelize.Tests.Sharing;

public sealed class ProcessRLockTests
{
    [Fact]
    public void The_owning_thread_takes_it_again_and_it_frees_after_as_many_releases()
    {
        using var rlock = new ProcessRLock();
        Assert.False(rlock.IsLocked);
        Assert.Equal(0, rlock.RecursionCount);

        using (rlock.Acquire())
        {
            Assert.True(rlock.TryAcquire(TimeSpan.Zero));
            using (rlock.Acquire())
            {
                Assert.Equal(3, rlock.RecursionCount);
                Assert.True(rlock.IsHeldByCurrentThread);
                Assert.Equal(Environment.ProcessId, rlock.OwnerPid);
            }

            rlock.Release();
            Assert.Equal(1, rlock.RecursionCount);
            Assert.True(rlock.IsLocked);
        }

        Assert.False(rlock.IsLocked);
        Assert.Null(rlock.OwnerPid);
        Assert.Equal(0, rlock.RecursionCount);
    }

    [Fact]
    public void Another_thread_waits_until_every_level_is_released()
    {
        using var rlock = new ProcessRLock();
        rlock.Acquire();
        rlock.Acquire();

        Assert.False(Finishes(OnThread(() => rlock.TryAcquire(TimeSpan.Zero))));
        Assert.Equal(0, Finishes(OnThread(() => rlock.RecursionCount)));
        Assert.False(Finishes(OnThread(() => rlock.IsHeldByCurrentThread)));

        var taken = new ManualResetEventSlim();
        Task<bool> other = OnThread(() =>
        {
            rlock.Acquire();
            taken.Set();
            bool mine = rlock.IsHeldByCurrentThread;
            rlock.Release();
            return mine;
        });
        rlock.Release();
        Assert.False(taken.Wait(Quiet), "another thread took the lock while one level was still held");
        rlock.Release();
        Assert.True(Finishes(other));
    }

    [Fact]
    public void A_thread_that_does_not_hold_it_cannot_release_it()
    {
        using var rlock = new ProcessRLock();
        Assert.Throws<SynchronizationLockException>(rlock.Release);

        rlock.Acquire();
        var error = Assert.Throws<SynchronizationLockException>(() => Finishes(OnThread(rlock.Release)));
        Assert.Contains("thread", error.Message);
        Assert.Equal(1, rlock.RecursionCount);
        rlock.Release();
    }

    [Fact]
    public void Threads_exclude_each_other()
    {
        using var rlock = new ProcessRLock();
        int inside = 0, most = 0, total = 0;
        Task[] workers = [.. Enumerable.Range(0, 4).Select(_ => OnThread(() =>
        {
            for (int i = 0; i < 2000; i++)
            {
                using (rlock.Acquire())
                using (rlock.Acquire())
                {
                    int now = Interlocked.Increment(ref inside);
                    most = Math.Max(most, now);
                    total++;
                    Interlocked.Decrement(ref inside);
                }
            }
        }))];

        foreach (Task worker in workers)
        {
            Finishes(worker);
        }

        Assert.Equal(1, most);
        Assert.Equal(8000, total);
        Assert.False(rlock.IsLocked);
    }

    [Fact]
    public void TryAcquire_gives_up_at_the_timeout()
    {
        using var rlock = new ProcessRLock();
        rlock.Acquire();

        var watch = Stopwatch.StartNew();
        Assert.False(Finishes(OnThread(() => rlock.TryAcquire(TimeSpan.FromMilliseconds(150)))));
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(140), Patience);
        rlock.Release();
    }

    [Fact]
    public void Cancelling_the_token_releases_a_blocked_waiter()
    {
        using var rlock = new ProcessRLock();
        rlock.Acquire();
        using var cts = new CancellationTokenSource();
        var started = new ManualResetEventSlim();
        Task waiter = OnThread(() =>
        {
            started.Set();
            rlock.Acquire(cts.Token);
        });

        Assert.True(started.Wait(Patience));
        StaysBlocked(waiter, "the waiter got a held lock");
        cts.Cancel();
        Fails<OperationCanceledException>(waiter, TimeSpan.FromSeconds(1));
        Assert.Equal(1, rlock.RecursionCount);
        rlock.Release();
    }

    [Fact]
    public unsafe void A_lock_whose_owning_process_died_is_taken_over_as_abandoned()
    {
        using var rlock = new ProcessRLock();
        int dead = DeadPid();
        *(int*)(rlock.Segment.Base + rlock.Offset + 16) = dead; // the lock word, as the dead owner left it
        Assert.Equal(dead, rlock.OwnerPid);

        Assert.Throws<AbandonedMutexException>(() => rlock.TryAcquire(Patience));
        Assert.True(rlock.IsHeldByCurrentThread);
        Assert.Equal(1, rlock.RecursionCount);
        Assert.Equal(Environment.ProcessId, rlock.OwnerPid);
        rlock.Release();
        Assert.False(rlock.IsLocked);
    }

    [Fact]
    public void A_view_through_a_handle_shares_the_lock()
    {
        using var rlock = new ProcessRLock();
        using var view = View(rlock, ProcessRLock.ReadShared);
        Assert.Same(rlock.Segment, view.Segment);

        using (rlock.Acquire())
        {
            Assert.True(view.IsLocked);
            Assert.True(view.IsHeldByCurrentThread); // same thread, same lock: reentrant through either view
            Assert.Equal(2, Finishes(OnThread(() => view.TryAcquire(TimeSpan.Zero) ? 1 : 2)));
            using (view.Acquire())
            {
                Assert.Equal(2, rlock.RecursionCount);
            }
        }

        Assert.False(view.IsLocked);
    }

    [Fact]
    public void A_handle_of_another_kind_is_refused()
    {
        using var rlock = new ProcessRLock();
        using var plain = new ProcessLock();
        AssertRefused(rlock, ProcessLock.ReadShared);
        AssertRefused(plain, ProcessRLock.ReadShared);
    }

    [Fact]
    public void A_disposed_lock_throws()
    {
        var rlock = new ProcessRLock();
        rlock.Dispose();
        rlock.Dispose();
        Assert.Throws<ObjectDisposedException>(() => rlock.Acquire());
        Assert.Throws<ObjectDisposedException>(() => rlock.TryAcquire(TimeSpan.Zero));
        Assert.Throws<ObjectDisposedException>(rlock.Release);
        Assert.Throws<ObjectDisposedException>(() => rlock.RecursionCount);
        Assert.Throws<ObjectDisposedException>(() => new Serialization.WireWriter().WriteShared(rlock));
    }
}

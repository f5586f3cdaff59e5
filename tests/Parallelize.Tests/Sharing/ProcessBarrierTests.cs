using System.Diagnostics;
using static Parallelize.Tests.Infrastructure.SharedTesting;

namespace Parallelize.Tests.Sharing;

public sealed class ProcessBarrierTests
{
    [Fact]
    public void It_releases_all_exactly_when_the_last_party_arrives()
    {
        using var barrier = new ProcessBarrier(4);
        Assert.Equal(4, barrier.Parties);
        Task<int>[] early = [.. Enumerable.Range(0, 3).Select(_ => OnThread(() => barrier.SignalAndWait()))];
        Until(() => barrier.ArrivedCount == 3, "three parties arrived");
        StaysBlocked(Task.WhenAny(early), "a party passed with three of four arrived");

        Assert.Equal(3, barrier.SignalAndWait());
        int[] indexes = [.. early.Select(static t => Finishes(t)).Order()];
        Assert.Equal(new[] { 0, 1, 2 }, indexes);
        Assert.Equal(0, barrier.ArrivedCount);
        Assert.False(barrier.IsBroken);
    }

    [Fact]
    public void It_is_reusable_round_after_round()
    {
        const int Parties = 3, Rounds = 50;
        using var barrier = new ProcessBarrier(Parties);
        int[] progress = new int[Parties];
        int mismatches = 0;
        Task[] parties = [.. Enumerable.Range(0, Parties).Select(p => OnThread(() =>
        {
            for (int round = 0; round < Rounds; round++)
            {
                Volatile.Write(ref progress[p], round + 1);
                barrier.SignalAndWait(Patience);

                // Past the barrier of this round, every party has reached it; none is yet past the next one.
                for (int other = 0; other < Parties; other++)
                {
                    int seen = Volatile.Read(ref progress[other]);
                    if (seen < round + 1 || seen > round + 2)
                    {
                        Interlocked.Increment(ref mismatches);
                    }
                }
            }
        }))];

        foreach (Task party in parties)
        {
            Finishes(party);
        }

        Assert.Equal(0, mismatches);
        Assert.False(barrier.IsBroken);
    }

    [Fact]
    public void A_single_party_passes_at_once()
    {
        using var barrier = new ProcessBarrier(1);
        Assert.Equal(0, barrier.SignalAndWait());
        Assert.Equal(0, barrier.SignalAndWait(TimeSpan.Zero));
        Assert.True(barrier.SignalAndWaitAsync().IsCompletedSuccessfully);
    }

    [Fact]
    public void A_timeout_breaks_it_for_every_waiter_until_Reset()
    {
        using var barrier = new ProcessBarrier(3);
        Task<int> patient = OnThread(() => barrier.SignalAndWait(Patience));
        Until(() => barrier.ArrivedCount == 1, "the first party arrived");

        var watch = Stopwatch.StartNew();
        Assert.Throws<ProcessBarrierBrokenException>(() => barrier.SignalAndWait(TimeSpan.FromMilliseconds(150)));
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(140), Patience);
        Fails<ProcessBarrierBrokenException>(patient, Patience);
        Assert.True(barrier.IsBroken);
        Assert.Throws<ProcessBarrierBrokenException>(() => barrier.SignalAndWait());

        barrier.Reset();
        Assert.False(barrier.IsBroken);
        Assert.Equal(0, barrier.ArrivedCount);
        Task<int>[] parties = [.. Enumerable.Range(0, 2).Select(_ => OnThread(() => barrier.SignalAndWait(Patience)))];
        Until(() => barrier.ArrivedCount == 2, "two parties of the new round arrived");
        Assert.Equal(2, barrier.SignalAndWait(Patience));
        Assert.All(parties, static p => Finishes(p));
    }

    [Fact]
    public void Abort_breaks_it_for_waiters_and_later_arrivals()
    {
        using var barrier = new ProcessBarrier(2);
        Task<int> waiter = OnThread(() => barrier.SignalAndWait());
        Until(() => barrier.ArrivedCount == 1, "the party arrived");

        barrier.Abort();
        Fails<ProcessBarrierBrokenException>(waiter, Patience);
        Assert.Throws<ProcessBarrierBrokenException>(() => barrier.SignalAndWait());
        Assert.True(barrier.IsBroken);
    }

    [Fact]
    public void Reset_breaks_the_round_in_progress_and_starts_a_clean_one()
    {
        using var barrier = new ProcessBarrier(2);
        Task<int> waiter = OnThread(() => barrier.SignalAndWait());
        Until(() => barrier.ArrivedCount == 1, "the party arrived");

        barrier.Reset();
        Fails<ProcessBarrierBrokenException>(waiter, Patience);
        Assert.False(barrier.IsBroken);
        Assert.Equal(0, barrier.ArrivedCount);

        Task<int> next = OnThread(() => barrier.SignalAndWait(Patience));
        Until(() => barrier.ArrivedCount == 1, "a party of the new round arrived");
        Assert.Equal(1, barrier.SignalAndWait(Patience));
        Assert.Equal(0, Finishes(next));
    }

    [Fact]
    public void Cancelling_the_token_releases_a_blocked_waiter_and_breaks_it()
    {
        using var barrier = new ProcessBarrier(2);
        using var cts = new CancellationTokenSource();
        Task<int> waiter = OnThread(() => barrier.SignalAndWait(cts.Token));
        Until(() => barrier.ArrivedCount == 1, "the party arrived");

        cts.Cancel();
        Fails<OperationCanceledException>(waiter, TimeSpan.FromSeconds(1));
        Assert.True(barrier.IsBroken);

        barrier.Reset();
        Assert.Throws<OperationCanceledException>(() => barrier.SignalAndWait(cts.Token));
        Assert.False(barrier.IsBroken); // cancelled before arriving: nothing to break
        Assert.Equal(0, barrier.ArrivedCount);
    }

    [Fact]
    public async Task Async_parties_wait_without_a_thread_of_their_own()
    {
        using var barrier = new ProcessBarrier(3);
        ValueTask<int> first = barrier.SignalAndWaitAsync();
        ValueTask<int> second = barrier.SignalAndWaitAsync(Patience);
        Assert.False(first.IsCompleted);
        ValueTask<int> last = barrier.SignalAndWaitAsync();
        Assert.True(last.IsCompletedSuccessfully);
        Assert.Equal(2, await last);
        Assert.Equal(0, await first);
        Assert.Equal(1, await second);

        using var cts = new CancellationTokenSource();
        Task<int> cancelled = barrier.SignalAndWaitAsync(cts.Token).AsTask();
        cts.Cancel();
        Fails<OperationCanceledException>(cancelled, TimeSpan.FromSeconds(1));
        Assert.True(barrier.IsBroken);
    }

    [Fact]
    public void Parties_must_fit_the_arrival_count()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessBarrier(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessBarrier(ProcessBarrier.MaxParties + 1));
        using var largest = new ProcessBarrier(ProcessBarrier.MaxParties);
        Assert.Equal(65535, largest.Parties);
    }

    [Fact]
    public void A_view_through_a_handle_shares_the_rounds()
    {
        using var barrier = new ProcessBarrier(2);
        using var view = View(barrier, ProcessBarrier.ReadShared);
        Task<int> waiter = OnThread(() => view.SignalAndWait(Patience));
        Until(() => barrier.ArrivedCount == 1, "the party arrived through the view");

        Assert.Equal(1, barrier.SignalAndWait(Patience));
        Assert.Equal(0, Finishes(waiter));
        view.Abort();
        Assert.True(barrier.IsBroken);
    }

    [Fact]
    public void A_handle_of_another_kind_is_refused()
    {
        using var barrier = new ProcessBarrier(2);
        using var semaphore = new ProcessSemaphore(1);
        AssertRefused(barrier, ProcessSemaphore.ReadShared);
        AssertRefused(semaphore, ProcessBarrier.ReadShared);
    }

    [Fact]
    public void A_disposed_barrier_throws()
    {
        var barrier = new ProcessBarrier(2);
        barrier.Dispose();
        Assert.Throws<ObjectDisposedException>(() => barrier.SignalAndWait());
        Assert.Throws<ObjectDisposedException>(() => barrier.SignalAndWaitAsync());
        Assert.Throws<ObjectDisposedException>(barrier.Abort);
        Assert.Throws<ObjectDisposedException>(barrier.Reset);
        Assert.Throws<ObjectDisposedException>(() => barrier.Parties);
    }
}

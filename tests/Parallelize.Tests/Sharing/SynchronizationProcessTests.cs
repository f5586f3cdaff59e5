using Parallelize.Tests.Infrastructure;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests.Sharing;

/// <summary>Locks, barriers, events and semaphores shared by real child processes.</summary>
[Collection(nameof(CpuHeavy))]
public sealed class SynchronizationProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task FourProcessesCountingUnderTheLockReachTheExactTotal()
    {
        Assert.Equal(4 * 10_000, await CountInFourProcesses(locked: true));
    }

    [Fact]
    public async Task WithoutTheLockTheSameCountingLosesUpdates()
    {
        // The control for the test above: the same read-pause-write, started together, races without the lock.
        Assert.InRange(await CountInFourProcesses(locked: false), 1, 4 * 10_000 - 1);
    }

    [Fact]
    public async Task ABarrierReleasesItsPartiesExactlyWhenTheLastArrives()
    {
        using var barrier = new ProcessBarrier(4);
        using var passed = new SharedArray<int>(1);
        var children = Enumerable.Range(0, 3).Select(_ => ChildProcess.Start(SyncMethods.Calls.PassBarrier(barrier, passed))).ToArray();
        try
        {
            await WaitUntil(() => barrier.ArrivedCount == 3);
            await Task.Delay(300);
            Assert.Equal(0, passed[0]); // three of four arrived: nobody passes

            int mine = barrier.SignalAndWait(Patience);
            var indexes = new List<int> { mine };
            foreach (var child in children)
            {
                indexes.Add(await child.JoinAsync(Patience));
            }

            Assert.Equal(3, passed[0]);
            Assert.Equal([0, 1, 2, 3], indexes.Order());
            Assert.Equal(0, barrier.ArrivedCount);
        }
        finally
        {
            foreach (var child in children)
            {
                await child.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task SettingAnEventReleasesEveryWaitingProcess()
    {
        using var signal = new ProcessEvent();
        using var released = new SharedArray<int>(1);
        var children = Enumerable.Range(0, 3).Select(_ => ChildProcess.Start(SyncMethods.Calls.AwaitEvent(signal, released))).ToArray();
        try
        {
            await Task.Delay(500);
            Assert.Equal(0, released[0]);
            signal.Set();
            foreach (var child in children)
            {
                Assert.True(await child.JoinAsync(Patience));
            }

            Assert.Equal(3, released[0]);
        }
        finally
        {
            foreach (var child in children)
            {
                await child.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ASemaphoreOfTwoLetsAtMostTwoProcessesIn()
    {
        using var slots = new ProcessSemaphore(2);
        using var inside = new SharedArray<int>(2); // [0] holders now, [1] most holders seen
        var children = Enumerable.Range(0, 4).Select(_ => ChildProcess.Start(SyncMethods.Calls.HoldSlot(slots, inside))).ToArray();
        foreach (var child in children)
        {
            await using (child)
            {
                await child.JoinAsync(Patience);
            }
        }

        Assert.InRange(inside[1], 1, 2);
        Assert.Equal(0, inside[0]);
        Assert.Equal(2, slots.CurrentCount);
    }

    [Fact]
    public async Task AConditionWakesAWaitingProcessWhenNotified()
    {
        using var condition = new ProcessCondition();
        using var box = new SharedArray<int>(2); // [0] the value, [1] the child is waiting
        await using var child = ChildProcess.Start(SyncMethods.Calls.WaitForValue(condition, box));
        await WaitUntil(() => box[1] == 1);
        using (condition.Acquire())
        {
            box[0] = 42;
            condition.Notify();
        }

        Assert.Equal(42, await child.JoinAsync(Patience));
    }

    [Fact]
    public async Task AReentrantLockHeldByAKilledProcessIsTakenOverAsAbandoned()
    {
        using var rlock = new ProcessRLock();
        using var holding = new ProcessEvent();
        await using var child = ChildProcess.Start(SyncMethods.Calls.HoldRLockAndHang(rlock, holding));
        Assert.True(await holding.WaitAsync(Patience));
        Assert.Equal(child.Pid, rlock.OwnerPid);
        Assert.False(rlock.TryAcquire(TimeSpan.Zero));

        child.Kill();
        await Assert.ThrowsAsync<WorkerCrashedException>(() => child.JoinAsync(Patience));
        Assert.Throws<AbandonedMutexException>(() => rlock.TryAcquire(Patience));
        Assert.Equal(Environment.ProcessId, rlock.OwnerPid);
        Assert.Equal(1, rlock.RecursionCount);
        rlock.Release();
        Assert.False(rlock.IsLocked);
    }

    [Fact]
    public async Task AProcessWaitingOnAnEventUsesNoCpu()
    {
        using var signal = new ProcessEvent();
        using var waiting = new SharedArray<int>(1);
        await using var child = ChildProcess.Start(SyncMethods.Calls.WaitQuietly(signal, waiting));
        await WaitUntil(() => waiting[0] == 1);
        await Task.Delay(200); // past the few microseconds of spinning before the sleep
        long before = CpuTicks(child.Pid);
        await Task.Delay(1000);
        long used = CpuTicks(child.Pid) - before;
        signal.Set();
        Assert.True(await child.JoinAsync(Patience));

        // utime + stime in clock ticks (1/100 s): a spinning waiter would show about 100 over that second.
        Assert.True(used <= 5, $"the waiting child used {used} clock ticks of CPU in one second");
    }

    private static long CpuTicks(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture)
            + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture); // utime, stime (fields 14 and 15)
    }

    private static async Task<int> CountInFourProcesses(bool locked)
    {
        using var counter = new SharedValue<int>(0);
        using var start = new ProcessBarrier(4);
        var children = Enumerable.Range(0, 4)
            .Select(_ => ChildProcess.Start(SyncMethods.Calls.Count(counter, start, 10_000, locked))).ToArray();
        foreach (var child in children)
        {
            await using (child)
            {
                await child.JoinAsync(Patience);
            }
        }

        return counter.Value;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < Patience, "the condition did not come true in time");
            await Task.Delay(10);
        }
    }
}

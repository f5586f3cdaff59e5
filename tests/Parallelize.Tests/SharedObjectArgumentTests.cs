using Parallelize.Serialization;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests;

/// <summary>
/// Shared objects passed to a real child cross as handles: the child attaches to the parent's memory, so both see one
/// lock, and a lock the child dies holding is taken over by the parent as abandoned.
/// </summary>
public sealed class SharedObjectArgumentTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Child_sees_the_lock_the_parent_holds_and_cannot_take_it()
    {
        using var processLock = new ProcessLock();
        using (processLock.Acquire())
        {
            await using var child = ChildProcess.Start(SharedMethods.Calls.Inspect(processLock));
            LockView view = await child.JoinAsync(Limit);

            Assert.Equal(child.Pid, view.ChildPid);
            Assert.NotEqual(Environment.ProcessId, view.ChildPid);
            Assert.Equal(Environment.ProcessId, view.OwnerPid);
            Assert.False(view.Acquired);
            Assert.Equal(Environment.ProcessId, processLock.OwnerPid);
        }

        Assert.Null(processLock.OwnerPid);
    }

    [Fact]
    public async Task Child_takes_a_free_lock_and_leaves_it_free()
    {
        using var processLock = new ProcessLock();
        await using var child = ChildProcess.Start(SharedMethods.Calls.Inspect(processLock));
        LockView view = await child.JoinAsync(Limit);

        Assert.Null(view.OwnerPid);
        Assert.True(view.Acquired);
        Assert.Null(processLock.OwnerPid);
    }

    [Fact]
    public async Task Child_waiting_for_the_lock_gets_it_when_the_parent_releases()
    {
        using var processLock = new ProcessLock();
        ProcessLock.Releaser held = processLock.Acquire();
        await using var child = ChildProcess.Start(SharedMethods.Calls.TakeAndRelease(processLock, 20_000));

        await Task.Delay(200); // the child attaches and starts waiting
        held.Dispose();

        Assert.Equal(child.Pid, await child.JoinAsync(Limit));
        Assert.Null(processLock.OwnerPid);
        Assert.True(processLock.TryAcquire(TimeSpan.Zero));
        processLock.Release();
    }

    [Fact]
    public async Task Locks_inside_a_record_and_an_array_cross_as_handles()
    {
        using var first = new ProcessLock();
        using var second = new ProcessLock();
        using var third = new ProcessLock();
        using (first.Acquire())
        using (third.Acquire())
        {
            // The same lock twice in one call: the child maps its segment once and sees one state.
            await using var child = ChildProcess.Start(SharedMethods.Calls.Owners(new GuardedLocks("g", first, [second, third, first])));
            int?[] owners = await child.JoinAsync(Limit);

            Assert.Equal([Environment.ProcessId, null, Environment.ProcessId, Environment.ProcessId], owners);
        }
    }

    [Fact]
    public async Task Lock_held_by_a_killed_child_is_taken_over_as_abandoned()
    {
        using var processLock = new ProcessLock();
        await using var child = ChildProcess.Start(SharedMethods.Calls.HoldUntilKilled(processLock));

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (processLock.OwnerPid != child.Pid)
        {
            Assert.True(waited.Elapsed < Limit, $"The child never took the lock (owner: {processLock.OwnerPid}).");
            await Task.Delay(10);
        }

        child.Kill();

        using var cancel = new CancellationTokenSource(Limit);
        Assert.Throws<AbandonedMutexException>(() => processLock.Acquire(cancel.Token));
        Assert.Equal(Environment.ProcessId, processLock.OwnerPid);
        processLock.Release();
        Assert.Null(processLock.OwnerPid);

        WorkerCrashedException crash = await Assert.ThrowsAsync<WorkerCrashedException>(() => child.JoinAsync(Limit));
        Assert.Equal(9, crash.Signal);
    }

    [Fact]
    public void Channel_item_serializer_is_registered_by_the_generated_module_initializer()
    {
        // SharedMethods.Drain takes a ProcessQueue<QueuedNote>, so this assembly's module initializer registered the
        // generated serializer of QueuedNote before any test ran.
        var writer = new WireWriter();
        WireCodec<QueuedNote>.Writer(writer, new QueuedNote("urgent", 3));
        var reader = new WireReader(writer.WrittenSpan);

        Assert.Equal(new QueuedNote("urgent", 3), WireCodec<QueuedNote>.Reader(ref reader));
    }
}

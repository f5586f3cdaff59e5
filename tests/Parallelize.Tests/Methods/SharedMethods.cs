namespace Parallelize.Tests.Methods;

/// <summary>What a child saw of a lock passed to it: its own pid, the lock's owner, whether it could take it at once.</summary>
public sealed record LockView(int ChildPid, int? OwnerPid, bool Acquired);

/// <summary>Locks inside a record and an array: handles written by the generated serializers, not by the call.</summary>
public sealed record GuardedLocks(string Name, ProcessLock Lock, ProcessLock[] Others);

/// <summary>An item of a channel: the generator registers its serializer with <c>WireCodec&lt;T&gt;</c>.</summary>
public sealed record QueuedNote(string Text, int Priority);

/// <summary>[RunInProcess] methods that take shared objects, which cross as handles to the same shared memory.</summary>
public static partial class SharedMethods
{
    [RunInProcess]
    public static LockView Inspect(ProcessLock processLock)
    {
        int? owner = processLock.OwnerPid;
        bool acquired = processLock.TryAcquire(TimeSpan.Zero);
        if (acquired)
        {
            processLock.Release();
        }

        return new LockView(Environment.ProcessId, owner, acquired);
    }

    /// <summary>Waits for the lock, then returns the owner it sees while holding it (0 when it timed out).</summary>
    [RunInProcess]
    public static int TakeAndRelease(ProcessLock processLock, int timeoutMilliseconds)
    {
        if (!processLock.TryAcquire(TimeSpan.FromMilliseconds(timeoutMilliseconds)))
        {
            return 0;
        }

        int owner = processLock.OwnerPid ?? 0;
        processLock.Release();
        return owner;
    }

    [RunInProcess]
    public static int?[] Owners(GuardedLocks guarded) => [guarded.Lock.OwnerPid, .. guarded.Others.Select(l => l.OwnerPid)];

    /// <summary>Takes the lock and never lets go: the caller kills the child while it holds it.</summary>
    [RunInProcess]
    public static void HoldUntilKilled(ProcessLock processLock)
    {
        _ = processLock.Acquire();
        Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>Declared for its parameter type only: a channel of QueuedNote makes the generator register QueuedNote.</summary>
    [RunInProcess]
    public static void Drain(ProcessQueue<QueuedNote> notes) => GC.KeepAlive(notes);
}

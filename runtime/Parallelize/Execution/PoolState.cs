namespace Parallelize.Execution;

internal enum PoolState
{
    /// <summary>Taking calls.</summary>
    Running,

    /// <summary>Disposing: no new calls; queued ones still run.</summary>
    Draining,

    /// <summary>Drained; workers told to exit.</summary>
    Closed,

    /// <summary>Terminated: workers killed, pending calls failed.</summary>
    Terminated,
}

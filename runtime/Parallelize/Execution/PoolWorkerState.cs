namespace Parallelize.Execution;

internal enum PoolWorkerState
{
    /// <summary>Spawned; its hello has not arrived.</summary>
    Starting,

    /// <summary>Running the pool's initializer.</summary>
    Initializing,

    /// <summary>Taking calls.</summary>
    Ready,

    /// <summary>Told to exit after its queued calls (call budget spent, memory limit hit, pool closing).</summary>
    Retiring,

    /// <summary>Exited and reaped.</summary>
    Dead,
}

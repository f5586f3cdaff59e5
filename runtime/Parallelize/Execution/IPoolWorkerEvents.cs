using Parallelize.Hosting;

namespace Parallelize.Execution;

/// <summary>The channel events of a <see cref="PoolWorker"/>, as its pool receives them.</summary>
internal interface IPoolWorkerEvents
{
    void OnReady(PoolWorker worker);

    void OnAnswered(PoolWorker worker, WorkSlice slice, int first, int count);

    void OnDrained(PoolWorker worker);

    Exception TranslateError(PoolWorker worker, string method, Exception error);

    void OnExited(PoolWorker worker, ExitStatus status, Exception? failure, IReadOnlyList<WorkSlice> unfinished);
}

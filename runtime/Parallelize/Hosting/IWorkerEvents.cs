using Parallelize.Execution;

namespace Parallelize.Hosting;

/// <summary>What a <see cref="WorkerConnection"/> reports to its owner, always from the connection's reader thread.</summary>
internal interface IWorkerEvents
{
    /// <summary>The worker said hello: it runs the same build and is ready for calls.</summary>
    void OnReady(WorkerConnection worker);

    /// <summary>Items <paramref name="first"/> (slice-relative) to <paramref name="first"/> + <paramref name="count"/> of
    /// <paramref name="slice"/> were answered and settled.</summary>
    void OnAnswered(WorkerConnection worker, WorkSlice slice, int first, int count);

    /// <summary>
    /// Every answer received so far has been handled and the next read would wait: the moment to send more work, so
    /// that a burst of answers leads to one write, not one per answer.
    /// </summary>
    void OnDrained(WorkerConnection worker);

    /// <summary>The error a failed call reports to its caller: <paramref name="error"/>, or a clearer one.</summary>
    Exception TranslateError(WorkerConnection worker, string methodName, Exception error);

    /// <summary>
    /// The worker has exited and been reaped. <paramref name="unfinished"/> holds the slices with unanswered items;
    /// the owner settles or resends them. <paramref name="failure"/> is the protocol error that ended the channel, if
    /// any. The progress slot is still readable during the call.
    /// </summary>
    void OnExited(WorkerConnection worker, ExitStatus status, Exception? failure, IReadOnlyList<WorkSlice> unfinished);
}

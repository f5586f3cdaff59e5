using Parallelize.Bulk;
using Parallelize.Execution;
using Parallelize.Hosting;
using Parallelize.Native;
using Parallelize.Protocol;
using Parallelize.Serialization;

namespace Parallelize;

/// <summary>
/// One call running in its own, dedicated child process (Python's <c>Process(target=…).start()</c>). The child is the
/// same application started again in worker mode; it runs the call, answers, and exits. It never outlives its parent:
/// if the parent dies, the child exits at once; a non-daemon child (<see cref="ChildProcessOptions.Daemon"/> false) is
/// waited for when the parent exits normally. Disposing a child that still runs kills it.
/// </summary>
public class ChildProcess : IAsyncDisposable, IDisposable
{
    /// <summary>The children started so far in this process, which numbers default names.</summary>
    private static int s_started;

    private protected ChildProcess(Call call, WorkJob job, ChildProcessOptions? options)
    {
        ArgumentNullException.ThrowIfNull(call);
        Call = call;
        Job = job;
        options ??= ChildProcessOptions.Default;

        // Numbered whether named or not, as Python does: a child started after a named first one is "ChildProcess-2".
        int number = Interlocked.Increment(ref s_started);
        Name = options.Name ?? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ChildProcess-{number}");
        if (options.Name is null)
        {
            options = options with { Name = Name };
        }

        // Serialized before the child starts, so arguments over the frame limit start no process; the batch id, known
        // only once the slice is registered, is patched in after. Large blocks go to the shared memory the child will
        // inherit.
        var slice = new WorkSlice(job, 0, 1);
        BulkSegment? bulk = BulkSegment.TryCreate(options);
        var frames = new WireWriter(256) { Bulk = bulk?.Sender };
        try
        {
            SliceWriter.Write(frames, slice, options.MaxFrameBytes);
        }
        catch
        {
            bulk?.Dispose();
            throw;
        }

        FrameWriter.WriteEmpty(frames, FrameKind.Close);
        Connection = WorkerConnection.Start(options, new SingleCallEvents(), bulk);
        Connection.Register(slice);
        SliceWriter.PatchId(frames, 0, slice.Id);
        Connection.Write(frames);
        IsDaemon = options.Daemon;
        if (!IsDaemon)
        {
            NonDaemonChildren.Track(Connection.Exited);
        }
    }

    /// <summary>Whether the child dies with this process (<see cref="ChildProcessOptions.Daemon"/>); a non-daemon child is
    /// waited for instead, at this process's exit and by <see cref="DisposeAsync"/>.</summary>
    public bool IsDaemon { get; }

    private protected WorkerConnection Connection { get; }

    private protected WorkJob Job { get; }

    /// <summary>The call this child runs.</summary>
    public Call Call { get; }

    /// <summary>
    /// The child's name (Python's <c>name</c>): <see cref="ChildProcessOptions.Name"/>, or <c>ChildProcess-N</c> when
    /// that is null. The child sees it as <see cref="ProcessContext.Name"/>.
    /// </summary>
    public string Name { get; }

    /// <summary>The child's process id.</summary>
    public int Pid => Connection.Pid;

    /// <summary>True until the child has exited.</summary>
    public bool IsAlive => Connection.Status is null;

    /// <summary>
    /// Null while the child runs; then its exit code, or minus the number of the signal that killed it (Python's
    /// <c>exitcode</c>: -9 after <see cref="Kill"/>).
    /// </summary>
    public int? ExitCode => Connection.Status?.PythonStyleCode;

    /// <summary>Starts a child process that runs <paramref name="call"/>.</summary>
    /// <exception cref="ProtocolException">The call's arguments exceed <see cref="ChildProcessOptions.MaxFrameBytes"/>.</exception>
    /// <exception cref="PlatformNotSupportedException">Not on Linux.</exception>
    public static ChildProcess<TResult> Start<TResult>(Call<TResult> call, ChildProcessOptions? options = null) =>
        new(call ?? throw new ArgumentNullException(nameof(call)), options);

    /// <summary>Starts a child process that runs <paramref name="call"/>, a call of a method that returns nothing.</summary>
    /// <inheritdoc cref="Start{TResult}(Call{TResult}, ChildProcessOptions?)"/>
    public static ChildProcess Start(Call call, ChildProcessOptions? options = null) =>
        new(call, new SingleVoidCallJob(call ?? throw new ArgumentNullException(nameof(call)), default), options);

    /// <summary>Waits until the child has exited (Python's <c>join()</c>) and rethrows the call's failure, if any.</summary>
    /// <exception cref="RemoteException">The method threw in the child.</exception>
    /// <exception cref="WorkerCrashedException">The child died before it answered.</exception>
    /// <exception cref="ProtocolException">The child broke the protocol.</exception>
    /// <exception cref="OperationCanceledException">The token fired; the child keeps running.</exception>
    public Task JoinAsync(CancellationToken cancellationToken = default) => JoinCoreAsync(null, cancellationToken);

    /// <summary>Waits at most <paramref name="timeout"/> for the child to exit (Python's <c>join(timeout)</c>).</summary>
    /// <exception cref="TimeoutException">The child is still running after <paramref name="timeout"/>; it keeps running.</exception>
    /// <inheritdoc cref="JoinAsync(CancellationToken)"/>
    public Task JoinAsync(TimeSpan timeout, CancellationToken cancellationToken = default) => JoinCoreAsync(timeout, cancellationToken);

    /// <summary>Kills the child with SIGKILL (Python's <c>kill()</c>); does nothing once it has exited.</summary>
    public void Kill() => Connection.Signal(Libc.SIGKILL);

    /// <summary>Asks the child to stop with SIGTERM (Python's <c>terminate()</c>); does nothing once it has exited.</summary>
    public void Terminate() => Connection.Signal(Libc.SIGTERM);

    /// <summary>Kills the child if it still runs and waits until it is gone; a non-daemon child is not killed but waited
    /// for, as its <see cref="ChildProcessOptions.Daemon"/> setting promises.</summary>
    public async ValueTask DisposeAsync()
    {
        KillIfDaemon();
        await Connection.Exited.ConfigureAwait(false);
        Connection.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose()
    {
        KillIfDaemon();
        Connection.Exited.GetAwaiter().GetResult();
        Connection.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    public override string ToString() => $"ChildProcess {Pid} running {Call}";

    private void KillIfDaemon()
    {
        if (IsDaemon)
        {
            Kill();
        }
    }

    private protected async Task JoinCoreAsync(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        Task exited = Connection.Exited;
        try
        {
            await (timeout is TimeSpan limit ? exited.WaitAsync(limit, cancellationToken) : exited.WaitAsync(cancellationToken))
                .ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Child process {Pid} running '{Call.MethodName}' did not exit within {timeout}; it is still running.");
        }

        await Job.Completion.ConfigureAwait(false);
    }

    /// <summary>A dedicated child runs one call: when it dies unanswered, the call fails with the reason.</summary>
    private sealed class SingleCallEvents : IWorkerEvents
    {
        public void OnReady(WorkerConnection worker)
        {
        }

        public void OnAnswered(WorkerConnection worker, WorkSlice slice, int first, int count)
        {
        }

        public void OnDrained(WorkerConnection worker)
        {
        }

        public Exception TranslateError(WorkerConnection worker, string methodName, Exception error) => error;

        public void OnExited(WorkerConnection worker, ExitStatus status, Exception? failure, IReadOnlyList<WorkSlice> unfinished)
        {
            foreach (WorkSlice slice in unfinished)
            {
                for (int i = slice.Answered; i < slice.Count; i++)
                {
                    slice.Job.Fail(slice.First + i, failure ?? new WorkerCrashedException(
                        $"Child process {worker.Pid} {status} before it answered '{slice.MethodName(i)}'.",
                        worker.Pid, status.Code, status.Signal));
                }

                slice.Job.Settled(slice.First + slice.Answered, slice.Count - slice.Answered);
            }
        }
    }
}

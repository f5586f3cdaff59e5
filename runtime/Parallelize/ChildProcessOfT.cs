namespace Parallelize;

/// <summary>A <see cref="ChildProcess"/> running a call whose result is a <typeparamref name="TResult"/>.</summary>
public sealed class ChildProcess<TResult> : ChildProcess
{
    internal ChildProcess(Call<TResult> call, ChildProcessOptions? options)
        : base(call, new Execution.SingleCallJob<TResult>(call, default), options)
    {
    }

    /// <summary>Waits until the child has exited and returns the call's result.</summary>
    /// <inheritdoc cref="ChildProcess.JoinAsync(CancellationToken)"/>
    public new async Task<TResult> JoinAsync(CancellationToken cancellationToken = default)
    {
        await JoinCoreAsync(null, cancellationToken).ConfigureAwait(false);
        return await ((Execution.SingleCallJob<TResult>)Job).Completion.ConfigureAwait(false);
    }

    /// <summary>Waits at most <paramref name="timeout"/> for the child to exit and returns the call's result.</summary>
    /// <inheritdoc cref="ChildProcess.JoinAsync(TimeSpan, CancellationToken)"/>
    public new async Task<TResult> JoinAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await JoinCoreAsync(timeout, cancellationToken).ConfigureAwait(false);
        return await ((Execution.SingleCallJob<TResult>)Job).Completion.ConfigureAwait(false);
    }
}

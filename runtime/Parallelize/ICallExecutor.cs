namespace Parallelize;

/// <summary>Something that runs <see cref="Call"/> values in other processes: a fresh child per call, or a pool.</summary>
public interface ICallExecutor
{
    /// <summary>Runs the call and returns its result.</summary>
    /// <exception cref="RemoteException">The method threw in the child.</exception>
    /// <exception cref="WorkerCrashedException">The child died before it answered.</exception>
    /// <exception cref="OperationCanceledException">The token fired; the child running the call was killed.</exception>
    Task<TResult> RunAsync<TResult>(Call<TResult> call, CancellationToken cancellationToken = default);

    /// <summary>Runs a call of a method that returns nothing.</summary>
    /// <inheritdoc cref="RunAsync{TResult}(Call{TResult}, CancellationToken)"/>
    Task RunAsync(Call call, CancellationToken cancellationToken = default);
}

namespace Parallelize;

/// <summary>Runs every call in a fresh, dedicated <see cref="ChildProcess"/> that exits when the call is done.</summary>
public sealed class ChildProcessExecutor : ICallExecutor
{
    private readonly ChildProcessOptions _options;

    /// <summary>Creates an executor that starts children with <paramref name="options"/>.</summary>
    public ChildProcessExecutor(ChildProcessOptions? options = null) => _options = options ?? ChildProcessOptions.Default;

    /// <summary>The executor with default options.</summary>
    public static ChildProcessExecutor Instance { get; } = new();

    /// <inheritdoc />
    public async Task<TResult> RunAsync<TResult>(Call<TResult> call, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using ChildProcess<TResult> child = ChildProcess.Start(call, _options);
        return await child.JoinAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RunAsync(Call call, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using ChildProcess child = ChildProcess.Start(call, _options);
        await child.JoinAsync(cancellationToken).ConfigureAwait(false);
    }
}

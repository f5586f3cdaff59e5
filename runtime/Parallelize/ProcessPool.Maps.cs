using System.Runtime.CompilerServices;
using Parallelize.Execution;

namespace Parallelize;

/// <summary>The map family (Python's <c>map</c>, <c>starmap</c>, <c>imap</c>, <c>imap_unordered</c>).</summary>
public sealed partial class ProcessPool
{
    /// <summary>
    /// Runs <paramref name="method"/> for every item across the workers and returns the results in input order
    /// (Python's <c>map</c>; with a tuple per item, <c>starmap</c>). Each item's arguments go straight into the batch
    /// sent to a worker, with no call object per item: the fastest form for many small items. Every item runs even if
    /// others fail; then the failures are reported together.
    /// </summary>
    /// <param name="items">The arguments, one per call; read once, when the map starts.</param>
    /// <param name="method">The method, from the generated <c>{Type}.Methods.{Method}</c>.</param>
    /// <param name="options">Chunking and progress; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the whole map.</param>
    /// <exception cref="MapFailedException">Some items failed; the rest of the results are in it.</exception>
    /// <exception cref="OperationCanceledException">The token fired.</exception>
    /// <exception cref="ObjectDisposedException">The pool is disposed or terminated.</exception>
    public Task<TResult[]> MapAsync<TArgs, TResult>(
        IEnumerable<TArgs> items, RemoteMethod<TArgs, TResult> method, MapOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        MapJob<TResult> job = MethodMap(items, method, options, streaming: false, cancellationToken);
        Submit(job);
        return job.Completion;
    }

    /// <inheritdoc cref="MapAsync{TArgs, TResult}(IEnumerable{TArgs}, RemoteMethod{TArgs, TResult}, MapOptions?, CancellationToken)"/>
    public Task<TResult[]> MapAsync<TArgs, TResult>(
        IEnumerable<TArgs> items, RemoteMethod<TArgs, TResult> method, CancellationToken cancellationToken) =>
        MapAsync(items, method, null, cancellationToken);

    /// <summary>
    /// Runs <paramref name="selector"/>'s call for every item across the workers and returns the results in input order
    /// (Python's <c>map</c>, <c>starmap</c>). Every item runs even if others fail; then the failures are reported together.
    /// </summary>
    /// <param name="items">The inputs; read once, when the map starts.</param>
    /// <param name="selector">Makes an item's call, usually a generated <c>{Type}.Calls.{Method}</c>; runs in this process
    /// as workers need calls, so keep it cheap. For many small items a <see cref="RemoteMethod{TArgs, TResult}"/> is faster.</param>
    /// <param name="options">Chunking and progress; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the whole map.</param>
    /// <exception cref="MapFailedException">Some items failed; the rest of the results are in it.</exception>
    /// <exception cref="OperationCanceledException">The token fired.</exception>
    /// <exception cref="ObjectDisposedException">The pool is disposed or terminated.</exception>
    public Task<TResult[]> MapAsync<TItem, TResult>(
        IEnumerable<TItem> items, Func<TItem, Call<TResult>> selector, MapOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        MapJob<TResult> job = SelectorMap(items, selector, options, streaming: false, cancellationToken);
        Submit(job);
        return job.Completion;
    }

    /// <inheritdoc cref="MapAsync{TItem, TResult}(IEnumerable{TItem}, Func{TItem, Call{TResult}}, MapOptions?, CancellationToken)"/>
    public Task<TResult[]> MapAsync<TItem, TResult>(
        IEnumerable<TItem> items, Func<TItem, Call<TResult>> selector, CancellationToken cancellationToken) =>
        MapAsync(items, selector, null, cancellationToken);

    /// <summary>
    /// Like <see cref="MapAsync{TArgs, TResult}(IEnumerable{TArgs}, RemoteMethod{TArgs, TResult}, MapOptions?, CancellationToken)"/>,
    /// but yields each result as soon as it and all before it are in (Python's <c>imap</c>). The first failed item
    /// ends the enumeration with its exception; leaving the loop early cancels the items not yet run.
    /// </summary>
    public IAsyncEnumerable<TResult> MapStreamAsync<TArgs, TResult>(
        IEnumerable<TArgs> items, RemoteMethod<TArgs, TResult> method, MapOptions? options = null,
        CancellationToken cancellationToken = default) =>
        Stream(token => MethodMap(items, method, options, streaming: true, token), ordered: true, cancellationToken);

    /// <summary>
    /// Like <see cref="MapAsync{TItem, TResult}(IEnumerable{TItem}, Func{TItem, Call{TResult}}, MapOptions?, CancellationToken)"/>,
    /// but yields each result as soon as it and all before it are in (Python's <c>imap</c>). The first failed item
    /// ends the enumeration with its exception; leaving the loop early cancels the items not yet run.
    /// </summary>
    public IAsyncEnumerable<TResult> MapStreamAsync<TItem, TResult>(
        IEnumerable<TItem> items, Func<TItem, Call<TResult>> selector, MapOptions? options = null,
        CancellationToken cancellationToken = default) =>
        Stream(token => SelectorMap(items, selector, options, streaming: true, token), ordered: true, cancellationToken);

    /// <summary>
    /// Like <see cref="MapStreamAsync{TArgs, TResult}(IEnumerable{TArgs}, RemoteMethod{TArgs, TResult}, MapOptions?, CancellationToken)"/>,
    /// but yields results in the order they complete (Python's <c>imap_unordered</c>).
    /// </summary>
    public IAsyncEnumerable<TResult> MapUnorderedAsync<TArgs, TResult>(
        IEnumerable<TArgs> items, RemoteMethod<TArgs, TResult> method, MapOptions? options = null,
        CancellationToken cancellationToken = default) =>
        Stream(token => MethodMap(items, method, options, streaming: true, token), ordered: false, cancellationToken);

    /// <summary>
    /// Like <see cref="MapStreamAsync{TItem, TResult}(IEnumerable{TItem}, Func{TItem, Call{TResult}}, MapOptions?, CancellationToken)"/>,
    /// but yields results in the order they complete (Python's <c>imap_unordered</c>).
    /// </summary>
    public IAsyncEnumerable<TResult> MapUnorderedAsync<TItem, TResult>(
        IEnumerable<TItem> items, Func<TItem, Call<TResult>> selector, MapOptions? options = null,
        CancellationToken cancellationToken = default) =>
        Stream(token => SelectorMap(items, selector, options, streaming: true, token), ordered: false, cancellationToken);

    private MapJob<TResult> MethodMap<TArgs, TResult>(
        IEnumerable<TArgs> items, RemoteMethod<TArgs, TResult> method, MapOptions? options, bool streaming,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(method);
        options ??= MapOptions.Default;
        TArgs[] inputs = items as TArgs[] ?? [.. items];
        return Chunked(new MethodMapJob<TArgs, TResult>(inputs, method, options, streaming, cancellationToken), options);
    }

    private MapJob<TResult> SelectorMap<TItem, TResult>(
        IEnumerable<TItem> items, Func<TItem, Call<TResult>> selector, MapOptions? options, bool streaming,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(selector);
        options ??= MapOptions.Default;
        TItem[] inputs = items as TItem[] ?? [.. items];
        return Chunked(new SelectorMapJob<TItem, TResult>(inputs, selector, options, streaming, cancellationToken), options);
    }

    /// <summary>
    /// Sets the job's chunk sizes: the caller's, or about 16 chunks per worker, so uneven items still spread, but at
    /// most 1024 items per message, and at most 8192 once the items prove fast (<see cref="WorkJob.NextChunkSize"/>).
    /// </summary>
    private TJob Chunked<TJob>(TJob job, MapOptions options)
        where TJob : WorkJob
    {
        job.ChunkSize = options.ChunkSize ?? AutomaticChunkSize(job.Count, 1024);
        job.FastChunkSize = options.ChunkSize ?? AutomaticChunkSize(job.Count, 8192);
        return job;
    }

    private int AutomaticChunkSize(int count, int most) =>
        (int)Math.Clamp((count + (16L * _options.WorkerCount) - 1) / (16L * _options.WorkerCount), 1, most);

    private async IAsyncEnumerable<TResult> Stream<TResult>(
        Func<CancellationToken, MapJob<TResult>> createJob, bool ordered,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        MapJob<TResult> job = createJob(stop.Token);
        Submit(job);
        bool[]? settled = ordered ? new bool[job.Count] : null;
        int next = 0;
        try
        {
            await foreach ((int first, int count) in job.SettledRanges.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (settled is null)
                {
                    for (int i = first; i < first + count; i++)
                    {
                        yield return Take(job, i);
                    }

                    continue;
                }

                Array.Fill(settled, true, first, count);
                for (; next < job.Count && settled[next]; next++)
                {
                    yield return Take(job, next);
                }
            }
        }
        finally
        {
            if (!job.IsFinished)
            {
                // The caller left early: the items not yet run are not needed.
                stop.Cancel();
            }
        }

        static TResult Take(MapJob<TResult> job, int index) =>
            job.TryGetFailure(index, out Exception? error) ? throw error! : job.ResultAt(index);
    }
}

using System.Threading.Channels;

namespace Parallelize.Execution;

/// <summary>
/// The items of one map: results land in one array by input position, and settled ranges are published for the
/// streaming forms and for progress reports. Subclasses say how an item becomes a call on the wire.
/// </summary>
internal abstract class MapJob<TResult> : WorkJob
{
    private readonly IProgress<MapProgress>? _progress;

    // Not RunContinuationsAsynchronously: WorkJob publishes only where running the caller's continuation is safe.
    private readonly TaskCompletionSource<TResult[]> _completion = new();
    private readonly Channel<(int First, int Count)>? _settled;
    private readonly Dictionary<int, Exception> _failures = [];
    private int _completed;

    protected MapJob(int count, bool observesCancellation, MapOptions options, bool streaming, CancellationToken cancellationToken)
        : base(count, observesCancellation, cancellationToken)
    {
        Results = new TResult[count];
        Native.ArrayPrefault.Populate(Results);
        _progress = options.Progress;
        _settled = streaming ? Channel.CreateUnbounded<(int, int)>(new UnboundedChannelOptions { SingleReader = true }) : null;
        if (count == 0)
        {
            OnAllSettled();
        }
    }

    public override Task<TResult[]> Completion => _completion.Task;

    /// <summary>Ranges of settled items, in settling order; completed (with the failure, if any) when the job ends.</summary>
    public ChannelReader<(int First, int Count)> SettledRanges => _settled!.Reader;

    /// <summary>The results by input position; each written once, by the reader that settles the item.</summary>
    protected TResult[] Results { get; }

    public TResult ResultAt(int index) => Results[index];

    public bool TryGetFailure(int index, out Exception? error)
    {
        lock (_failures)
        {
            return _failures.TryGetValue(index, out error);
        }
    }

    public override void Fail(int index, Exception error)
    {
        lock (_failures)
        {
            _failures[index] = error;
        }
    }

    public override void Abandon(Exception? error)
    {
        if (TryFinish(error, cancelled: error is null))
        {
            _settled?.Writer.TryComplete(error ?? new OperationCanceledException(CancellationToken));
        }
    }

    protected override void OnSettled(int first, int count)
    {
        int completed = Interlocked.Add(ref _completed, count);
        _progress?.Report(new MapProgress(completed, Count));
        _settled?.Writer.TryWrite((first, count));
    }

    protected override void OnAllSettled()
    {
        MapItemFailure[] failures;
        lock (_failures)
        {
            failures = [.. _failures.OrderBy(static f => f.Key).Select(static f => new MapItemFailure(f.Key, f.Value))];
        }

        if (TryFinish(failures.Length == 0 ? null : new MapFailedException(failures, Results)))
        {
            _settled?.Writer.TryComplete();
        }
    }

    protected override void Publish(Exception? error, bool cancelled) => _completion.Publish(Results, error, cancelled, CancellationToken);
}

using System.Threading.Channels;
using Parallelize.Serialization;

namespace Parallelize.Execution;

/// <summary>
/// The items of one map: calls are made from the items as workers need them, results land in one array by input
/// position, and settled ranges are published for the streaming forms and for progress reports.
/// </summary>
internal sealed class MapJob<TItem, TResult> : WorkJob
{
    private readonly TItem[] _items;
    private readonly Func<TItem, Call<TResult>> _selector;
    private readonly TResult[] _results;
    private readonly IProgress<MapProgress>? _progress;
    // Not RunContinuationsAsynchronously: WorkJob publishes only where running the caller's continuation is safe.
    private readonly TaskCompletionSource<TResult[]> _completion = new();
    private readonly Channel<(int First, int Count)>? _settled;
    private readonly Dictionary<int, Exception> _failures = [];
    private int _completed;

    public MapJob(TItem[] items, Func<TItem, Call<TResult>> selector, MapOptions options, bool streaming, CancellationToken cancellationToken)
        : base(items.Length, observesCancellation: false, cancellationToken)
    {
        _items = items;
        _selector = selector;
        _results = new TResult[items.Length];
        _progress = options.Progress;
        _settled = streaming ? Channel.CreateUnbounded<(int, int)>(new UnboundedChannelOptions { SingleReader = true }) : null;
        if (items.Length == 0)
        {
            OnAllSettled();
        }
    }

    public override Task<TResult[]> Completion => _completion.Task;

    /// <summary>Ranges of settled items, in settling order; completed (with the failure, if any) when the job ends.</summary>
    public ChannelReader<(int First, int Count)> SettledRanges => _settled!.Reader;

    public TResult ResultAt(int index) => _results[index];

    public bool TryGetFailure(int index, out Exception? error)
    {
        lock (_failures)
        {
            return _failures.TryGetValue(index, out error);
        }
    }

    public override Call CreateCall(int index) =>
        _selector(_items[index]) ?? throw new InvalidOperationException($"The map's selector returned null for item {index}.");

    public override void Complete(int index, Call call, ref WireReader result) =>
        _results[index] = ((Call<TResult>)call).ReadResultFrom(ref result);

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

        if (TryFinish(failures.Length == 0 ? null : new MapFailedException(failures, _results)))
        {
            _settled?.Writer.TryComplete();
        }
    }

    protected override void Publish(Exception? error, bool cancelled) => _completion.Publish(_results, error, cancelled, CancellationToken);
}

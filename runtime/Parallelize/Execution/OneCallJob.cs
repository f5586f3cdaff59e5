using Parallelize.Serialization;

namespace Parallelize.Execution;

/// <summary>One call the caller awaits: a <c>RunAsync</c>, a dedicated child's call, a pool's initializer.</summary>
/// <typeparam name="TResult">What the caller's task yields; <see cref="bool"/> for a call with no result.</typeparam>
internal abstract class OneCallJob<TResult> : WorkJob
{
    // Not RunContinuationsAsynchronously: WorkJob publishes only where running the caller's continuation is safe.
    private readonly TaskCompletionSource<TResult> _completion = new();
    private TResult? _result;

    protected OneCallJob(Call call, CancellationToken cancellationToken)
        : base(1, call.ObservesCancellation, cancellationToken)
    {
        Call = call;
    }

    public override Task<TResult> Completion => _completion.Task;

    protected Call Call { get; }

    public override int Prepare(int first, int count) => 1;

    public override string AssemblyName(int index) => Call.AssemblyName;

    public override string MethodName(int index) => Call.MethodName;

    public override void WriteItems(WireWriter frames, int first, int count) => Call.WriteTo(frames);

    public override void Complete(int index, ref WireReader result)
    {
        _result = ReadResult(ref result);
        TryFinish();
    }

    public override void Fail(int index, Exception error) => TryFinish(error);

    /// <summary>Reads the call's result from its answer.</summary>
    protected abstract TResult ReadResult(ref WireReader result);

    protected override void OnAllSettled()
    {
    }

    protected override Call? ReportingCall(int index) => Call;

    protected override void Publish(Exception? error, bool cancelled) => _completion.Publish(_result!, error, cancelled, CancellationToken);
}

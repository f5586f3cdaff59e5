using Parallelize.Serialization;

namespace Parallelize.Execution;

/// <summary>One call whose result the caller awaits as a <see cref="Task{TResult}"/>.</summary>
internal sealed class SingleCallJob<TResult> : WorkJob
{
    private readonly Call<TResult> _call;

    // Not RunContinuationsAsynchronously: WorkJob publishes only where running the caller's continuation is safe.
    private readonly TaskCompletionSource<TResult> _completion = new();
    private TResult? _result;

    public SingleCallJob(Call<TResult> call, CancellationToken cancellationToken)
        : base(1, call.ObservesCancellation, cancellationToken)
    {
        _call = call;
    }

    public override Task<TResult> Completion => _completion.Task;

    public override int Prepare(int first, int count) => 1;

    public override string AssemblyName(int index) => _call.AssemblyName;

    public override string MethodName(int index) => _call.MethodName;

    public override void WriteItems(WireWriter frames, int first, int count) => _call.WriteTo(frames);

    public override void Complete(int index, ref WireReader result)
    {
        _result = _call.ReadResultFrom(ref result);
        TryFinish();
    }

    public override void Fail(int index, Exception error) => TryFinish(error);

    protected override void OnAllSettled()
    {
    }

    protected override void Publish(Exception? error, bool cancelled) => _completion.Publish(_result!, error, cancelled, CancellationToken);
}

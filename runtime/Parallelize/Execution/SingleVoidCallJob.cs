using Parallelize.Serialization;

namespace Parallelize.Execution;

/// <summary>One call of a method that returns nothing; the caller awaits its completion.</summary>
internal sealed class SingleVoidCallJob : WorkJob
{
    private readonly Call _call;

    // Not RunContinuationsAsynchronously: WorkJob publishes only where running the caller's continuation is safe.
    private readonly TaskCompletionSource<bool> _completion = new();

    public SingleVoidCallJob(Call call, CancellationToken cancellationToken)
        : base(1, call.ObservesCancellation, cancellationToken)
    {
        _call = call;
    }

    public override Task Completion => _completion.Task;

    public override int Prepare(int first, int count) => 1;

    public override string AssemblyName(int index) => _call.AssemblyName;

    public override string MethodName(int index) => _call.MethodName;

    public override void WriteItems(WireWriter frames, int first, int count) => _call.WriteTo(frames);

    public override void Complete(int index, ref WireReader result)
    {
        _call.SkipResultFrom(ref result);
        TryFinish();
    }

    public override void Fail(int index, Exception error) => TryFinish(error);

    protected override void OnAllSettled()
    {
    }

    protected override void Publish(Exception? error, bool cancelled) => _completion.Publish(true, error, cancelled, CancellationToken);
}

using Parallelize.Serialization;

namespace Parallelize.Execution;

/// <summary>One call of a method that returns nothing; the caller awaits its completion.</summary>
internal sealed class SingleVoidCallJob : WorkJob
{
    private readonly Call _call;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SingleVoidCallJob(Call call, CancellationToken cancellationToken)
        : base(1, call.ObservesCancellation, cancellationToken)
    {
        _call = call;
    }

    public override Task Completion => _completion.Task;

    public override Call CreateCall(int index) => _call;

    public override void Complete(int index, Call call, ref WireReader result)
    {
        call.SkipResultFrom(ref result);
        _completion.TrySetResult();
    }

    public override void Fail(int index, Exception error) => _completion.TrySetException(error);

    public override void Abandon(Exception? error)
    {
        if (error is null)
        {
            _completion.TrySetCanceled(CancellationToken);
        }
        else
        {
            _completion.TrySetException(error);
        }
    }

    protected override void OnAllSettled()
    {
    }
}

using Parallelize.Serialization;

namespace Parallelize.Execution;

/// <summary>One call whose result the caller awaits as a <see cref="Task{TResult}"/>.</summary>
internal sealed class SingleCallJob<TResult> : WorkJob
{
    private readonly Call<TResult> _call;
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SingleCallJob(Call<TResult> call, CancellationToken cancellationToken)
        : base(1, call.ObservesCancellation, cancellationToken)
    {
        _call = call;
    }

    public override Task<TResult> Completion => _completion.Task;

    public override Call CreateCall(int index) => _call;

    public override void Complete(int index, Call call, ref WireReader result) =>
        _completion.TrySetResult(((Call<TResult>)call).ReadResultFrom(ref result));

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

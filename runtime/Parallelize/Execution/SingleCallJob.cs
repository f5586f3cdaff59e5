using Parallelize.Serialization;

namespace Parallelize.Execution;

/// <summary>One call whose result the caller awaits as a <see cref="Task{TResult}"/>.</summary>
internal sealed class SingleCallJob<TResult> : OneCallJob<TResult>
{
    public SingleCallJob(Call<TResult> call, CancellationToken cancellationToken)
        : base(call, cancellationToken)
    {
    }

    protected override TResult ReadResult(ref WireReader result) => ((Call<TResult>)Call).ReadResultFrom(ref result);
}

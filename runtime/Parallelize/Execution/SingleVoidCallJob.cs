using Parallelize.Serialization;

namespace Parallelize.Execution;

/// <summary>One call of a method that returns nothing; the caller awaits its completion.</summary>
internal sealed class SingleVoidCallJob : OneCallJob<bool>
{
    public SingleVoidCallJob(Call call, CancellationToken cancellationToken)
        : base(call, cancellationToken)
    {
    }

    protected override bool ReadResult(ref WireReader result)
    {
        Call.SkipResultFrom(ref result);
        return true;
    }
}

using Microsoft.Extensions.Logging;

namespace Parallelize.Worker;

/// <summary>A <see cref="LiveLogger"/> for an <see cref="ILogger{TCategoryName}"/> parameter: the category is the
/// caller's logger's, which the parent logs on.</summary>
/// <typeparam name="TCategoryName">The parameter's category type.</typeparam>
internal sealed class LiveLogger<TCategoryName> : LiveLogger, ILogger<TCategoryName>
{
    public LiveLogger(CallReporting owner, uint batchId, int index, LogLevel minimum)
        : base(owner, batchId, index, minimum)
    {
    }
}

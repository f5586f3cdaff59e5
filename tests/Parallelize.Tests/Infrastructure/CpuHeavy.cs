namespace Parallelize.Tests.Infrastructure;

/// <summary>
/// Tests that keep both cores busy for seconds (the decoder fuzz, several child processes contending for one queue or
/// lock) run alone: alongside them, tests that time a worker's kill or exit
/// (a grace period, "gone within a second") would measure the machine's load instead.
/// </summary>
[CollectionDefinition(nameof(CpuHeavy), DisableParallelization = true)]
public sealed class CpuHeavy
{
}

namespace Parallelize.Tests.Infrastructure;

/// <summary>
/// Tests that count this process's mappings or descriptors run with nothing else: another test creating a shared
/// object at the same time would change the count. So do tests that set a process-wide switch.
/// </summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone
{
}

namespace Parallelize.Samples.Tests.Infrastructure;

/// <summary>
/// The tests that run samples as processes: one at a time, and not alongside other tests, since the samples start
/// up to ten processes each and some print on a schedule.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SampleProcessCollection
{
    public const string Name = "sample processes";
}

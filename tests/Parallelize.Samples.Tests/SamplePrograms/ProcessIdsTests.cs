using System.Globalization;
using Parallelize.Samples.Tests.Infrastructure;

namespace Parallelize.Samples.Tests.SamplePrograms;

/// <summary>samples/ProcessIds: Python's <c>info('main line')</c>, then <c>f('bob')</c> in a child.</summary>
[Collection(SampleProcessCollection.Name)]
public sealed class ProcessIdsTests
{
    [Fact]
    public async Task The_child_names_the_main_process_as_its_parent_and_greets_bob()
    {
        await using var sample = SampleProcess.Start("ProcessIds");
        SampleOutput run = await sample.RunToEndAsync();

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(9, run.Lines.Count);
        Assert.Equal(["main line", "module name: ProcessIds", $"parent process: {Environment.ProcessId}", $"process id: {sample.Pid}"], run.Lines.Take(4));
        Assert.Equal(["function f", "module name: Parallelize", $"parent process: {sample.Pid}"], run.Lines.Skip(4).Take(3));
        Assert.StartsWith("process id: ", run.Lines[7]);
        int child = int.Parse(run.Lines[7]["process id: ".Length..], CultureInfo.InvariantCulture);
        Assert.NotEqual(sample.Pid, child);
        Assert.Equal("hello bob", run.Lines[8]);
    }
}

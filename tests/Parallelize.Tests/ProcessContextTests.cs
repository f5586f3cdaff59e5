using System.Globalization;
using System.Text.RegularExpressions;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests;

/// <summary>
/// <see cref="ProcessContext"/>'s name, pool worker id and active children, seen from real children and from the
/// parent (the test host, which Parallelize did not start).
/// </summary>
public sealed partial class ProcessContextTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_process_Parallelize_did_not_start_is_MainProcess_with_no_worker_id()
    {
        Assert.Equal("MainProcess", ProcessContext.Name);
        Assert.Null(ProcessContext.WorkerId);
        Assert.False(ProcessContext.IsChildProcess);
    }

    [Fact]
    public async Task A_child_sees_the_name_it_was_started_with()
    {
        const string name = "named; child ünï";
        await using var child = ChildProcess.Start(ContextMethods.Calls.Identity(), new ChildProcessOptions { Name = name });

        string[] identity = await child.JoinAsync().WaitAsync(Limit);

        Assert.Equal(name, child.Name);
        Assert.Equal([name, "", child.Pid.ToString(CultureInfo.InvariantCulture)], identity);
    }

    [Fact]
    public async Task A_child_without_a_name_is_ChildProcess_N_counting_up()
    {
        await using var first = ChildProcess.Start(ContextMethods.Calls.Identity());
        await using var second = ChildProcess.Start(ContextMethods.Calls.Identity());

        string[] firstIdentity = await first.JoinAsync().WaitAsync(Limit);
        string[] secondIdentity = await second.JoinAsync().WaitAsync(Limit);

        Assert.Equal(first.Name, firstIdentity[0]);
        Assert.Equal(second.Name, secondIdentity[0]);
        Assert.Equal("", firstIdentity[1]);
        int firstNumber = int.Parse(DefaultName().Match(first.Name).Groups[1].Value, CultureInfo.InvariantCulture);
        int secondNumber = int.Parse(DefaultName().Match(second.Name).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(firstNumber >= 1 && secondNumber > firstNumber, $"{first.Name} then {second.Name}");
    }

    [Fact]
    public void A_name_with_a_NUL_character_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ChildProcessOptions { Name = "a\0b" });
    }

    [Fact]
    public async Task Pool_workers_know_their_id_and_name_and_the_parent_lists_them_as_pool_workers()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });
        await pool.StartAsync().WaitAsync(Limit);
        int[] pids = [.. pool.WorkerProcessIds];

        ActiveChild[] workers = [.. ProcessContext.ActiveChildren.Where(c => pids.Contains(c.Pid))];
        string[][] identities = await pool.MapAsync(
            Enumerable.Range(0, 20), _ => ContextMethods.Calls.IdentityAfter(20), new MapOptions { ChunkSize = 1 }).WaitAsync(Limit);

        Assert.Equal([1, 2], workers.Select(w => w.WorkerId).Order());
        Assert.All(workers, w => Assert.True(w.IsPoolWorker));
        Assert.All(workers, w => Assert.Equal($"PoolWorker-{w.WorkerId}", w.Name));
        foreach (string[] identity in identities)
        {
            ActiveChild worker = Assert.Single(workers, w => w.Pid.ToString(CultureInfo.InvariantCulture) == identity[2]);
            Assert.Equal(worker.WorkerId?.ToString(CultureInfo.InvariantCulture), identity[1]);
            Assert.Equal(worker.Name, identity[0]);
        }
    }

    [Fact]
    public async Task Active_children_list_a_running_child_until_it_has_exited()
    {
        await using var child = ChildProcess.Start(ChildMethods.Calls.Sleep(1000), new ChildProcessOptions { Name = "sleeper" });

        ActiveChild listed = Assert.Single(ProcessContext.ActiveChildren, c => c.Pid == child.Pid);
        Assert.Equal(new ActiveChild(child.Pid, "sleeper", false, null), listed);

        await child.JoinAsync().WaitAsync(Limit);

        Assert.DoesNotContain(ProcessContext.ActiveChildren, c => c.Pid == child.Pid);
    }

    [GeneratedRegex(@"^ChildProcess-(\d+)$")]
    private static partial Regex DefaultName();
}

using Parallelize.Tests.Infrastructure;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests;

/// <summary>
/// Counts descriptors and mappings of the whole test process, so no other test may run meanwhile. Pools other tests
/// left running (the shared one lives until the process exits) keep theirs: the tests compare before with after.
/// </summary>
[CollectionDefinition(nameof(ProcessWideCounts), DisableParallelization = true)]
public sealed class ProcessWideCounts
{
}

/// <summary>A worker killed in the middle of a large call: the call fails, the pool recovers, nothing is left behind.</summary>
[Collection(nameof(ProcessWideCounts))]
public sealed class BulkCleanupTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_worker_killed_during_a_large_call_fails_it_and_leaves_no_descriptor_mapping_or_file()
    {
        double[] values = BulkMethods.Pattern(2_000_000, seed: 4);
        string marker = Path.Combine(Path.GetTempPath(), $"parallelize-bulk-{Guid.NewGuid():N}");
        string[] shmBefore = Directory.GetFileSystemEntries("/dev/shm");

        // One pool first, so that whatever the runtime opens once (thread pool, epoll, the child's launch files) is
        // open before the counting starts.
        await using (var warm = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 }))
        {
            Assert.Equal(values, await warm.RunAsync(BulkMethods.Calls.Echo(values)).WaitAsync(Limit));
        }

        // Handles that earlier tests dropped undisposed are closed by finalizers whenever a collection runs, such as the
        // one a large receive may start: run them now, or the count can drop under the test (seen once: 230, then 192).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        int mappingsBefore = SharedMappings();
        int descriptorsBefore = Descriptors();

        try
        {
            await using (var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 }))
            {
                Assert.Equal(values, await pool.RunAsync(BulkMethods.Calls.Echo(values)).WaitAsync(Limit));
                Assert.True(SharedMappings() > mappingsBefore, "the pool's worker shares no memory");
                int victim = Assert.Single(pool.WorkerProcessIds);

                Task<double[]> held = pool.RunAsync(BulkMethods.Calls.HoldThenEcho(values, marker, 60_000));
                await WaitForAsync(() => File.Exists(marker));
                System.Diagnostics.Process.GetProcessById(victim).Kill();

                WorkerCrashedException crash = await Assert.ThrowsAsync<WorkerCrashedException>(() => held.WaitAsync(Limit));
                Assert.Equal(victim, crash.Pid);
                Assert.Equal(values, await pool.RunAsync(BulkMethods.Calls.Echo(values)).WaitAsync(Limit));
                Assert.DoesNotContain(victim, pool.WorkerProcessIds);
                await PoolAssert.AllGoneAsync([victim]);
            }

            await WaitForAsync(() => SharedMappings() == mappingsBefore && Descriptors() == descriptorsBefore);
            Assert.Equal(mappingsBefore, SharedMappings());
            Assert.Equal(descriptorsBefore, Descriptors());
            Assert.DoesNotContain(Directory.GetFileSystemEntries("/dev/shm").Except(shmBefore),
                static entry => entry.Contains("parallelize", StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [Fact]
    public void The_shared_memory_is_an_anonymous_memfd_not_a_file_in_dev_shm()
    {
        string[] before = MappingLines();
        string[] added;
        using (Bulk.BulkSegment.TryCreate(ChildProcessOptions.Default))
        {
            added = [.. MappingLines().Except(before)];
        }

        Assert.Contains("/memfd:parallelize-bulk (deleted)", Assert.Single(added));
        Assert.Empty(MappingLines().Except(before));
    }

    /// <summary>Mappings of Parallelize's memfds (bulk segments and progress pages) in this process.</summary>
    private static int SharedMappings() => MappingLines().Length;

    private static string[] MappingLines() =>
        [.. File.ReadLines("/proc/self/maps").Where(static line => line.Contains("memfd:parallelize", StringComparison.Ordinal))];

    private static int Descriptors() => Directory.GetFileSystemEntries("/proc/self/fd").Length;

    private static async Task WaitForAsync(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }
}

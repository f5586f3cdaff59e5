using Parallelize.Tests.Infrastructure;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests;

/// <summary>
/// A pool worker that breaks the protocol costs its caller a <see cref="ProtocolException"/> and nothing more: the
/// worker is killed (or, when only the call was bad, retired), a new one takes its place, and the pool goes on.
/// </summary>
public sealed class PoolProtocolFaultTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static TheoryData<string, byte[], string> BadFrames => new()
    {
        { "garbage", [3, 0, 0, 0, 0xEE, 1, 2, 3], "Unknown frame kind" },
        { "oversize", [0xFF, 0xFF, 0xFF, 0x7F, 4], "the limit is" },
        { "truncated", [12, 0, 0, 0, 4, 1, 0, 0, 0], "ended inside a frame" },
    };

    [Theory]
    [MemberData(nameof(BadFrames))]
    public async Task Bad_bytes_from_a_worker_fail_its_call_and_the_worker_is_killed_and_replaced(string name, byte[] bytes, string reason)
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
        await pool.StartAsync().WaitAsync(Limit);
        int offender = Assert.Single(pool.WorkerProcessIds);

        // The truncated frame is followed by the worker's exit, so the parent sees the stream end inside it.
        Call<int> call = name == "truncated"
            ? ChildMethods.Calls.WriteRawToParentThenExit(bytes)
            : ChildMethods.Calls.WriteRawToParent(bytes);
        ProtocolException error = await Assert.ThrowsAsync<ProtocolException>(() => pool.RunAsync(call).WaitAsync(Limit));

        Assert.Contains(reason, error.Message);
        await PoolAssert.AllGoneAsync([offender]);
        int replacement = await pool.RunAsync(PoolMethods.Calls.Pid()).WaitAsync(Limit);
        Assert.NotEqual(offender, replacement);
    }

    [Fact]
    public async Task Call_of_an_unknown_method_fails_with_ProtocolException_and_its_worker_is_replaced()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
        await pool.StartAsync().WaitAsync(Limit);
        int offender = Assert.Single(pool.WorkerProcessIds);

        ProtocolException error = await Assert.ThrowsAsync<ProtocolException>(
            () => pool.RunAsync(new UnknownMethodCall("Parallelize.Tests")).WaitAsync(Limit));

        Assert.Contains($"no [RunInProcess] method with id 0x{UnknownMethodCall.Id:X8}", error.Message);
        int replacement = await pool.RunAsync(PoolMethods.Calls.Pid()).WaitAsync(Limit);
        Assert.NotEqual(offender, replacement);
        Assert.True(await ProcessProbe.WaitUntilGoneAsync(offender, TimeSpan.FromSeconds(10)), $"worker {offender} still runs");
        await PoolAssert.AllGoneAsync([offender]);
    }

    [Fact]
    public async Task Worker_of_another_build_is_refused_at_its_hello_and_replaced()
    {
        string marker = Path.Combine(Path.GetTempPath(), $"parallelize-impostor-{Guid.NewGuid():N}");
        try
        {
            var options = new ProcessPoolOptions
            {
                WorkerCount = 1,
                EnvironmentVariables = ImpostorWorker.Variables(Guid.NewGuid().ToByteArray(), onceMarker: marker),
            };
            await using var pool = new ProcessPool(options);
            Task starting = pool.StartAsync();
            int offender = Assert.Single(pool.WorkerProcessIds);

            ProtocolException error = await Assert.ThrowsAsync<ProtocolException>(() => starting.WaitAsync(Limit));

            Assert.Contains("runs a different build of Parallelize", error.Message);
            await PoolAssert.AllGoneAsync([offender]);
            int replacement = await pool.RunAsync(PoolMethods.Calls.Pid()).WaitAsync(Limit);
            Assert.NotEqual(offender, replacement);
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [Fact]
    public async Task Workers_that_all_fail_the_handshake_fail_the_call_instead_of_respawning_forever()
    {
        var options = new ProcessPoolOptions
        {
            WorkerCount = 1,
            EnvironmentVariables = ImpostorWorker.Variables(Guid.NewGuid().ToByteArray()),
        };
        await using var pool = new ProcessPool(options);

        ProtocolException error = await Assert.ThrowsAsync<ProtocolException>(() => pool.RunAsync(PoolMethods.Calls.Pid()).WaitAsync(Limit));

        Assert.Contains("runs a different build of Parallelize", error.Message);
    }
}

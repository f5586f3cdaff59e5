using Parallelize.Tests.Infrastructure;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests;

/// <summary>Bad bytes from a real child give ProtocolException; the parent survives and the child is killed.</summary>
public sealed class ProtocolFaultTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Garbage_frame_from_the_child_gives_ProtocolException_and_kills_it()
    {
        byte[] garbage = [3, 0, 0, 0, 0xEE, 1, 2, 3];
        await using var child = ChildProcess.Start(ChildMethods.Calls.WriteRawToParent(garbage));

        ProtocolException error = await Assert.ThrowsAsync<ProtocolException>(() => child.JoinAsync(Limit));

        Assert.Contains("Unknown frame kind", error.Message);
        Assert.True(await ProcessProbe.WaitUntilGoneAsync(child.Pid, TimeSpan.FromSeconds(5)));
        Assert.Equal(-9, child.ExitCode);
    }

    [Fact]
    public async Task Oversize_frame_is_refused_before_anything_is_allocated()
    {
        byte[] header = [0xFF, 0xFF, 0xFF, 0x7F, 4];
        await using var child = ChildProcess.Start(ChildMethods.Calls.WriteRawToParent(header));

        ProtocolException error = await Assert.ThrowsAsync<ProtocolException>(() => child.JoinAsync(Limit));

        Assert.Contains("limit", error.Message);
        Assert.True(await ProcessProbe.WaitUntilGoneAsync(child.Pid, TimeSpan.FromSeconds(5)));
        Assert.Equal(-9, child.ExitCode);
    }

    [Fact]
    public async Task Frame_cut_short_by_the_child_exiting_is_a_protocol_error_not_a_crash()
    {
        // Half of a results frame: the header promises 12 body bytes, 4 arrive, then the child exits with code 0.
        byte[] half = [12, 0, 0, 0, 4, 1, 0, 0, 0];
        await using var child = ChildProcess.Start(ChildMethods.Calls.WriteRawToParentThenExit(half));

        ProtocolException error = await Assert.ThrowsAsync<ProtocolException>(() => child.JoinAsync(Limit));

        Assert.Contains("ended inside a frame", error.Message);
        Assert.True(await ProcessProbe.WaitUntilGoneAsync(child.Pid, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Call_of_a_method_the_child_does_not_know_gives_ProtocolException()
    {
        await using var child = ChildProcess.Start(new UnknownMethodCall("Parallelize.Tests"));

        ProtocolException error = await Assert.ThrowsAsync<ProtocolException>(() => child.JoinAsync(Limit));

        Assert.Contains($"rejected a message: Assembly 'Parallelize.Tests' has no [RunInProcess] method with id 0x{UnknownMethodCall.Id:X8}", error.Message);
        Assert.True(await ProcessProbe.WaitUntilGoneAsync(child.Pid, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Child_of_another_build_is_refused_at_its_hello_and_killed()
    {
        var otherBuild = Guid.NewGuid();
        var options = new ChildProcessOptions { EnvironmentVariables = ImpostorWorker.Variables(otherBuild.ToByteArray()) };
        await using var child = ChildProcess.Start(ChildMethods.Calls.Square(3), options);

        ProtocolException error = await Assert.ThrowsAsync<ProtocolException>(() => child.JoinAsync(Limit));

        Assert.Contains($"runs a different build of Parallelize ({otherBuild})", error.Message);
        Assert.True(await ProcessProbe.WaitUntilGoneAsync(child.Pid, TimeSpan.FromSeconds(5)));
        Assert.Equal(-9, child.ExitCode);
    }

    [Fact]
    public async Task Hello_with_a_build_id_of_the_wrong_length_is_a_protocol_error_not_a_crash()
    {
        // Before the check, the Guid constructor threw ArgumentException on the reader thread, ending the parent.
        var options = new ChildProcessOptions { EnvironmentVariables = ImpostorWorker.Variables([1, 2, 3]) };
        await using var child = ChildProcess.Start(ChildMethods.Calls.Square(3), options);

        ProtocolException error = await Assert.ThrowsAsync<ProtocolException>(() => child.JoinAsync(Limit));

        Assert.Contains("build id of 3 bytes", error.Message);
        Assert.True(await ProcessProbe.WaitUntilGoneAsync(child.Pid, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Result_for_an_unknown_call_id_is_a_protocol_error()
    {
        // A results frame (kind 4) for item 0 of batch 99, which was never sent.
        byte[] result = [12, 0, 0, 0, 4, 99, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0];
        await using var child = ChildProcess.Start(ChildMethods.Calls.WriteRawToParent(result));

        ProtocolException error = await Assert.ThrowsAsync<ProtocolException>(() => child.JoinAsync(Limit));

        Assert.Contains("not pending", error.Message);
    }

    [Fact]
    public void Arguments_over_the_frame_limit_are_refused_before_a_child_starts()
    {
        var options = new ChildProcessOptions { MaxFrameBytes = 4096 };

        ProtocolException error = Assert.Throws<ProtocolException>(
            () => ChildProcess.Start(ChildMethods.Calls.Reverse(new byte[10_000]), options));

        Assert.Contains("exceeds the limit of 4096 bytes", error.Message);
    }

    [Fact]
    public async Task Result_over_the_frame_limit_comes_back_as_ProtocolException()
    {
        var options = new ChildProcessOptions { MaxFrameBytes = 16 * 1024 };
        await using var child = ChildProcess.Start(ChildMethods.Calls.Repeat('é', 20_000), options);

        ProtocolException error = await Assert.ThrowsAsync<ProtocolException>(() => child.JoinAsync(Limit));

        Assert.Contains("exceeds the limit", error.Message);
    }
}

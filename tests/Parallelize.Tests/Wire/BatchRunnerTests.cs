using Parallelize.Protocol;
using Parallelize.TestLibrary;
using Parallelize.Tests.Wire.Fuzz;
using Parallelize.Worker;

namespace Parallelize.Tests.Wire;

/// <summary>The worker's running of a batch, in this process, answered into frames the parent's decoder then reads.</summary>
public sealed class BatchRunnerTests
{
    [Fact]
    public void Under_a_small_frame_limit_answers_go_out_in_more_frames_instead_of_failing()
    {
        // 40 answers of about 100 bytes: 4000 bytes, where a frame may hold 1024.
        Call[] calls = [.. Enumerable.Range(0, 40).Select(static i => (Call)WireMethods.Calls.Echo(new string('a', 100)))];
        CallsJob job = RunAndDecode(calls, maxFrameBytes: 1024, out int frames);

        Assert.Empty(job.Failures);
        Assert.Equal(40, job.Completed);
        Assert.True(frames > 4, $"{frames} frames");
    }

    [Fact]
    public void Calls_after_one_that_does_not_decode_fail_with_one_short_error_each()
    {
        // The unknown method's arguments cannot be skipped, so the calls after it cannot be found.
        Call[] calls = [WireMethods.Calls.Echo("before"), new Methods.UnknownMethodCall(SampleCalls.Assembly), .. Enumerable.Repeat(WireMethods.Calls.Echo("after"), 500)];
        CallsJob job = RunAndDecode(calls, maxFrameBytes: 1024, out _);

        Assert.Equal(1, job.Completed);
        Assert.Equal(501, job.Failures.Count);
        Assert.Contains("has no [RunInProcess] method", job.Failures[0].Message);
        Assert.All(job.Failures.Skip(1), static e => Assert.Contains("Not run: call 1 of the batch failed to decode", e.Message));
    }

    /// <summary>Runs <paramref name="calls"/> as one batch and decodes the answers as the parent would.</summary>
    private static CallsJob RunAndDecode(Call[] calls, int maxFrameBytes, out int frames)
    {
        byte[] frame = RequestSamples.CallFrame(calls);
        var job = new CallsJob(calls);
        frames = InProcessRoundTrip.Run(RequestDecoder.ReadCall(frame.AsSpan(ProtocolConstants.HeaderBytes)), job, maxFrameBytes);
        return job;
    }
}

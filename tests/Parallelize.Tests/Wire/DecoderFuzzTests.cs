using System.Diagnostics;
using System.Globalization;
using Parallelize.Tests.Infrastructure;
using Parallelize.Tests.Wire.Fuzz;
using Xunit.Abstractions;

namespace Parallelize.Tests.Wire;

/// <summary>
/// Feeds both sides' decoders random frames and mutations of valid ones (seeded, so a failure reproduces: set
/// PARALLELIZE_FUZZ_SEED to explore other seeds). Each frame must decode or fail with <see cref="ProtocolException"/>,
/// and decoding it must allocate no more than a small multiple of its size plus what the frame limit admits: a count
/// that sized an allocation unchecked would exceed that by far.
/// </summary>
[Collection(nameof(CpuHeavy))]
public sealed class DecoderFuzzTests
{
    private const int DefaultSeed = 20240504;
    private const int FramesPerSide = 60_000;

    private readonly ITestOutputHelper _output;

    public DecoderFuzzTests(ITestOutputHelper output) => _output = output;

    private static int Seed => Environment.GetEnvironmentVariable("PARALLELIZE_FUZZ_SEED") is string seed
        ? int.Parse(seed, CultureInfo.InvariantCulture)
        : DefaultSeed;

    [Fact]
    public void Every_sample_decodes_before_it_is_mutated()
    {
        var parent = new AnswerHarness();
        foreach (FrameSample sample in AnswerSamples.All)
        {
            Exception? error = parent.Feed(new FuzzInput(sample.Bytes, "none", sample), out _);
            Assert.True(error is null, $"{sample.Name}: {error}");
        }

        using var child = new RequestHarness();
        foreach (FrameSample sample in RequestSamples.All)
        {
            Exception? error = child.Feed(new FuzzInput(sample.Bytes, "none", sample), out _);
            if (sample.Name == "call: unknown method")
            {
                Assert.Contains("has no [RunInProcess] method with id 0xDEADBEEF", Assert.IsType<ProtocolException>(error).Message);
            }
            else
            {
                Assert.True(error is null, $"{sample.Name}: {error}");
            }
        }
    }

    [Fact]
    public void The_parent_decodes_or_rejects_every_worker_frame_within_bounded_memory()
    {
        var harness = new AnswerHarness();
        Run("parent", AnswerSamples.All, (FuzzInput input, out long allocated) => harness.Feed(input, out allocated));
    }

    [Fact]
    public void The_worker_decodes_or_rejects_every_parent_frame_within_bounded_memory()
    {
        using var harness = new RequestHarness();
        Run("worker", RequestSamples.All, (FuzzInput input, out long allocated) => harness.Feed(input, out allocated));
    }

    private delegate Exception? Decoder(FuzzInput input, out long allocatedBytes);

    /// <param name="side">For messages.</param>
    /// <param name="samples">The valid frames to mutate.</param>
    /// <param name="decode">Feeds one input; returns what it threw, if anything.</param>
    private void Run(string side, IReadOnlyList<FrameSample> samples, Decoder decode)
    {
        int seed = Seed;
        int decoded = 0;
        int rejected = 0;
        long mostAllocated = 0;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < FramesPerSide; i++)
        {
            FuzzInput input = FrameMutator.Next(new Random(unchecked((seed * 1_000_003) + i)), samples);
            Exception? error = decode(input, out long allocated);
            if (error is not null and not ProtocolException)
            {
                Assert.Fail($"The {side} threw {error.GetType().Name}, not ProtocolException, at {input.Describe(seed, i)}\n{error}");
            }

            long limit = AllowedBytes(input.Bytes.Length);
            if (allocated > limit)
            {
                Assert.Fail($"Decoding allocated {allocated} bytes, over the bound of {limit}, at {input.Describe(seed, i)}");
            }

            mostAllocated = Math.Max(mostAllocated, allocated);
            if (error is null)
            {
                decoded++;
            }
            else
            {
                rejected++;
            }
        }

        _output.WriteLine($"{side}: seed {seed}, {FramesPerSide} frames in {clock.ElapsedMilliseconds} ms: " +
            $"{decoded} decoded, {rejected} rejected; at most {mostAllocated} bytes allocated for one.");

        // A harness that decodes nothing, or rejects nothing, is not exercising the decoders.
        Assert.True(decoded > FramesPerSide / 100, $"seed {seed}: only {decoded} of {FramesPerSide} frames decoded");
        Assert.True(rejected > FramesPerSide / 2, $"seed {seed}: only {rejected} of {FramesPerSide} frames were rejected");
    }

    /// <summary>
    /// The frame reader's buffer, which may grow to twice the limit for a declared length it then waits for, plus for
    /// the decoders up to 40 bytes per byte read (at most 16 for a decimal array claiming one item per byte left, each
    /// level of nesting adding its own), plus room for exceptions and their messages.
    /// </summary>
    private static long AllowedBytes(int inputBytes) => (2L * AnswerSamples.MaxFrameBytes) + (64 * 1024) + (40L * inputBytes);
}

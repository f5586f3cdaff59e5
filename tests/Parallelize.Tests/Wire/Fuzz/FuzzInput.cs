namespace Parallelize.Tests.Wire.Fuzz;

/// <summary>One fuzz case: the bytes fed to a decoder, how they were made, and what the parent expects before them.</summary>
/// <param name="Bytes">The stream the decoder reads.</param>
/// <param name="How">The mutation (or "random"), for failure messages.</param>
/// <param name="Sample">The frame the bytes were made from (the first, for a splice).</param>
internal sealed record FuzzInput(byte[] Bytes, string How, FrameSample Sample)
{
    public string Describe(int seed, int index) =>
        $"seed {seed}, case {index}: {How} of {Sample.Name}, {Bytes.Length} bytes {Convert.ToHexString(Bytes.AsSpan(0, Math.Min(Bytes.Length, 256)))}";
}

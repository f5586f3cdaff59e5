namespace Parallelize.Tests.Wire.Fuzz;

/// <summary>
/// A valid frame built by the real encoders, the seed of mutations.
/// </summary>
/// <param name="Name">What it holds, for failure messages.</param>
/// <param name="Bytes">The frame, header included.</param>
/// <param name="Fields">Offsets of the 32-bit lengths and counts known to be in it (the header's length at 0 among
/// them); the mutator corrupts these first.</param>
/// <param name="Calls">For a results frame, the calls it answers, in batch 1; for a hello, none, and it is the first
/// frame the parent reads. Child-side samples have none.</param>
/// <param name="AfterHello">True when the parent reads it after a valid hello.</param>
internal sealed record FrameSample(string Name, byte[] Bytes, int[] Fields, Call[] Calls, bool AfterHello);

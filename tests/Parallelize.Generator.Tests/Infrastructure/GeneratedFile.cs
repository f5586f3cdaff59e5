namespace Parallelize.Generator.Tests.Infrastructure;

/// <summary>One file the generator added: its hint name (such as <c>Samples.Primes.Parallelize.g.cs</c>) and text.</summary>
internal sealed record GeneratedFile(string HintName, string Text);

namespace Parallelize.Samples.Tests.Infrastructure;

/// <summary>What a sample printed, once it and every process sharing its output had ended.</summary>
/// <param name="ExitCode">The sample's exit code.</param>
/// <param name="Lines">Its standard output, line by line, its children's lines included.</param>
/// <param name="Error">Its standard error.</param>
internal sealed record SampleOutput(int ExitCode, IReadOnlyList<string> Lines, string Error);

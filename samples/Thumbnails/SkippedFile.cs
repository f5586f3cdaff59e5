namespace Thumbnails;

/// <summary>An input file that produced no thumbnail.</summary>
/// <param name="InputPath">The file.</param>
/// <param name="Reason">One line for the user, starting with the file name.</param>
internal sealed record SkippedFile(string InputPath, string Reason);

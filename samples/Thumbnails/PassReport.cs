namespace Thumbnails;

/// <summary>The outcome of one pass over all the input files, for the summary table.</summary>
/// <param name="Name">What ran the pass, such as "serial".</param>
/// <param name="Elapsed">Wall-clock time of the whole pass.</param>
/// <param name="Thumbnails">One result per thumbnail written.</param>
/// <param name="Skipped">The inputs that could not be turned into thumbnails, and why.</param>
internal sealed record PassReport(
    string Name,
    TimeSpan Elapsed,
    IReadOnlyList<ThumbnailResult> Thumbnails,
    IReadOnlyList<SkippedFile> Skipped);

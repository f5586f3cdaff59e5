namespace Thumbnails.Imaging;

/// <summary>
/// A PNG that <see cref="PngReader"/> cannot decode: not a PNG, damaged, or a kind this codec does not support. The
/// message starts with the file name and says what is wrong, so it can be shown to a user as it is.
/// </summary>
public sealed class PngFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="sourceName"/> with the given <paramref name="reason"/>.</summary>
    public PngFormatException(string sourceName, string reason)
        : base($"{sourceName}: {reason}")
    {
        SourceName = sourceName;
        Reason = reason;
    }

    /// <summary>Creates the exception for a failure first reported by <paramref name="innerException"/>.</summary>
    public PngFormatException(string sourceName, string reason, Exception innerException)
        : base($"{sourceName}: {reason}", innerException)
    {
        SourceName = sourceName;
        Reason = reason;
    }

    /// <summary>The file name, or a placeholder when the PNG was read from memory.</summary>
    public string SourceName { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Reason { get; }
}

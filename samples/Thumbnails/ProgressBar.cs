using Parallelize;
using Spectre.Console;

namespace Thumbnails;

/// <summary>Moves a Spectre progress bar as a map's answers arrive.</summary>
internal sealed class ProgressBar(ProgressTask task) : IProgress<MapProgress>
{
    public void Report(MapProgress value) => task.Value = value.Completed;
}

namespace Parallelize;

/// <summary>How far a map has come: reported through <see cref="MapOptions.Progress"/> as answers arrive.</summary>
/// <param name="Completed">Items settled so far, failed ones included.</param>
/// <param name="Total">Items in the map.</param>
public readonly record struct MapProgress(int Completed, int Total);

namespace Parallelize.Hosting;

/// <summary>A child just started: its pid and the parent's ends of the two pipes.</summary>
internal readonly record struct SpawnedChild(int Pid, int RequestWriteFd, int ResponseReadFd);

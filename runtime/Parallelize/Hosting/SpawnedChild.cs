namespace Parallelize.Hosting;

/// <summary>
/// A child just started: its pid, the parent's ends of the two channel pipes and, when its output is prefixed
/// (<see cref="ChildProcessOptions.PrefixOutput"/>), the read ends of its standard output and error; -1 otherwise.
/// </summary>
internal readonly record struct SpawnedChild(int Pid, int RequestWriteFd, int ResponseReadFd, int OutputReadFd = -1, int ErrorReadFd = -1);

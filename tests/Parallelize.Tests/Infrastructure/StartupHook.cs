/// <summary>
/// The .NET startup hook of the test assembly, which a test names in a worker's <c>DOTNET_STARTUP_HOOKS</c> to make
/// it an impostor (<see cref="Parallelize.Tests.Infrastructure.ImpostorWorker"/>). The runtime finds it by this exact
/// name, outside any namespace; nothing else refers to it, since the Parallelize runtime, whose internals this
/// assembly sees, has a startup hook of the same name.
/// </summary>
internal static class StartupHook
{
    public static void Initialize() => Parallelize.Tests.Infrastructure.ImpostorWorker.RunIfRequested();
}

/// <summary>
/// The .NET startup hook (named by <c>DOTNET_STARTUP_HOOKS</c>, which the parent sets only for its children): it
/// runs before the application's Main and, in a worker, never returns. It must be a type named StartupHook outside
/// any namespace.
/// </summary>
internal static class StartupHook
{
    public static void Initialize() => Parallelize.Worker.WorkerHost.RunIfRequested();
}

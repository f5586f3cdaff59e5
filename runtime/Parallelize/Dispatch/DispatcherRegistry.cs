using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Parallelize.Dispatch;

/// <summary>
/// Finds the generated <see cref="DispatchFunction"/> of an assembly. Each assembly with <c>[RunInProcess]</c>
/// methods registers its function from a generated module initializer.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DispatcherRegistry
{
    private static readonly Dictionary<string, DispatchFunction> Dispatchers = new(StringComparer.Ordinal);

    /// <summary>Called by the module initializer that the generator emits into each assembly.</summary>
    public static void Register(string assemblyName, DispatchFunction dispatch)
    {
        ArgumentNullException.ThrowIfNull(assemblyName);
        ArgumentNullException.ThrowIfNull(dispatch);
        lock (Dispatchers)
        {
            Dispatchers[assemblyName] = dispatch;
        }
    }

    /// <summary>
    /// Called last by an application's generated module initializer: under NativeAOT, where no startup hook runs, a
    /// process started as a worker becomes one here, before Main, and never returns. NativeAOT runs every module
    /// initializer at startup, the application's after those of the libraries it uses, so every dispatcher is
    /// registered by then. Under the JIT the startup hook has already made the worker, and this does nothing.
    /// </summary>
    public static void RunNativeWorkerIfRequested()
    {
        if (!System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported)
        {
            Worker.WorkerHost.RunIfRequested();
        }
    }

    /// <summary>The error generated dispatch code throws for an id it does not know.</summary>
    public static ProtocolException UnknownMethod(string assemblyName, uint methodId) => new(
        $"Assembly '{assemblyName}' has no [RunInProcess] method with id 0x{methodId:X8}: the child runs a different " +
        "build of it than the parent.");

    /// <summary>Loads the assembly and registers its dispatch function ahead of its first call, if it has one.</summary>
    internal static void TryPreload(string assemblyName)
    {
        try
        {
            Resolve(assemblyName);
        }
        catch (Exception)
        {
            // Best effort: not an assembly with marked methods (a test host, say), or one that fails to initialize;
            // its calls, if any, report the problem when they resolve it again.
        }
    }

    /// <summary>
    /// Returns the assembly's dispatch function, loading the assembly and running its module initializer first if
    /// nothing has touched it yet in this process. Only the assembly is located by name; the method itself is found
    /// by the generated switch.
    /// </summary>
    internal static DispatchFunction Resolve(string assemblyName)
    {
        lock (Dispatchers)
        {
            if (Dispatchers.TryGetValue(assemblyName, out DispatchFunction? dispatch))
            {
                return dispatch;
            }
        }

        // The name comes from the parent's bytes: one that is not an assembly name at all ("", a NUL) is ArgumentException.
        Assembly assembly;
        try
        {
            assembly = Assembly.Load(new AssemblyName(assemblyName));
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException or ArgumentException)
        {
            throw new ProtocolException($"The child cannot load assembly '{assemblyName}': {e.Message}", e);
        }

        RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        lock (Dispatchers)
        {
            return Dispatchers.TryGetValue(assemblyName, out DispatchFunction? dispatch)
                ? dispatch
                : throw new ProtocolException(
                    $"Assembly '{assemblyName}' registered no [RunInProcess] dispatcher; was it built with the Parallelize generator?");
        }
    }
}

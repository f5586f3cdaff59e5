namespace Parallelize.Tests.Packaging;

/// <summary>What a project needs on this machine to publish with NativeAOT.</summary>
internal static class NativeAot
{
    /// <summary>
    /// The runtime library's own target, the oldest framework it supports; the package source had the ILCompiler
    /// packages for net8.0 and net9.0 long before those for net10.0.
    /// </summary>
    public const string TargetFramework = "net8.0";

    /// <summary>
    /// Project properties: <c>PublishAot</c>, and gcc named as the linker where clang, the default, is missing (recent
    /// ILCompiler packages fall back to gcc by themselves; naming it keeps older ones working).
    /// </summary>
    public static string ProjectProperties =>
        "<PublishAot>true</PublishAot>" + (File.Exists("/usr/bin/clang") ? "" : "<CppCompilerAndLinker>gcc</CppCompilerAndLinker>");
}

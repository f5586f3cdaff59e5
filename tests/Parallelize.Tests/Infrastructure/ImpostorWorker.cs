using Microsoft.Win32.SafeHandles;
using Parallelize.Protocol;
using Parallelize.Serialization;

namespace Parallelize.Tests.Infrastructure;

/// <summary>
/// A worker that is not what it claims, for handshake tests: the test assembly's <see cref="StartupHook"/>, put in a
/// worker's <c>DOTNET_STARTUP_HOOKS</c>, runs before the worker's own entry point and sends a hello with the build id
/// the test chose, then waits for the parent to kill it. The real worker code is untouched and knows nothing of it.
/// </summary>
internal static class ImpostorWorker
{
    private const string BuildIdVariable = "PARALLELIZE_TEST_IMPOSTOR_BUILD_ID";
    private const string OnceVariable = "PARALLELIZE_TEST_IMPOSTOR_ONCE";

    /// <summary>The variables that make a worker an impostor claiming <paramref name="buildId"/> (any length).</summary>
    /// <param name="buildId">The build id its hello carries.</param>
    /// <param name="onceMarker">If given, only the first worker to create this file is an impostor; later ones are real.</param>
    public static Dictionary<string, string?> Variables(ReadOnlySpan<byte> buildId, string? onceMarker = null) => new()
    {
        ["DOTNET_STARTUP_HOOKS"] = typeof(ImpostorWorker).Assembly.Location,
        [BuildIdVariable] = Convert.ToHexString(buildId),
        [OnceVariable] = onceMarker,
    };

    /// <summary>In a worker started with <see cref="Variables"/>: impersonates it and never returns; elsewhere nothing.</summary>
    public static void RunIfRequested()
    {
        string? buildId = Environment.GetEnvironmentVariable(BuildIdVariable);
        if (buildId is null || !FirstImpostor(Environment.GetEnvironmentVariable(OnceVariable)))
        {
            return;
        }

        // The hello's layout by hand, since the real encoder only writes a real build id.
        var hello = new WireWriter();
        int start = FrameWriter.Begin(hello, FrameKind.Hello);
        hello.WriteUInt32(ProtocolConstants.Magic);
        hello.WriteUInt16(ProtocolConstants.Version);
        hello.WriteInt32(Environment.ProcessId);
        hello.WriteByte(0);
        hello.WriteRaw(Convert.FromHexString(buildId));
        FrameWriter.End(hello, start, int.MaxValue);
        using (var output = new FileStream(new SafeFileHandle(4, ownsHandle: false), FileAccess.Write, bufferSize: 0))
        {
            output.Write(hello.WrittenSpan);
        }

        // Until the parent kills this process or closes the channel.
        using var input = new FileStream(new SafeFileHandle(3, ownsHandle: false), FileAccess.Read, bufferSize: 0);
        byte[] buffer = new byte[4096];
        while (input.Read(buffer) > 0)
        {
        }

        Environment.Exit(0);
    }

    /// <summary>True unless another worker already created <paramref name="marker"/>; creating it is atomic.</summary>
    private static bool FirstImpostor(string? marker)
    {
        if (string.IsNullOrEmpty(marker))
        {
            return true;
        }

        try
        {
            using (new FileStream(marker, FileMode.CreateNew))
            {
                return true;
            }
        }
        catch (IOException)
        {
            return false;
        }
    }
}

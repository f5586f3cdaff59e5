using System.Diagnostics;
using System.Globalization;

namespace StartLatency;

/// <summary>
/// The JIT build's handle on the NativeAOT build (<see cref="NativeServer"/>): each request is one measurement taken
/// inside the native process, so native children are started and timed exactly as the JIT build times its own.
/// </summary>
internal sealed class NativePeer : IDisposable
{
    private readonly Process _process;

    private NativePeer(Process process) => _process = process;

    public static NativePeer Start(string nativeStartLatency, string nativeBareApp)
    {
        var info = new ProcessStartInfo(nativeStartLatency, ["serve", Path.GetFullPath(nativeBareApp)])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        return new NativePeer(Process.Start(info)!);
    }

    /// <summary>Asks for one measurement, "child" or "bare"; returns its milliseconds.</summary>
    public double Measure(string what)
    {
        _process.StandardInput.WriteLine(what);
        _process.StandardInput.Flush();
        string line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the native peer exited");
        return double.Parse(line, CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        _process.WaitForExit();
        _process.Dispose();
    }
}

using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.IO.Pipes;

// Raw pipe ping-pong floor between two .NET processes: what a warm pool round trip is compared to.
//
//   PipeFloor [K]                        parent: starts `dotnet PipeFloor.dll child <in> <out>`, does WARMUP untimed and
//                                        K (default 20000) timed round trips, prints one JSON line.
//   PipeFloor child <inFd> <outFd>       child: echoes frames until its input pipe closes, then exits 0.
//
// Transport: two anonymous pipes (AnonymousPipeServerStream, client ends inherited by the child and named by their
// handle strings). PipeStream is unbuffered, so each Read/Write below is one read(2)/write(2) on the pipe fd.
// A frame is a 4-byte little-endian payload length followed by the payload (8 bytes here), written in one Write; the
// reader asks for the whole frame in one Read and only loops if the pipe hands it over in pieces. The reply is a frame
// of the same size (payload + 1). Each round trip is timed with Stopwatch.GetTimestamp.
//
// Output keys: bench, unit ("us per round trip"), transport, k, warmup, frame_bytes, median, p99 (nearest rank:
// sorted[(int)(0.99 * (n - 1))], as the Python scripts in bench/python), min, mean, child_exit_code,
// loadavg_start_end ([1-min loadavg before, after]; null where /proc/loadavg does not exist), dotnet, cpus.
const int Warmup = 2000;

if (args.Length > 0 && args[0] == "child")
{
    return RunChild(args[1], args[2]);
}

int k = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20000;
if (k < 1)
{
    Console.Error.WriteLine("usage: PipeFloor [K>=1]");
    return 2;
}

double? load0 = LoadAverage();
using var toChild = new AnonymousPipeServerStream(PipeDirection.Out, HandleInheritability.Inheritable);
using var fromChild = new AnonymousPipeServerStream(PipeDirection.In, HandleInheritability.Inheritable);

string self = typeof(Frames).Assembly.Location;
string host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
var start = new ProcessStartInfo(host)
{
    UseShellExecute = false,
    ArgumentList = { self, "child", toChild.GetClientHandleAsString(), fromChild.GetClientHandleAsString() },
};
using Process child = Process.Start(start) ?? throw new InvalidOperationException("could not start the child");
// Drop our copies of the child's ends: otherwise the child would never see end of input, nor we its death.
toChild.DisposeLocalCopyOfClientHandle();
fromChild.DisposeLocalCopyOfClientHandle();

var samples = new long[k];
byte[] buffer = new byte[Frames.FrameBytes];
for (int i = 0; i < Warmup; i++)
{
    Frames.RoundTrip(toChild, fromChild, buffer, i);
}

for (int i = 0; i < k; i++)
{
    long t0 = Stopwatch.GetTimestamp();
    Frames.RoundTrip(toChild, fromChild, buffer, i);
    samples[i] = Stopwatch.GetTimestamp() - t0;
}

toChild.Dispose(); // the child sees end of input and exits
if (!child.WaitForExit(TimeSpan.FromSeconds(30)))
{
    child.Kill();
    child.WaitForExit();
    throw new InvalidOperationException("the child did not exit within 30 s of its input closing");
}

double? load1 = LoadAverage();
Array.Sort(samples);
double us = 1e6 / Stopwatch.Frequency;
double median = (k % 2 == 1 ? samples[k / 2] : (samples[k / 2 - 1] + samples[k / 2]) / 2.0) * us;
double p99 = samples[(int)(0.99 * (k - 1))] * us;
double mean = samples.Average() * us;
double min = samples[0] * us;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{{\"bench\":\"pipe_floor\",\"unit\":\"us per round trip\",\"transport\":\"anonymous pipes, blocking PipeStream Read/Write\"," +
    $"\"k\":{k},\"warmup\":{Warmup},\"frame_bytes\":{Frames.FrameBytes}," +
    $"\"median\":{median:F2},\"p99\":{p99:F2},\"min\":{min:F2},\"mean\":{mean:F2},\"child_exit_code\":{child.ExitCode}," +
    $"\"loadavg_start_end\":[{Json(load0)},{Json(load1)}],\"dotnet\":\"{Environment.Version}\",\"cpus\":{Environment.ProcessorCount}}}"));
return child.ExitCode == 0 ? 0 : 1;

static int RunChild(string inHandle, string outHandle)
{
    using var input = new AnonymousPipeClientStream(PipeDirection.In, inHandle);
    using var output = new AnonymousPipeClientStream(PipeDirection.Out, outHandle);
    byte[] buffer = new byte[Frames.FrameBytes];
    while (Frames.Read(input, buffer) is { } payload)
    {
        Frames.Write(output, buffer, payload + 1);
    }

    return 0;
}

static double? LoadAverage()
{
    try
    {
        string text = File.ReadAllText("/proc/loadavg");
        return double.Parse(text.AsSpan(0, text.IndexOf(' ')), CultureInfo.InvariantCulture);
    }
    catch (IOException)
    {
        return null;
    }
    catch (UnauthorizedAccessException)
    {
        return null;
    }
}

static string Json(double? value) => value is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : "null";

internal static class Frames
{
    public const int PayloadBytes = 8;
    public const int FrameBytes = 4 + PayloadBytes;

    public static void RoundTrip(Stream toChild, Stream fromChild, byte[] buffer, long value)
    {
        Write(toChild, buffer, value);
        if (Read(fromChild, buffer) != value + 1)
        {
            throw new InvalidDataException("wrong reply");
        }
    }

    /// <summary>One frame (length + payload) in one write call.</summary>
    public static void Write(Stream stream, byte[] buffer, long value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(buffer, PayloadBytes);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(4), value);
        stream.Write(buffer, 0, FrameBytes);
    }

    /// <summary>Reads one frame, normally with one read call; null at a clean end of input.</summary>
    public static long? Read(Stream stream, byte[] buffer)
    {
        int got = stream.ReadAtLeast(buffer.AsSpan(0, FrameBytes), 4, throwOnEndOfStream: false);
        if (got == 0)
        {
            return null;
        }

        if (got < 4)
        {
            throw new EndOfStreamException("input ended inside a frame header");
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(buffer);
        if (length != PayloadBytes)
        {
            throw new InvalidDataException($"expected a {PayloadBytes}-byte payload, got length {length}");
        }

        if (got < FrameBytes)
        {
            stream.ReadExactly(buffer, got, FrameBytes - got);
        }

        return BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(4));
    }
}

using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Parallelize.Hosting;

/// <summary>
/// Forwards a child's standard output and error, read from the pipes it writes them to, to this process's own standard
/// output and error, each line prefixed with who wrote it (<c>[worker 3 pid 1234] </c>). One thread per stream reads
/// and writes whole lines only, under a lock per target, so lines of several children never mix mid-line.
/// </summary>
/// <remarks>
/// Lines go to descriptors 1 and 2 as bytes, whatever their encoding, not through <see cref="Console.Out"/>: they are
/// the child's output, which without the prefix would have gone there unchanged. A line longer than
/// <see cref="MaxLineBytes"/> is forwarded in pieces, each prefixed, so a child that never writes a newline cannot make
/// the parent hold its output without bound.
/// </remarks>
internal sealed class PrefixedOutput
{
    private const int MaxLineBytes = 64 * 1024;
    private const int ReadBytes = 16 * 1024;
    private const int ThreadStackBytes = 256 * 1024;

    private static readonly Lazy<Target> s_output = new(() => new Target(Console.OpenStandardOutput()));
    private static readonly Lazy<Target> s_error = new(() => new Target(Console.OpenStandardError()));

    private readonly CountdownEvent _ended = new(2);

    private PrefixedOutput(int outputFd, int errorFd, string prefix)
    {
        byte[] prefixBytes = Encoding.UTF8.GetBytes(prefix);
        Start(outputFd, s_output, prefixBytes, "output");
        Start(errorFd, s_error, prefixBytes, "error");
    }

    /// <summary>Starts forwarding; the pipes' read ends are the instance's from now on, closed at their end.</summary>
    /// <param name="outputFd">The read end of the child's standard output.</param>
    /// <param name="errorFd">The read end of the child's standard error.</param>
    /// <param name="prefix">What each line starts with.</param>
    public static PrefixedOutput Start(int outputFd, int errorFd, string prefix) => new(outputFd, errorFd, prefix);

    /// <summary>
    /// The prefix of a pool worker's lines, <c>[worker 3 pid 1234] </c>, or of a dedicated child's,
    /// <c>[Name pid 1234] </c>.
    /// </summary>
    public static string PrefixOf(ChildProcessOptions options, int pid) => options.WorkerId is int id
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[worker {id} pid {pid}] ")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{options.Name} pid {pid}] ");

    /// <summary>
    /// Waits until both streams have ended and every line was written, or <paramref name="timeout"/> passed: a process
    /// the child started may hold the pipes open after the child exited. True when both ended.
    /// </summary>
    public bool WaitForEnd(TimeSpan timeout) => _ended.Wait(timeout);

    private void Start(int fd, Lazy<Target> target, byte[] prefix, string name)
    {
        var source = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read, bufferSize: 0);
        var thread = new Thread(() => Pump(source, target, prefix), ThreadStackBytes)
        {
            IsBackground = true,
            Name = "Parallelize " + name + " relay",
        };
        thread.Start();
    }

    private void Pump(FileStream source, Lazy<Target> target, byte[] prefix)
    {
        var pending = new MemoryStream();
        var lines = new MemoryStream();
        byte[] buffer = new byte[ReadBytes];
        try
        {
            int read;
            while ((read = ReadSome(source, buffer)) > 0)
            {
                ReadOnlySpan<byte> chunk = buffer.AsSpan(0, read);
                int newline;
                while ((newline = chunk.IndexOf((byte)'\n')) >= 0)
                {
                    AppendLine(lines, prefix, pending, chunk[..newline]);
                    chunk = chunk[(newline + 1)..];
                }

                pending.Write(chunk);
                if (pending.Length >= MaxLineBytes)
                {
                    AppendLine(lines, prefix, pending, default);
                }

                target.Value.Write(lines);
            }

            if (pending.Length > 0)
            {
                // The last line had no newline: it still is one.
                AppendLine(lines, prefix, pending, default);
                target.Value.Write(lines);
            }
        }
        finally
        {
            source.Dispose();
            _ended.Signal();
        }
    }

    /// <summary>Appends the prefix, what is pending of a line and <paramref name="end"/>, and a newline.</summary>
    private static void AppendLine(MemoryStream lines, byte[] prefix, MemoryStream pending, ReadOnlySpan<byte> end)
    {
        lines.Write(prefix);
        lines.Write(pending.GetBuffer().AsSpan(0, (int)pending.Length));
        lines.Write(end);
        lines.WriteByte((byte)'\n');
        pending.SetLength(0);
    }

    private static int ReadSome(FileStream source, byte[] buffer)
    {
        try
        {
            return source.Read(buffer, 0, buffer.Length);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>This process's standard output or error, written one batch of whole lines at a time.</summary>
    private sealed class Target(Stream stream)
    {
        private readonly object _lock = new();

        public void Write(MemoryStream lines)
        {
            if (lines.Length == 0)
            {
                return;
            }

            try
            {
                lock (_lock)
                {
                    stream.Write(lines.GetBuffer(), 0, (int)lines.Length);
                }
            }
            catch (IOException)
            {
                // This process's output is gone (a closed pipe): the child's lines are dropped, and still read, so
                // that the child never blocks writing them.
            }
            finally
            {
                lines.SetLength(0);
            }
        }
    }
}

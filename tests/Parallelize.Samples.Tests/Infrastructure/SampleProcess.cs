using System.Diagnostics;
using System.Reflection;

namespace Parallelize.Samples.Tests.Infrastructure;

/// <summary>
/// Runs a sample's built program (samples/{name}) as its own process, as <c>dotnet run --project samples/{name}</c>
/// would, and captures its output. Meanwhile it notes the pid of every child process the sample starts, so that it
/// can check, and on disposal make sure, that none is left behind.
/// </summary>
internal sealed class SampleProcess : IAsyncDisposable
{
    /// <summary>How long a sample may run; each finishes in a few seconds.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>How long the sample's children may take to go once it has exited.</summary>
    public static readonly TimeSpan ChildGrace = TimeSpan.FromSeconds(2);

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Task _output;
    private readonly Task<string> _error;
    private readonly HashSet<int> _children = [];
    private readonly Task _watcher;

    private SampleProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _output = ReadLinesAsync(process.StandardOutput);
        _error = process.StandardError.ReadToEndAsync();
        _watcher = Task.Run(WatchChildrenAsync);
    }

    /// <summary>The sample's name, its folder under samples/.</summary>
    public string Name { get; }

    /// <summary>The sample's process id.</summary>
    public int Pid => _process.Id;

    /// <summary>The child processes seen so far (the sample's children are looked for every 10 ms while it runs).</summary>
    public IReadOnlyCollection<int> Children
    {
        get
        {
            lock (_children)
            {
                return [.. _children];
            }
        }
    }

    private static string SamplesDirectory => Metadata("SamplesDirectory");

    private static string Configuration => Metadata("SamplesConfiguration");

    /// <summary>Starts samples/{name}/bin/{Configuration}/net10.0/{name}.dll with <c>dotnet</c>.</summary>
    public static SampleProcess Start(string name)
    {
        string program = Path.GetFullPath(Path.Combine(SamplesDirectory, name, "bin", Configuration, "net10.0", name + ".dll"));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(program);
        return new SampleProcess(name, Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start."));
    }

    /// <summary>
    /// Waits until the sample has exited and its output has ended, which happens once every process that shares its
    /// output, its children included, has exited; then checks that every child seen is gone.
    /// </summary>
    public async Task<SampleOutput> RunToEndAsync()
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(Limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} did not exit within {Limit}. Its output so far:\n{string.Join('\n', Lines())}");
        }

        try
        {
            await _output.WaitAsync(ChildGrace);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{Name} exited, but a process still holds its output {ChildGrace.TotalSeconds} s later: a child outlived it.");
        }

        foreach (int child in Children)
        {
            Assert.True(await ProcessProbe.WaitUntilGoneAsync(child, ChildGrace), $"child {child} of {Name} still runs after {Name} exited");
        }

        return new SampleOutput(_process.ExitCode, Lines(), await _error.WaitAsync(ChildGrace));
    }

    /// <summary>Kills the sample if it still runs, and any child of it that is still there, by pid.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await _watcher;
        foreach (int child in Children)
        {
            // A child of a parent that is gone ends on its own; should one not have, it is killed here.
            if (!await ProcessProbe.WaitUntilGoneAsync(child, ChildGrace))
            {
                try
                {
                    using Process leftover = Process.GetProcessById(child);
                    leftover.Kill();
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException)
                {
                    // It went in the meantime.
                }
            }
        }

        _process.Dispose();
    }

    private static string Metadata(string key) => typeof(SampleProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == key).Value!;

    private string[] Lines()
    {
        lock (_lines)
        {
            return [.. _lines];
        }
    }

    private async Task ReadLinesAsync(StreamReader output)
    {
        while (await output.ReadLineAsync() is { } line)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }

    private async Task WatchChildrenAsync()
    {
        while (!_process.HasExited)
        {
            List<int> children = ProcessProbe.ChildrenOf(_process.Id);
            lock (_children)
            {
                _children.UnionWith(children);
            }

            await Task.Delay(10);
        }
    }
}

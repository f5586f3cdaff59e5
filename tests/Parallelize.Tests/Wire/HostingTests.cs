using Parallelize.Hosting;

namespace Parallelize.Tests.Wire;

public sealed class HostingTests
{
    [Fact]
    public void Worker_settings_parse_without_culture_and_reject_garbage()
    {
        Assert.Equal(new WorkerSettings(1, 4242, 65536, false, 4096, 1L << 33, 140_737_488_351_232, "App", null, "ChildProcess-1"),
            WorkerSettings.Parse("1;4242;65536;0;4096;8589934592;140737488351232;;App;ChildProcess-1"));
        Assert.Equal(new WorkerSettings(2, 7, 1024, true, 1, 0, 0, "", 12, ""), WorkerSettings.Parse("2;7;1024;1;1;0;0;12;;"));
        Assert.Equal("odd;name", WorkerSettings.Parse("2;7;1024;1;1;0;0;;App;odd;name").Name);
        Assert.Throws<ProtocolException>(() => WorkerSettings.Parse("1;-4;65536;0;1;0;0;;;"));
        Assert.Throws<ProtocolException>(() => WorkerSettings.Parse("1;4;99999999999;0;1;0;0;;;"));
        Assert.Throws<ProtocolException>(() => WorkerSettings.Parse("1;4;1024;0;99999999999;0;0;;;"));
        Assert.Throws<ProtocolException>(() => WorkerSettings.Parse("1;4;1024;0;1;-1;0;;;"));
        Assert.Throws<ProtocolException>(() => WorkerSettings.Parse("1;4;1024;0;1;0;-1;;;"));
        Assert.Throws<ProtocolException>(() => WorkerSettings.Parse("1;4;1024;0;1;0;;;;"));
        Assert.Throws<ProtocolException>(() => WorkerSettings.Parse("1;4;2147483647;0;1;0;0;;;"));
        Assert.Throws<ProtocolException>(() => WorkerSettings.Parse("1;4;100;0;1;0;0;;;"));
        Assert.Throws<ProtocolException>(() => WorkerSettings.Parse("1;4;1024"));
        Assert.Throws<ProtocolException>(() => WorkerSettings.Parse("1;4;1024;2;1;0;0;;App;"));
        Assert.Throws<ProtocolException>(() => WorkerSettings.Parse("1;4;1024;1;1;0;0;;App"));
        Assert.Throws<ProtocolException>(() => WorkerSettings.Parse("1;4;1024;1;1;0;0;-1;App;"));
        Assert.Throws<ProtocolException>(() => WorkerSettings.Parse("1;4;1024;1;1;0;0;99999999999;App;"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\0")]
    [InlineData("a,b")]
    [InlineData("No.Such.Assembly")]
    public void An_assembly_name_the_child_cannot_load_is_a_protocol_error(string name)
    {
        // The name comes from the parent's bytes; "" and NUL made AssemblyName throw ArgumentException.
        Assert.Throws<ProtocolException>(() => Parallelize.Dispatch.DispatcherRegistry.Resolve(name));
    }

    [Fact]
    public void Wait_statuses_decode_to_exit_codes_and_signals()
    {
        Assert.Equal(new ExitStatus(3, null), ExitStatus.FromWaitStatus(3 << 8));
        Assert.Equal(new ExitStatus(null, 9), ExitStatus.FromWaitStatus(9));
        Assert.Equal(-9, ExitStatus.FromWaitStatus(9).PythonStyleCode);
        Assert.Equal(3, ExitStatus.FromWaitStatus(3 << 8).PythonStyleCode);
        Assert.Contains("SIGABRT", ExitStatus.FromWaitStatus(6 | 0x80).ToString());
    }

    [Fact]
    public void The_host_command_line_restarts_the_test_host_with_its_runtime_config()
    {
        HostCommandLine host = HostCommandLine.Application;

        Assert.Equal(Environment.ProcessPath, host.ExecutablePath);
        Assert.Contains(host.Arguments, a => a.EndsWith(".runtimeconfig.json", StringComparison.Ordinal));
        Assert.Equal(host.ExecutablePath, host.Arguments[0]);
        Assert.DoesNotContain(host.Arguments, a => a.Contains("--port", StringComparison.Ordinal));
    }
}

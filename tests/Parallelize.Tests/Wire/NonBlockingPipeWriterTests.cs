using Parallelize.Native;

namespace Parallelize.Tests.Wire;

/// <summary>The parent's side of a request pipe, over a real pipe.</summary>
public sealed class NonBlockingPipeWriterTests
{
    /// <summary>Linux pipes hold 64 KiB by default and at most 1 MiB unless an administrator raises the limit.</summary>
    private const int MoreThanAPipeHolds = 4 * 1024 * 1024;

    [Fact]
    public void A_write_to_a_pipe_nobody_drains_stops_when_it_is_full_instead_of_waiting()
    {
        using var pipe = new Pipe();
        byte[] sent = new byte[MoreThanAPipeHolds];

        int first = pipe.Writer.WriteAvailable(sent);
        int second = pipe.Writer.WriteAvailable(sent);

        Assert.InRange(first, 1, sent.Length - 1);
        Assert.Equal(0, second);
    }

    [Fact]
    public async Task WriteAll_waits_for_room_and_delivers_every_byte_in_order()
    {
        using var pipe = new Pipe();
        byte[] sent = new byte[3_000_000];
        new Random(11).NextBytes(sent);
        int inline = pipe.Writer.WriteAvailable(sent);
        Task rest = Task.Run(() => pipe.Writer.WriteAll(sent.AsSpan(inline)));

        byte[] received = new byte[sent.Length];
        new DescriptorStream(pipe.ReadFd, canRead: true).ReadExactly(received);
        await rest.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(sent, received);
    }

    [Fact]
    public async Task WriteAll_to_a_full_pipe_whose_reader_closes_fails_instead_of_hanging()
    {
        using var pipe = new Pipe();
        byte[] sent = new byte[MoreThanAPipeHolds];
        Task writing = Task.Run(() => pipe.Writer.WriteAll(sent));
        await Task.Delay(100);
        Assert.False(writing.IsCompleted);

        pipe.CloseReadEnd();

        await Assert.ThrowsAsync<IOException>(() => writing.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void A_disposed_writer_refuses_to_write()
    {
        using var pipe = new Pipe();
        pipe.Writer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => pipe.Writer.WriteAvailable(new byte[] { 1 }));
        Assert.Throws<ObjectDisposedException>(() => pipe.Writer.WriteAll(new byte[] { 1 }));
    }

    /// <summary>A pipe whose write end is a <see cref="NonBlockingPipeWriter"/>; disposing closes both ends.</summary>
    private sealed class Pipe : IDisposable
    {
        public Pipe()
        {
            (ReadFd, int write) = FileDescriptors.CreatePipe();
            Writer = new NonBlockingPipeWriter(write);
        }

        public int ReadFd { get; private set; }

        public NonBlockingPipeWriter Writer { get; }

        public void CloseReadEnd()
        {
            FileDescriptors.Close(ReadFd);
            ReadFd = -1;
        }

        public void Dispose()
        {
            Writer.Dispose();
            CloseReadEnd();
        }
    }
}

using Parallelize.Native;

namespace Parallelize.Tests.Wire;

/// <summary>The parent's side of a request pipe, over a real pipe.</summary>
public sealed class NonBlockingPipeWriterTests
{
    [Fact]
    public void A_write_to_a_pipe_nobody_drains_stops_when_it_is_full_instead_of_waiting()
    {
        var (read, write) = FileDescriptors.CreatePipe();
        using var writer = new NonBlockingPipeWriter(write);
        try
        {
            byte[] sent = new byte[4 * NonBlockingPipeWriter.PreferredCapacityBytes];

            int first = writer.WriteAvailable(sent);
            int second = writer.WriteAvailable(sent);

            Assert.InRange(first, 1, sent.Length - 1);
            Assert.Equal(0, second);
        }
        finally
        {
            FileDescriptors.Close(read);
        }
    }

    [Fact]
    public async Task WriteAll_waits_for_room_and_delivers_every_byte_in_order()
    {
        var (read, write) = FileDescriptors.CreatePipe();
        using var writer = new NonBlockingPipeWriter(write);
        try
        {
            byte[] sent = new byte[3_000_000];
            new Random(11).NextBytes(sent);
            int inline = writer.WriteAvailable(sent);
            Task rest = Task.Run(() => writer.WriteAll(sent.AsSpan(inline)));

            var reader = new DescriptorStream(read, canRead: true);
            byte[] received = new byte[sent.Length];
            reader.ReadExactly(received);
            await rest.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(sent, received);
        }
        finally
        {
            FileDescriptors.Close(read);
        }
    }

    [Fact]
    public async Task WriteAll_to_a_full_pipe_whose_reader_closes_fails_instead_of_hanging()
    {
        var (read, write) = FileDescriptors.CreatePipe();
        using var writer = new NonBlockingPipeWriter(write);
        try
        {
            byte[] sent = new byte[4 * NonBlockingPipeWriter.PreferredCapacityBytes];
            Task writing = Task.Run(() => writer.WriteAll(sent));
            await Task.Delay(100);
            Assert.False(writing.IsCompleted);

            FileDescriptors.Close(read);
            read = -1;

            await Assert.ThrowsAsync<IOException>(() => writing.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            FileDescriptors.Close(read);
        }
    }

    [Fact]
    public void A_disposed_writer_refuses_to_write()
    {
        var (read, write) = FileDescriptors.CreatePipe();
        try
        {
            var writer = new NonBlockingPipeWriter(write);
            writer.Dispose();

            Assert.Throws<ObjectDisposedException>(() => writer.WriteAvailable(new byte[] { 1 }));
            Assert.Throws<ObjectDisposedException>(() => writer.WriteAll(new byte[] { 1 }));
        }
        finally
        {
            FileDescriptors.Close(read);
        }
    }
}

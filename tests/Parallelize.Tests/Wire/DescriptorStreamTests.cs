using Parallelize.Native;

namespace Parallelize.Tests.Wire;

/// <summary>The worker's channel streams, over a real pipe.</summary>
public sealed class DescriptorStreamTests
{
    [Fact]
    public async Task A_write_larger_than_the_pipe_arrives_whole_and_end_of_stream_reads_zero()
    {
        var (read, write) = FileDescriptors.CreatePipe();
        try
        {
            byte[] sent = new byte[1_000_000];
            new Random(7).NextBytes(sent);
            var writer = new DescriptorStream(write, canRead: false);
            Task writing = Task.Run(() =>
            {
                writer.Write(sent);
                FileDescriptors.Close(write);
                write = -1;
            });

            var reader = new DescriptorStream(read, canRead: true);
            byte[] received = new byte[sent.Length];
            reader.ReadExactly(received);
            await writing.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(sent, received);
            Assert.Equal(0, reader.Read(new byte[16]));
        }
        finally
        {
            FileDescriptors.Close(read);
            FileDescriptors.Close(write);
        }
    }

    [Fact]
    public void Writing_to_a_pipe_nobody_reads_is_an_IOException()
    {
        var (read, write) = FileDescriptors.CreatePipe();
        try
        {
            FileDescriptors.Close(read);
            read = -1;

            Assert.Throws<IOException>(() => new DescriptorStream(write, canRead: false).Write(new byte[] { 1, 2, 3 }));
        }
        finally
        {
            FileDescriptors.Close(read);
            FileDescriptors.Close(write);
        }
    }
}

using Parallelize.Tests.Infrastructure;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests.Sharing;

/// <summary>
/// Shared objects leave nothing behind: no file in /dev/shm at any time, and no mapping or descriptor in this process
/// once its views are disposed, also when a child that attached was killed.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class SharedCleanupTests
{
    private const string SegmentName = "memfd:parallelize-shared";

    [Fact]
    public async Task NothingIsLeftWhenAChildThatAttachedIsKilledAndTheParentDisposes()
    {
        string[] shmBefore = Directory.GetFiles("/dev/shm");
        int mappingsBefore = CountMappings();
        int descriptorsBefore = CountDescriptors();

        var queue = new ProcessQueue<long>(bufferBytes: 4096);
        var held = new ProcessLock();
        var (mine, theirs) = ProcessPipe.Create<int>();
        await using (var producer = ChildProcess.Start(ChannelMethods.Calls.ProduceForever(queue)))
        await using (var hanger = ChildProcess.Start(ChannelMethods.Calls.SendThenHang(theirs)))
        {
            Assert.Equal(0, queue.Get());
            Assert.Equal(7, mine.Receive());
            Assert.True(CountMappings() > mappingsBefore);
            Assert.True(CountDescriptors() > descriptorsBefore);
            Assert.Equal(shmBefore, Directory.GetFiles("/dev/shm")); // a memfd has no name to leave there
            producer.Kill();
            hanger.Kill();
        }

        queue.Dispose();
        held.Dispose();
        mine.Dispose();
        theirs.Dispose();

        Assert.Equal(mappingsBefore, CountMappings());
        Assert.Equal(descriptorsBefore, CountDescriptors());
        Assert.Equal(shmBefore, Directory.GetFiles("/dev/shm"));
    }

    [Fact]
    public void ASecondViewInTheSameProcessSharesTheMappingUntilBothAreDisposed()
    {
        int mappingsBefore = CountMappings();
        var value = new SharedValue<int>(5);
        var writer = new Parallelize.Serialization.WireWriter();
        writer.WriteShared(value);
        var reader = new Parallelize.Serialization.WireReader(writer.WrittenSpan);
        SharedValue<int> view = SharedValue<int>.ReadShared(ref reader)!;
        Assert.Equal(mappingsBefore + 1, CountMappings());

        value.Dispose();
        Assert.Equal(5, view.Value);
        view.Dispose();
        Assert.Equal(mappingsBefore, CountMappings());
    }

    private static int CountMappings() => File.ReadLines("/proc/self/maps").Count(line => line.Contains(SegmentName));

    private static int CountDescriptors() =>
        Directory.GetFiles("/proc/self/fd").Count(fd =>
        {
            try
            {
                return new FileInfo(fd).LinkTarget?.StartsWith("/" + SegmentName, StringComparison.Ordinal) == true;
            }
            catch (IOException)
            {
                return false;
            }
        });
}

using Parallelize.Worker;

namespace Parallelize.Tests.Wire;

public sealed class BatchBuffersTests
{
    [Fact]
    public void Buffers_fit_no_two_rentals_share_one_and_a_huge_one_is_not_kept()
    {
        // Tests running beside this one (the decoder fuzz) rent and return too: only what holds regardless is checked.
        byte[] small = BatchBuffers.Rent(10);
        Assert.True(small.Length >= 10);
        BatchBuffers.Return(small);

        byte[][] rented = [.. Enumerable.Range(0, 5).Select(_ => BatchBuffers.Rent(10))];
        Assert.All(rented, buffer => Assert.True(buffer.Length >= 10));
        Assert.Equal(rented.Length, rented.Distinct(ReferenceEqualityComparer.Instance).Count());
        foreach (byte[] buffer in rented)
        {
            BatchBuffers.Return(buffer);
        }

        byte[] huge = BatchBuffers.Rent(2 << 20);
        Assert.True(huge.Length >= 2 << 20);
        BatchBuffers.Return(huge);
        Assert.All(Enumerable.Range(0, 5).Select(_ => BatchBuffers.Rent(1 << 20)), buffer => Assert.NotSame(huge, buffer));
    }
}

using Parallelize.Serialization;
using Parallelize.Worker;

namespace Parallelize.Tests.Wire;

public sealed class AssemblyNameReaderTests
{
    [Theory]
    [InlineData("App")]
    [InlineData("Parallelize.Tests")]
    [InlineData("Été.Ünïcode.😀")]
    [InlineData("")]
    public void Names_read_back_the_same_read_once_or_again(string name)
    {
        var writer = new WireWriter();
        writer.WriteString(name);
        writer.WriteString(name);
        writer.WriteString("Other");
        writer.WriteString(name);

        var reader = new WireReader(writer.WrittenSpan);
        Assert.Equal(name, AssemblyNameReader.Read(ref reader));
        Assert.Equal(name, AssemblyNameReader.Read(ref reader));
        Assert.Equal("Other", AssemblyNameReader.Read(ref reader));
        Assert.Equal(name, AssemblyNameReader.Read(ref reader));
        reader.EnsureEnd();
    }

    [Fact]
    public void No_name_or_invalid_utf8_is_a_protocol_error()
    {
        var missing = new WireWriter();
        missing.WriteString(null);
        byte[] invalid = [2, 0, 0, 0, 0xC3, 0x28];

        Assert.Throws<ProtocolException>(() =>
        {
            var reader = new WireReader(missing.WrittenSpan);
            AssemblyNameReader.Read(ref reader);
        });
        Assert.Throws<ProtocolException>(() =>
        {
            var reader = new WireReader(invalid);
            AssemblyNameReader.Read(ref reader);
        });
    }
}

namespace Parallelize.Serialization;

/// <summary>The channel item serializers the runtime knows without generated code: primitives, strings, byte arrays.</summary>
internal static class BuiltInCodecs
{
    public static WireWriter.ItemWriter<T>? Writer<T>() => (WireWriter.ItemWriter<T>?)WriterOf(typeof(T));

    public static WireReader.ItemReader<T>? Reader<T>() => (WireReader.ItemReader<T>?)ReaderOf(typeof(T));

    private static object? WriterOf(Type type) =>
        type == typeof(int) ? new WireWriter.ItemWriter<int>(static (w, v) => w.WriteInt32(v))
        : type == typeof(long) ? new WireWriter.ItemWriter<long>(static (w, v) => w.WriteInt64(v))
        : type == typeof(string) ? new WireWriter.ItemWriter<string?>(static (w, v) => w.WriteString(v))
        : type == typeof(double) ? new WireWriter.ItemWriter<double>(static (w, v) => w.WriteDouble(v))
        : type == typeof(bool) ? new WireWriter.ItemWriter<bool>(static (w, v) => w.WriteBoolean(v))
        : type == typeof(byte) ? new WireWriter.ItemWriter<byte>(static (w, v) => w.WriteByte(v))
        : type == typeof(short) ? new WireWriter.ItemWriter<short>(static (w, v) => w.WriteInt16(v))
        : type == typeof(uint) ? new WireWriter.ItemWriter<uint>(static (w, v) => w.WriteUInt32(v))
        : type == typeof(ulong) ? new WireWriter.ItemWriter<ulong>(static (w, v) => w.WriteUInt64(v))
        : type == typeof(float) ? new WireWriter.ItemWriter<float>(static (w, v) => w.WriteSingle(v))
        : type == typeof(decimal) ? new WireWriter.ItemWriter<decimal>(static (w, v) => w.WriteDecimal(v))
        : type == typeof(char) ? new WireWriter.ItemWriter<char>(static (w, v) => w.WriteChar(v))
        : type == typeof(Guid) ? new WireWriter.ItemWriter<Guid>(static (w, v) => w.WriteGuid(v))
        : type == typeof(byte[]) ? new WireWriter.ItemWriter<byte[]?>(static (w, v) => w.WriteUnmanagedArray(v))
        : null;

    private static object? ReaderOf(Type type) =>
        type == typeof(int) ? new WireReader.ItemReader<int>(static (ref WireReader r) => r.ReadInt32())
        : type == typeof(long) ? new WireReader.ItemReader<long>(static (ref WireReader r) => r.ReadInt64())
        : type == typeof(string) ? new WireReader.ItemReader<string?>(static (ref WireReader r) => r.ReadString())
        : type == typeof(double) ? new WireReader.ItemReader<double>(static (ref WireReader r) => r.ReadDouble())
        : type == typeof(bool) ? new WireReader.ItemReader<bool>(static (ref WireReader r) => r.ReadBoolean())
        : type == typeof(byte) ? new WireReader.ItemReader<byte>(static (ref WireReader r) => r.ReadByte())
        : type == typeof(short) ? new WireReader.ItemReader<short>(static (ref WireReader r) => r.ReadInt16())
        : type == typeof(uint) ? new WireReader.ItemReader<uint>(static (ref WireReader r) => r.ReadUInt32())
        : type == typeof(ulong) ? new WireReader.ItemReader<ulong>(static (ref WireReader r) => r.ReadUInt64())
        : type == typeof(float) ? new WireReader.ItemReader<float>(static (ref WireReader r) => r.ReadSingle())
        : type == typeof(decimal) ? new WireReader.ItemReader<decimal>(static (ref WireReader r) => r.ReadDecimal())
        : type == typeof(char) ? new WireReader.ItemReader<char>(static (ref WireReader r) => r.ReadChar())
        : type == typeof(Guid) ? new WireReader.ItemReader<Guid>(static (ref WireReader r) => r.ReadGuid())
        : type == typeof(byte[]) ? new WireReader.ItemReader<byte[]?>(static (ref WireReader r) => r.ReadUnmanagedArray<byte>())
        : null;
}

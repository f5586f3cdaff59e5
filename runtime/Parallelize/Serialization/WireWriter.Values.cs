using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Parallelize.Serialization;

public sealed partial class WireWriter
{
    /// <summary>Writes a <see cref="Guid"/> as its 16 bytes in <see cref="Guid.ToByteArray()"/> order.</summary>
    public void WriteGuid(Guid value)
    {
        if (!value.TryWriteBytes(Take(16)))
        {
            throw new InvalidOperationException("A Guid did not fit its 16 bytes.");
        }
    }

    /// <summary>
    /// Writes a <see cref="DateTime"/> as its ticks with its <see cref="DateTimeKind"/> in the top two bits, so a
    /// local time stays the same clock time and kind rather than being converted.
    /// </summary>
    public void WriteDateTime(DateTime value) => WriteUInt64((ulong)value.Ticks | ((ulong)value.Kind << 62));

    /// <summary>Writes a <see cref="DateTimeOffset"/> as its clock ticks and its offset in minutes.</summary>
    public void WriteDateTimeOffset(DateTimeOffset value)
    {
        WriteInt64(value.Ticks);
        WriteInt16((short)(value.Offset.Ticks / TimeSpan.TicksPerMinute));
    }

    /// <summary>Writes a <see cref="TimeSpan"/> as its ticks.</summary>
    public void WriteTimeSpan(TimeSpan value) => WriteInt64(value.Ticks);

    /// <summary>Writes a <see cref="DateOnly"/> as its day number.</summary>
    public void WriteDateOnly(DateOnly value) => WriteInt32(value.DayNumber);

    /// <summary>Writes a <see cref="TimeOnly"/> as its ticks.</summary>
    public void WriteTimeOnly(TimeOnly value) => WriteInt64(value.Ticks);

    /// <summary>Writes a <see cref="Half"/> bit for bit.</summary>
    public void WriteHalf(Half value) => WriteUInt16(BitConverter.HalfToUInt16Bits(value));

    /// <summary>Writes an <see cref="Int128"/>.</summary>
    public void WriteInt128(Int128 value) => BinaryPrimitives.WriteInt128LittleEndian(Take(16), value);

    /// <summary>Writes a <see cref="UInt128"/>.</summary>
    public void WriteUInt128(UInt128 value) => BinaryPrimitives.WriteUInt128LittleEndian(Take(16), value);

    /// <summary>
    /// Writes an unmanaged struct as its bytes. Both sides run the same build, so the layout is the same; the
    /// struct's private fields cross too, exactly as a copy in memory would.
    /// </summary>
    public void WriteUnmanaged<T>(T value) where T : unmanaged => MemoryMarshal.Write(Take(Unsafe.SizeOf<T>()), in value);
}

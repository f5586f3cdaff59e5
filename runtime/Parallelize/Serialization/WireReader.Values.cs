using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Parallelize.Serialization;

public ref partial struct WireReader
{
    private const ulong DateTimeTicksMask = (1UL << 62) - 1;

    /// <summary>Reads a <see cref="Guid"/>.</summary>
    public Guid ReadGuid() => new(Take(16));

    /// <summary>Reads a <see cref="DateTime"/>; ticks or a kind out of range are a protocol error.</summary>
    public DateTime ReadDateTime()
    {
        ulong bits = ReadUInt64();
        long ticks = (long)(bits & DateTimeTicksMask);
        var kind = (DateTimeKind)(bits >> 62);
        if (ticks > DateTime.MaxValue.Ticks || kind > DateTimeKind.Local)
        {
            throw new ProtocolException($"0x{bits:X16} is not a valid DateTime.");
        }

        return new DateTime(ticks, kind);
    }

    /// <summary>Reads a <see cref="DateTimeOffset"/>; a time or offset out of range is a protocol error.</summary>
    public DateTimeOffset ReadDateTimeOffset()
    {
        long ticks = ReadInt64();
        short minutes = ReadInt16();
        try
        {
            return new DateTimeOffset(ticks, TimeSpan.FromMinutes(minutes));
        }
        catch (ArgumentException e)
        {
            throw new ProtocolException($"Ticks {ticks} with an offset of {minutes} minutes are not a valid DateTimeOffset.", e);
        }
    }

    /// <summary>Reads a <see cref="TimeSpan"/>.</summary>
    public TimeSpan ReadTimeSpan() => new(ReadInt64());

    /// <summary>Reads a <see cref="DateOnly"/>; a day number out of range is a protocol error.</summary>
    public DateOnly ReadDateOnly()
    {
        int day = ReadInt32();
        return (uint)day <= (uint)DateOnly.MaxValue.DayNumber
            ? DateOnly.FromDayNumber(day)
            : throw new ProtocolException($"Day number {day} is not a valid DateOnly.");
    }

    /// <summary>Reads a <see cref="TimeOnly"/>; ticks out of range are a protocol error.</summary>
    public TimeOnly ReadTimeOnly()
    {
        long ticks = ReadInt64();
        return (ulong)ticks <= (ulong)TimeOnly.MaxValue.Ticks
            ? new TimeOnly(ticks)
            : throw new ProtocolException($"{ticks} ticks are not a valid TimeOnly.");
    }

    /// <summary>Reads a <see cref="Half"/>.</summary>
    public Half ReadHalf() => BitConverter.UInt16BitsToHalf(ReadUInt16());

    /// <summary>Reads an <see cref="Int128"/>.</summary>
    public Int128 ReadInt128() => BinaryPrimitives.ReadInt128LittleEndian(Take(16));

    /// <summary>Reads a <see cref="UInt128"/>.</summary>
    public UInt128 ReadUInt128() => BinaryPrimitives.ReadUInt128LittleEndian(Take(16));

    /// <summary>Reads an unmanaged struct written by <see cref="WireWriter.WriteUnmanaged{T}(T)"/>.</summary>
    public T ReadUnmanaged<T>() where T : unmanaged => MemoryMarshal.Read<T>(Take(Unsafe.SizeOf<T>()));
}

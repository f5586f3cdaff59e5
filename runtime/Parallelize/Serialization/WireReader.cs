using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Parallelize.Serialization;

/// <summary>
/// Reads values written by <see cref="WireWriter"/> from one received message. Every read is bounds-checked and
/// every length is checked against the bytes that remain before anything is allocated, so a corrupt message gives
/// <see cref="ProtocolException"/>, never an out-of-range read or an oversized allocation.
/// </summary>
public ref partial struct WireReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private int _depth; // objects entered: see WireReader.Graph.cs

    /// <summary>Where a block in shared memory is read from; null when the message comes with none.</summary>
    private readonly Parallelize.Bulk.BulkReceiver? _bulk;

    /// <summary>The offset (0 for none: a block's data never starts there) and count of a shared-memory block whose
    /// count was read and whose items are not yet.</summary>
    private long _pendingBulkOffset;
    private int _pendingBulkCount;

    /// <summary>For a pending block that was lent, its address in the lender; 0 for one in shared memory.</summary>
    private nint _pendingLentAddress;

    /// <summary>Creates a reader over one message that carries all its data: a reference to shared memory in it is a
    /// <see cref="ProtocolException"/>.</summary>
    public WireReader(ReadOnlySpan<byte> data)
        : this(data, null)
    {
    }

    /// <summary>Creates a reader over a message whose large blocks may lie in <paramref name="bulk"/>.</summary>
    internal WireReader(ReadOnlySpan<byte> data, Parallelize.Bulk.BulkReceiver? bulk)
    {
        _data = data;
        _position = 0;
        _depth = 0;
        _bulk = bulk;
        _pendingBulkOffset = 0;
        _pendingBulkCount = 0;
        _pendingLentAddress = 0;
    }

    /// <summary>The number of bytes not yet read.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>Reads a <see cref="bool"/>; any byte other than 0 or 1 is a protocol error.</summary>
    public bool ReadBoolean()
    {
        byte value = ReadByte();
        return value switch
        {
            0 => false,
            1 => true,
            _ => throw new ProtocolException($"A boolean must be 0 or 1, not {value}."),
        };
    }

    /// <summary>Reads a <see cref="byte"/>.</summary>
    public byte ReadByte() => Take(1)[0];

    /// <summary>Reads an <see cref="sbyte"/>.</summary>
    public sbyte ReadSByte() => unchecked((sbyte)ReadByte());

    /// <summary>Reads a <see cref="short"/>.</summary>
    public short ReadInt16() => BinaryPrimitives.ReadInt16LittleEndian(Take(2));

    /// <summary>Reads a <see cref="ushort"/>.</summary>
    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    /// <summary>Reads a <see cref="char"/>.</summary>
    public char ReadChar() => (char)ReadUInt16();

    /// <summary>Reads an <see cref="int"/>.</summary>
    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    /// <summary>Reads a <see cref="uint"/>.</summary>
    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    /// <summary>Reads a <see cref="long"/>.</summary>
    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    /// <summary>Reads a <see cref="ulong"/>.</summary>
    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>Reads an <see cref="nint"/> written as 64 bits; a value this process cannot hold is a protocol error.</summary>
    public nint ReadIntPtr()
    {
        long value = ReadInt64();
        return value >= nint.MinValue && value <= nint.MaxValue
            ? (nint)value
            : throw new ProtocolException($"The value {value} does not fit a native integer in this process.");
    }

    /// <summary>Reads an <see cref="nuint"/> written as 64 bits; a value this process cannot hold is a protocol error.</summary>
    public nuint ReadUIntPtr()
    {
        ulong value = ReadUInt64();
        return value <= nuint.MaxValue
            ? (nuint)value
            : throw new ProtocolException($"The value {value} does not fit a native unsigned integer in this process.");
    }

    /// <summary>Reads a <see cref="float"/>.</summary>
    public float ReadSingle() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    /// <summary>Reads a <see cref="double"/>.</summary>
    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>Reads a <see cref="decimal"/>; parts that do not form a valid decimal are a protocol error.</summary>
    public decimal ReadDecimal()
    {
        Span<int> bits = stackalloc int[4];
        for (int i = 0; i < bits.Length; i++)
        {
            bits[i] = ReadInt32();
        }

        try
        {
            return new decimal(bits);
        }
        catch (ArgumentException e)
        {
            throw new ProtocolException("The bytes do not form a valid decimal.", e);
        }
    }

    /// <summary>Reads a string or null; bytes that are not valid UTF-8 are a protocol error.</summary>
    public string? ReadString()
    {
        int length = ReadLength(elementSize: 1);
        if (length < 0)
        {
            return null;
        }

        return DecodeUtf8(Take(length));
    }

    /// <summary>Decodes a string's bytes; bytes that are not valid UTF-8 are a protocol error.</summary>
    internal static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new ProtocolException("A string is not valid UTF-8.", e);
        }
    }

    /// <summary>
    /// The UTF-8 bytes of a string written by <see cref="WireWriter.WriteString"/>, undecoded; false for null. For a
    /// reader that decodes (or recognizes) the bytes itself.
    /// </summary>
    internal bool TryReadStringBytes(out ReadOnlySpan<byte> bytes)
    {
        int length = ReadLength(elementSize: 1);
        bytes = length < 0 ? default : Take(length);
        return length >= 0;
    }

    /// <summary>Reads an array of unmanaged values written as one block, or null.</summary>
    public T[]? ReadUnmanagedArray<T>() where T : unmanaged
    {
        int count = ReadUnmanagedCount<T>();
        if (count < 0)
        {
            return null;
        }

        T[] values = GC.AllocateUninitializedArray<T>(count);
        ReadUnmanagedItems<T>(values);
        return values;
    }

    /// <summary>
    /// Reads the count of a block written by <see cref="WireWriter.WriteUnmanagedSpan{T}(ReadOnlySpan{T})"/>: -1 for
    /// null, else a count whose bytes the message (or the shared memory it refers to) holds. Follow it with
    /// <see cref="ReadUnmanagedItems{T}(Span{T})"/>.
    /// </summary>
    public int ReadUnmanagedCount<T>() where T : unmanaged
    {
        int marker = Remaining < 4 ? 0 : BinaryPrimitives.ReadInt32LittleEndian(_data.Slice(_position));
        if (marker is not (Parallelize.Bulk.BulkBlock.SharedMarker or Parallelize.Bulk.BulkBlock.LentMarker))
        {
            return ReadLength(Unsafe.SizeOf<T>());
        }

        // A block in shared memory, or lent: checked against the segment before the caller allocates for its count.
        _position += 4;
        int count = ReadInt32();
        long offset = ReadInt64();
        nint address = marker == Parallelize.Bulk.BulkBlock.LentMarker ? (nint)ReadInt64() : 0;
        if (_bulk is null)
        {
            throw new ProtocolException("A message refers to shared memory where none is shared.");
        }

        if (count < 0)
        {
            throw new ProtocolException($"A shared-memory block declares {count} items.");
        }

        long bytes = (long)count * Unsafe.SizeOf<T>();
        if (marker == Parallelize.Bulk.BulkBlock.LentMarker)
        {
            _bulk.CheckLent(offset, bytes);
        }
        else
        {
            _bulk.Check(offset, bytes);
        }

        Parallelize.Bulk.LargeReceive.Prepare(bytes);
        _pendingBulkOffset = offset;
        _pendingBulkCount = count;
        _pendingLentAddress = address;
        return count;
    }

    /// <summary>Copies the items of a block whose count <see cref="ReadUnmanagedCount{T}"/> returned into <paramref name="destination"/>.</summary>
    public void ReadUnmanagedItems<T>(Span<T> destination) where T : unmanaged
    {
        if (_pendingBulkOffset == 0)
        {
            // In long: a destination a caller sized itself could otherwise wrap to a small count and be filled in part.
            long bytes = (long)destination.Length * Unsafe.SizeOf<T>();
            if (bytes > Remaining)
            {
                throw new ProtocolException($"The message ended early: {bytes} byte(s) needed, {Remaining} left.");
            }

            Take((int)bytes).CopyTo(MemoryMarshal.AsBytes(destination));
            return;
        }

        if (destination.Length != _pendingBulkCount)
        {
            throw new ArgumentException(
                $"The block has {_pendingBulkCount} items; the destination holds {destination.Length}.", nameof(destination));
        }

        long offset = _pendingBulkOffset;
        nint address = _pendingLentAddress;
        _pendingBulkOffset = 0;
        _pendingLentAddress = 0;
        if (address != 0)
        {
            _bulk!.CopyLent(offset, address, MemoryMarshal.AsBytes(destination));
        }
        else
        {
            _bulk!.CopyOut(offset, MemoryMarshal.AsBytes(destination));
        }
    }

    /// <summary>Reads the rest of the message as raw bytes.</summary>
    public ReadOnlySpan<byte> ReadToEnd() => Take(Remaining);

    /// <summary>Throws <see cref="ProtocolException"/> unless every byte of the message was read.</summary>
    public readonly void EnsureEnd()
    {
        if (Remaining != 0)
        {
            throw new ProtocolException($"{Remaining} unexpected byte(s) after the end of the message.");
        }
    }

    /// <summary>Reads a count written as an <see cref="int"/>: -1 for null, else bounded by the remaining bytes.</summary>
    private int ReadLength(int elementSize)
    {
        int count = ReadInt32();
        if (count == -1)
        {
            return -1;
        }

        if (count < 0 || (long)count * elementSize > Remaining)
        {
            throw new ProtocolException(
                $"A length of {count} item(s) of {elementSize} byte(s) exceeds the {Remaining} byte(s) left in the message.");
        }

        return count;
    }

    /// <summary>Reads <paramref name="count"/> bytes written with <see cref="WireWriter.WriteRaw"/>.</summary>
    internal ReadOnlySpan<byte> ReadRaw(int count) => Take(count);

    /// <summary>Reads a value as the bytes it has in memory; for types whose wire form is exactly that.</summary>
    internal T ReadRawValue<T>() => Unsafe.ReadUnaligned<T>(ref MemoryMarshal.GetReference(Take(Unsafe.SizeOf<T>())));

    /// <summary>
    /// Reads records of <paramref name="marker"/> followed by a value as its bytes in memory (for types without
    /// references), as many as follow in a row and fit <paramref name="destination"/>; returns how many. A record cut
    /// short by the message's end is left unread, for the caller's checked path to report.
    /// </summary>
    /// <remarks>
    /// A map of a million small results reads them here: one bounds check for the whole run and the position in a local,
    /// where <see cref="TrySkip"/> and <see cref="ReadRawValue{T}"/> checked and stored it for every value.
    /// </remarks>
    internal int ReadRawRecords<T>(byte marker, Span<T> destination)
    {
        int stride = Unsafe.SizeOf<T>() + 1;
        int whole = Math.Min(destination.Length, (_data.Length - _position) / stride);
        ref byte data = ref MemoryMarshal.GetReference(_data);
        ref T target = ref MemoryMarshal.GetReference(destination);
        int position = _position;
        int read = 0;
        while (read < whole && Unsafe.Add(ref data, position) == marker)
        {
            Unsafe.Add(ref target, read) = Unsafe.ReadUnaligned<T>(ref Unsafe.Add(ref data, position + 1));
            position += stride;
            read++;
        }

        _position = position;
        return read;
    }

    /// <summary>Consumes the next byte if it is <paramref name="value"/>; false, consuming nothing, otherwise.</summary>
    internal bool TrySkip(byte value)
    {
        if (_position < _data.Length && _data[_position] == value)
        {
            _position++;
            return true;
        }

        return false;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > (uint)Remaining)
        {
            throw new ProtocolException($"The message ended early: {count} byte(s) needed, {Remaining} left.");
        }

        ReadOnlySpan<byte> span = _data.Slice(_position, count);
        _position += count;
        return span;
    }
}

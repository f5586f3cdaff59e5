using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Parallelize.Serialization;

/// <summary>
/// Appends little-endian binary values to a growable buffer. Generated serializers call it to write arguments and
/// results; the runtime reuses one instance per connection, so it is not thread-safe.
/// </summary>
public sealed partial class WireWriter
{
    /// <summary>Writes one value; generated code passes one to write a task's result when it completes.</summary>
    public delegate void ItemWriter<in T>(WireWriter writer, T value);

    private const int NullLength = -1;
    private byte[] _buffer;
    private int _position;

    /// <summary>Creates a writer with the given initial capacity in bytes.</summary>
    public WireWriter(int initialCapacity = 256)
    {
        _buffer = new byte[Math.Max(initialCapacity, 16)];
    }

    /// <summary>The number of bytes written since the last <see cref="Reset"/>.</summary>
    public int Length => _position;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _position);

    internal byte[] Buffer => _buffer;

    /// <summary>Forgets everything written, keeping the buffer for reuse.</summary>
    public void Reset()
    {
        _position = 0;
        ForgetGraph();
    }

    /// <summary>Writes a <see cref="bool"/> as one byte, 0 or 1.</summary>
    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    /// <summary>Writes a <see cref="byte"/>.</summary>
    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_position++] = value;
    }

    /// <summary>Writes an <see cref="sbyte"/>.</summary>
    public void WriteSByte(sbyte value) => WriteByte(unchecked((byte)value));

    /// <summary>Writes a <see cref="short"/>.</summary>
    public void WriteInt16(short value) => BinaryPrimitives.WriteInt16LittleEndian(Take(2), value);

    /// <summary>Writes a <see cref="ushort"/>.</summary>
    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Take(2), value);

    /// <summary>Writes a <see cref="char"/> as its UTF-16 code unit.</summary>
    public void WriteChar(char value) => WriteUInt16(value);

    /// <summary>Writes an <see cref="int"/>.</summary>
    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Take(4), value);

    /// <summary>Writes a <see cref="uint"/>.</summary>
    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Take(4), value);

    /// <summary>Writes a <see cref="long"/>.</summary>
    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Take(8), value);

    /// <summary>Writes a <see cref="ulong"/>.</summary>
    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Take(8), value);

    /// <summary>Writes an <see cref="nint"/> as 64 bits, whatever the process's pointer size.</summary>
    public void WriteIntPtr(nint value) => WriteInt64(value);

    /// <summary>Writes an <see cref="nuint"/> as 64 bits, whatever the process's pointer size.</summary>
    public void WriteUIntPtr(nuint value) => WriteUInt64(value);

    /// <summary>Writes a <see cref="float"/> bit for bit (NaN payloads included).</summary>
    public void WriteSingle(float value) => BinaryPrimitives.WriteSingleLittleEndian(Take(4), value);

    /// <summary>Writes a <see cref="double"/> bit for bit (NaN payloads included).</summary>
    public void WriteDouble(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Take(8), value);

    /// <summary>Writes a <see cref="decimal"/> as its four 32-bit parts.</summary>
    public void WriteDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        foreach (int part in bits)
        {
            WriteInt32(part);
        }
    }

    /// <summary>Writes a string (or null) as its UTF-8 byte count followed by the bytes; null is count -1.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt32(NullLength);
            return;
        }

        int maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        Ensure(4 + maxBytes);
        int written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_position + 4));
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_position), written);
        _position += 4 + written;
    }

    /// <summary>Writes an array of unmanaged values as one block: the count, then the raw bytes; or lends a large one.</summary>
    public void WriteUnmanagedArray<T>(T[]? values) where T : unmanaged
    {
        if (values is null)
        {
            WriteInt32(NullLength);
            return;
        }

        if (!TryLend<T>(values))
        {
            WriteUnmanagedSpan<T>(values);
        }
    }

    /// <summary>Writes unmanaged values as one block, as <see cref="WriteUnmanagedSpan{T}(ReadOnlySpan{T})"/> does; or
    /// lends large ones.</summary>
    public void WriteUnmanagedMemory<T>(ReadOnlyMemory<T> values) where T : unmanaged
    {
        if (!TryLend(values))
        {
            WriteUnmanagedSpan(values.Span);
        }
    }

    /// <summary>
    /// Writes a reference to <paramref name="values"/> instead of their bytes when the receiver can read them straight
    /// from this process (docs/dev/bulk-transfer.md): the marker, the count, the offset of the block that says when it
    /// is done, their address here. False when they are not lent.
    /// </summary>
    private bool TryLend<T>(ReadOnlyMemory<T> values) where T : unmanaged
    {
        if (Bulk is not { CanLend: true } bulk || !bulk.TryLend(values, out long offset, out nint address))
        {
            return false;
        }

        WriteInt32(Parallelize.Bulk.BulkBlock.LentMarker);
        WriteInt32(values.Length);
        WriteInt64(offset);
        WriteInt64(address);
        return true;
    }

    /// <summary>
    /// Writes unmanaged values as one block: the count, then the raw bytes. Every block copy (arrays, lists,
    /// memory) goes through here, so large blocks can take another route than the message buffer; arrays and memory,
    /// whose owner can be pinned, may be lent instead (<see cref="TryLend{T}"/>).
    /// </summary>
    public void WriteUnmanagedSpan<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(values);
        if (Bulk is { } bulk && bytes.Length >= bulk.ThresholdBytes && bulk.TryWrite(bytes, out long offset))
        {
            // In shared memory instead (docs/dev/bulk-transfer.md): a marker no count can be, the count, the offset.
            WriteInt32(Parallelize.Bulk.BulkBlock.SharedMarker);
            WriteInt32(values.Length);
            WriteInt64(offset);
            return;
        }

        WriteInt32(values.Length);
        bytes.CopyTo(Take(bytes.Length));
    }

    /// <summary>
    /// Where blocks of at least its threshold go instead of the message: the shared memory of the worker the message is
    /// for, set by the runtime on the buffers it writes messages in. Null: every block goes in the message.
    /// </summary>
    internal Parallelize.Bulk.BulkSender? Bulk { get; set; }

    /// <summary>Appends raw bytes with no length prefix.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Take(bytes.Length));

    /// <summary>Reserves <paramref name="count"/> bytes and returns them for the caller to fill.</summary>
    internal Span<byte> Take(int count)
    {
        Ensure(count);
        Span<byte> span = _buffer.AsSpan(_position, count);
        _position += count;
        return span;
    }

    /// <summary>Overwrites bytes already written, e.g. a length prefix reserved before the body was known.</summary>
    internal Span<byte> At(int offset, int count) => _buffer.AsSpan(offset, count);

    /// <summary>Drops everything written after <paramref name="length"/> bytes, such as a half-written result.</summary>
    internal void Truncate(int length)
    {
        _position = length <= _position
            ? length
            : throw new ArgumentOutOfRangeException(nameof(length), length, "Cannot truncate past the written length.");
        ForgetGraph();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int count)
    {
        if (_buffer.Length - _position < count)
        {
            Grow(count);
        }
    }

    private void Grow(int count)
    {
        long needed = (long)_position + count;
        if (needed > Array.MaxLength)
        {
            throw new InvalidOperationException($"A message cannot exceed {Array.MaxLength} bytes; {needed} were needed.");
        }

        long doubled = Math.Max(needed, (long)_buffer.Length * 2);
        Array.Resize(ref _buffer, (int)Math.Min(doubled, Array.MaxLength));
    }
}

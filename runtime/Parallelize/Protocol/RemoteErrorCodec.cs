using Parallelize.Serialization;

namespace Parallelize.Protocol;

/// <summary>
/// Encodes an exception and its inner chain as <c>u8 kind, i32 depth, depth × (type, message, stack)</c>, outermost
/// first, and decodes it into a <see cref="RemoteException"/> chain or, for kind protocol, a <see cref="ProtocolException"/>.
/// </summary>
internal static class RemoteErrorCodec
{
    private const byte UserError = 0;
    private const byte ProtocolError = 1;

    /// <summary>Bounds the chain so a pathological exception cannot produce an unbounded message.</summary>
    private const int MaxDepth = 32;

    public static void Write(WireWriter writer, Exception error)
    {
        writer.WriteByte(error is ProtocolException ? ProtocolError : UserError);
        var chain = new List<Exception>();
        for (Exception? current = error; current is not null && chain.Count < MaxDepth; current = current.InnerException)
        {
            chain.Add(current);
        }

        writer.WriteInt32(chain.Count);
        foreach (Exception link in chain)
        {
            writer.WriteString(link.GetType().FullName ?? link.GetType().Name);
            writer.WriteString(link.Message);
            writer.WriteString(link.StackTrace);
        }
    }

    public static Exception Read(ref WireReader reader, int pid)
    {
        (byte kind, (string Type, string Message, string? Stack)[] links) = ReadLinks(ref reader);
        return kind == ProtocolError
            ? new ProtocolException($"The child process {pid} rejected a message: {links[0].Message}")
            : Chain(links, pid);
    }

    /// <summary>
    /// Reads an error as the <see cref="RemoteException"/> chain it was in the child, whatever its kind: an exception
    /// a method logged is the method's, even a <see cref="ProtocolException"/>, and rejects no message.
    /// </summary>
    public static RemoteException ReadChain(ref WireReader reader, int pid) => Chain(ReadLinks(ref reader).Links, pid);

    private static (byte Kind, (string Type, string Message, string? Stack)[] Links) ReadLinks(ref WireReader reader)
    {
        byte kind = reader.ReadByte();
        if (kind is not (UserError or ProtocolError))
        {
            throw new ProtocolException($"An error of unknown kind {kind}.");
        }

        int depth = reader.ReadInt32();
        if (depth is < 1 or > MaxDepth)
        {
            throw new ProtocolException($"An error chain of depth {depth} is out of range.");
        }

        // The depth is bounded before the array is sized by it; each link's strings are checked against the bytes left.
        var links = new (string Type, string Message, string? Stack)[depth];
        for (int i = 0; i < depth; i++)
        {
            links[i] = (reader.ReadString() ?? "?", reader.ReadString() ?? string.Empty, reader.ReadString());
        }

        return (kind, links);
    }

    private static RemoteException Chain((string Type, string Message, string? Stack)[] links, int pid)
    {
        RemoteException? inner = null;
        for (int i = links.Length - 1; i >= 0; i--)
        {
            inner = new RemoteException(links[i].Type, links[i].Message, links[i].Stack, inner) { RemotePid = pid };
        }

        return inner!;
    }
}

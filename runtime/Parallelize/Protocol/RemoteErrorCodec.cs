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

        if (kind == ProtocolError)
        {
            return new ProtocolException($"The child process {pid} rejected a message: {links[0].Message}");
        }

        RemoteException? inner = null;
        for (int i = depth - 1; i >= 0; i--)
        {
            inner = new RemoteException(links[i].Type, links[i].Message, links[i].Stack, inner) { RemotePid = pid };
        }

        return inner!;
    }
}

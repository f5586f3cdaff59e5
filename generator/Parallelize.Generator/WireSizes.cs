using System.Collections.Generic;
using Parallelize.Generator.Model;

namespace Parallelize.Generator
{
    /// <summary>
    /// The fewest bytes a value of each carried type takes on the wire. Readers hold a collection's count to what the
    /// rest of the message can hold at that size per item, so a corrupt count cannot size a large allocation.
    /// </summary>
    internal sealed class WireSizes
    {
        private static readonly Dictionary<string, int> PrimitiveBytes = new Dictionary<string, int>
        {
            ["Boolean"] = 1, ["Byte"] = 1, ["SByte"] = 1, ["Int16"] = 2, ["UInt16"] = 2, ["Char"] = 2, ["Half"] = 2,
            ["Int32"] = 4, ["UInt32"] = 4, ["Single"] = 4, ["DateOnly"] = 4, ["Int64"] = 8, ["UInt64"] = 8,
            ["Double"] = 8, ["IntPtr"] = 8, ["UIntPtr"] = 8, ["DateTime"] = 8, ["TimeSpan"] = 8, ["TimeOnly"] = 8,
            ["DateTimeOffset"] = 10, ["Decimal"] = 16, ["Guid"] = 16, ["Int128"] = 16, ["UInt128"] = 16,
        };

        private readonly Dictionary<string, SerializerSpec> _serializers = new Dictionary<string, SerializerSpec>();
        private readonly Dictionary<string, int> _known = new Dictionary<string, int>();

        public WireSizes(IEnumerable<SerializerSpec> serializers)
        {
            foreach (SerializerSpec spec in serializers)
            {
                _serializers[spec.TypeName] = spec;
            }
        }

        /// <summary>The fewest bytes a value of <paramref name="type"/> takes; 1 when it cannot be told.</summary>
        public int Minimum(WireTypeSpec type)
        {
            switch (type.Kind)
            {
                case WireKind.Primitive:
                case WireKind.Enum:
                    return PrimitiveBytes.TryGetValue(type.Primitive, out int bytes) ? bytes : 1;
                case WireKind.String:
                case WireKind.UnmanagedArray:
                    return 4; // the count (-1 for null)
                case WireKind.Composite:
                    return Minimum(type.CanonicalName);
                case WireKind.Shared:
                    return 1; // a handle's null marker (SharedSegment.MinHandleBytes)
                default:
                    return 1;
            }
        }

        private int Minimum(string typeName)
        {
            if (_known.TryGetValue(typeName, out int known))
            {
                return known;
            }

            // A recursive type reaches itself only through a reference, which takes its null marker: 1 is safe.
            _known[typeName] = 1;
            int bytes = _serializers.TryGetValue(typeName, out SerializerSpec? spec) ? Compute(spec) : 1;
            _known[typeName] = bytes;
            return bytes;
        }

        private int Compute(SerializerSpec spec)
        {
            switch (spec.Shape)
            {
                case SerializerShape.ValueTuple:
                    int sum = 0;
                    foreach (WireTypeSpec item in spec.Items)
                    {
                        sum += Minimum(item);
                    }

                    return sum;
                case SerializerShape.Object when !spec.IsReferenceType:
                    int members = 0;
                    foreach (MemberSpec member in spec.Members)
                    {
                        members += Minimum(member.Type);
                    }

                    return members;
                case SerializerShape.Nullable:
                case SerializerShape.Object:
                case SerializerShape.Union:
                    return 1; // a presence byte or a tag
                default:
                    return 4; // collections and memory start with their count
            }
        }
    }
}

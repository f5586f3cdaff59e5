using System.Text.Json.Serialization;
using SerializerBench.Model;

namespace SerializerBench;

/// <summary>
/// System.Text.Json's source-generated serializer for the graph, with default options: the mode that writes through
/// generated fast-path code and reads through generated metadata, STJ's fastest reflection-free setup.
/// </summary>
[JsonSerializable(typeof(Order))]
internal sealed partial class OrderJsonContext : JsonSerializerContext;

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rung.Storage.Audit;

/// <summary>
/// One JSON text per value: object keys sorted ordinally at every level, no whitespace. Two equal records give
/// the same bytes, so their hashes can be compared and signed.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The canonical text of a JSON value (null gives <c>null</c>).</summary>
    public static string Serialize(JsonNode? node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, node);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The canonical UTF-8 bytes of a JSON value.</summary>
    public static byte[] ToBytes(JsonNode? node) => System.Text.Encoding.UTF8.GetBytes(Serialize(node));

    /// <summary>Re-writes a JSON text in canonical form.</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static string Normalize(string json) => Serialize(JsonNode.Parse(json));

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}

using System.Text.Json;

namespace Rung.Models.Remote;

/// <summary>Small reads shared by the metadata, error and inference-answer parsers.</summary>
internal static class OipJson
{
    /// <summary>A string property, or null when absent or null; throws <see cref="InvalidDataException"/> when it is another kind.</summary>
    public static string? String(JsonElement element, string name, string where)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new InvalidDataException($"\"{where}.{name}\" must be a string; found {value.ValueKind}");
    }

    /// <summary>The protocol's error shape <c>{"error": "..."}</c>, or null when the body is not that.</summary>
    public static string? ErrorMessage(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.String
                ? error.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rung.Registry;

/// <summary>The one JSON shape of every registry file and stored detail: snake_case, enums as names, indented.</summary>
public static class RegistryJson
{
    /// <summary>The serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Serialises <paramref name="value"/>.</summary>
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads <paramref name="json"/>; throws <see cref="InvalidDataException"/> naming <paramref name="what"/> when it is not valid.</summary>
    public static T Read<T>(string json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"{what} is empty (null).");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{what} is not valid: {ex.Message}", ex);
        }
    }
}

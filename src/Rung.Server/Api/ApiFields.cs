using System.Globalization;
using System.Text.Json;

namespace Rung.Server.Api;

/// <summary>Reads fields of a JSON body, recording each problem under the field's path.</summary>
internal static class ApiFields
{
    public const int MaxIdLength = 200;
    public const int MaxTextLength = 2000;

    /// <summary>Records every property not in <paramref name="allowed"/>: a typo must not be silently ignored.</summary>
    public static void OnlyKnown(JsonElement obj, string path, ApiValidation validation, params string[] allowed)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                validation.Add(Join(path, property.Name), $"is not a known field (known: {string.Join(", ", allowed)}).");
            }
        }
    }

    public static string? Text(JsonElement obj, string name, string path, ApiValidation validation, bool required, int maxLength = MaxIdLength)
    {
        var field = Join(path, name);
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                validation.Add(field, "is required.");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            validation.Add(field, $"must be a string, not {value.ValueKind}.");
            return null;
        }

        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            validation.Add(field, "must not be empty.");
            return null;
        }

        if (text.Length > maxLength)
        {
            validation.Add(field, $"must be at most {maxLength} characters; got {text.Length}.");
            return null;
        }

        return text;
    }

    /// <summary>An ISO 8601 time with an offset, within a day of the server's clock into the future.</summary>
    public static DateTimeOffset? Time(JsonElement obj, string name, string path, ApiValidation validation, bool required, DateTimeOffset now)
    {
        var text = Text(obj, name, path, validation, required, 64);
        if (text is null)
        {
            return null;
        }

        var field = Join(path, name);
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) || !HasOffset(text))
        {
            validation.Add(field, $"must be an ISO 8601 time with an offset, like 2026-03-02T07:00:00Z; got '{text}'.");
            return null;
        }

        if (at.Year < 2000 || at > now.AddDays(1))
        {
            validation.Add(field, $"is out of range ({text}): from the year 2000 up to one day ahead of the server's clock.");
            return null;
        }

        return at.ToUniversalTime();
    }

    public static JsonElement? Object(JsonElement obj, string name, string path, ApiValidation validation)
    {
        var field = Join(path, name);
        if (!obj.TryGetProperty(name, out var value))
        {
            validation.Add(field, "is required.");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            validation.Add(field, $"must be an object, not {value.ValueKind}.");
            return null;
        }

        return value;
    }

    public static JsonElement? Array(JsonElement obj, string name, string path, ApiValidation validation, int max)
    {
        var field = Join(path, name);
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            validation.Add(field, "is required and must be an array.");
            return null;
        }

        var count = value.GetArrayLength();
        if (count is 0 || count > max)
        {
            validation.Add(field, $"must hold 1 to {max} items; got {count}.");
            return null;
        }

        return value;
    }

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}

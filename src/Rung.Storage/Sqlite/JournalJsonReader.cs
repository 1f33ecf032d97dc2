using System.Globalization;
using System.Text.Json;
using Rung.Core.Cases;
using Rung.Core.Proposals;

namespace Rung.Storage.Sqlite;

/// <summary>Reads what <see cref="JournalJsonWriter"/> wrote. Reads are off the hot path, so a JsonDocument is fine.</summary>
internal static class JournalJsonReader
{
    public static IReadOnlyList<string> Strings(string json)
    {
        if (json == JournalJsonWriter.EmptyArray)
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetString() ?? string.Empty)];
    }

    public static IReadOnlyDictionary<string, double> Numbers(string json)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (json == JournalJsonWriter.EmptyObject)
        {
            return result;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            result[property.Name] = Number(property.Value);
        }

        return result;
    }

    public static IReadOnlyDictionary<string, string> Texts(string json)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json == JournalJsonWriter.EmptyObject)
        {
            return result;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            result[property.Name] = property.Value.GetString() ?? string.Empty;
        }

        return result;
    }

    public static IReadOnlyList<QualityFlag> Flags(string json)
    {
        if (json == JournalJsonWriter.EmptyArray)
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return
        [
            .. document.RootElement.EnumerateArray().Select(e => new QualityFlag(
                e.GetProperty(JournalJsonNames.Feature).GetString() ?? string.Empty,
                e.GetProperty(JournalJsonNames.Problem).GetString() ?? string.Empty,
                !e.TryGetProperty(JournalJsonNames.Blocking, out var blocking) || blocking.GetBoolean())),
        ];
    }

    public static IReadOnlyList<FeatureContribution> Contributions(string json)
    {
        if (json == JournalJsonWriter.EmptyArray)
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return
        [
            .. document.RootElement.EnumerateArray().Select(e => new FeatureContribution(
                e.GetProperty(JournalJsonNames.Feature).GetString() ?? string.Empty,
                Number(e.GetProperty(JournalJsonNames.Contribution)))),
        ];
    }

    private static double Number(JsonElement element) => element.ValueKind == JsonValueKind.String
        ? double.Parse(element.GetString()!, CultureInfo.InvariantCulture)
        : element.GetDouble();
}

using System.Text.Json;
using Rung.Governance.Identity;

namespace Rung.Governance.Conduits;

/// <summary>
/// Reads <c>conduits.json</c>: <c>{"zones": {"NAME": {"hosts": [...], "scopes": [...], "runs": [...]}}, "conduits":
/// [{"from": ..., "to": ..., "protocol": ..., "endpoint": ...}]}</c>. Every problem is reported with the file and the
/// JSON path of the field, and nothing is enforced from a file that has one.
/// </summary>
internal static class ConduitFile
{
    private static readonly string[] Protocols = ["mqtt", "mqtts", "http", "https"];

    public static PlantConduits Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad(source, "$", "must be an object with \"zones\" and \"conduits\"");
            }

            var zones = new List<ZoneDeclaration>();
            if (!root.TryGetProperty("zones", out var zonesElement) || zonesElement.ValueKind != JsonValueKind.Object)
            {
                throw Bad(source, "$.zones", "is required: an object of zone name to {\"hosts\", \"scopes\", \"runs\"}");
            }

            foreach (var zone in zonesElement.EnumerateObject())
            {
                var at = $"$.zones.{zone.Name}";
                if (string.IsNullOrWhiteSpace(zone.Name) || zone.Value.ValueKind != JsonValueKind.Object)
                {
                    throw Bad(source, at, "must be a named object");
                }

                var scopes = Strings(zone.Value, "scopes", at, source);
                foreach (var scope in scopes)
                {
                    try
                    {
                        _ = Zones.Validate(scope);
                    }
                    catch (ArgumentException ex)
                    {
                        throw Bad(source, at + ".scopes", ex.Message);
                    }
                }

                var runs = Strings(zone.Value, "runs", at, source);
                if (runs.FirstOrDefault(r => r != PlantConduits.Server && !(r.StartsWith("edge:", StringComparison.Ordinal) && r.Length > 5)) is { } badRun)
                {
                    throw Bad(source, at + ".runs", $"'{badRun}' is neither \"server\" nor \"edge:ID\" (or \"edge:*\")");
                }

                zones.Add(new ZoneDeclaration(zone.Name, Strings(zone.Value, "hosts", at, source), scopes, runs));
            }

            var conduits = new List<Conduit>();
            if (!root.TryGetProperty("conduits", out var conduitsElement) || conduitsElement.ValueKind != JsonValueKind.Array)
            {
                throw Bad(source, "$.conduits", "is required: an array of {\"from\", \"to\", \"protocol\", \"endpoint\"}");
            }

            var i = 0;
            foreach (var c in conduitsElement.EnumerateArray())
            {
                var at = $"$.conduits[{i++}]";
                if (c.ValueKind != JsonValueKind.Object)
                {
                    throw Bad(source, at, "must be an object");
                }

                var protocol = Text(c, "protocol", at, source, null);
                if (!Protocols.Contains(protocol, StringComparer.OrdinalIgnoreCase))
                {
                    throw Bad(source, at + ".protocol", $"'{protocol}' is not one of {string.Join(", ", Protocols)}");
                }

                conduits.Add(new Conduit(Text(c, "from", at, source, null), Text(c, "to", at, source, null), protocol, Text(c, "endpoint", at, source, "*")));
            }

            try
            {
                return new PlantConduits(zones, conduits);
            }
            catch (ArgumentException ex)
            {
                throw Bad(source, "$.conduits", ex.Message);
            }
        }
        catch (JsonException ex)
        {
            throw new ConduitFileException($"{source}: not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {ex.Message}", ex);
        }
    }

    private static List<string> Strings(JsonElement parent, string name, string at, string source)
    {
        if (!parent.TryGetProperty(name, out var array))
        {
            return [];
        }

        if (array.ValueKind != JsonValueKind.Array || array.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(e.GetString())))
        {
            throw Bad(source, $"{at}.{name}", "must be an array of non-empty strings");
        }

        return [.. array.EnumerateArray().Select(e => e.GetString()!.Trim())];
    }

    private static string Text(JsonElement parent, string name, string at, string source, string? fallback)
    {
        if (parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
        {
            return value.GetString()!.Trim();
        }

        return fallback ?? throw Bad(source, $"{at}.{name}", "is required text");
    }

    private static ConduitFileException Bad(string source, string at, string problem) => new($"{source}: {at} {problem}.");
}

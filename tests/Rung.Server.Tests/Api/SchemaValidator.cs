using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rung.Server.Tests.Api;

/// <summary>
/// Validates JSON against the subset of JSON Schema 2020-12 the API's OpenAPI document emits: type (a name or a list
/// with "null"), properties, required, additionalProperties (false or a schema), items, minItems, maxItems, enum,
/// anyOf, $ref to a component, maxLength and format date-time. A keyword outside the subset is itself an error, so
/// the document cannot grow a construct this validator would silently ignore.
/// </summary>
internal static class SchemaValidator
{
    public static readonly string[] Keywords =
        ["type", "properties", "required", "additionalProperties", "items", "minItems", "maxItems", "enum", "anyOf", "$ref", "maxLength", "format"];

    /// <summary>Every problem of <paramref name="value"/> against <paramref name="schema"/>, each naming its JSON path.</summary>
    public static List<string> Validate(JsonNode? value, JsonNode schema, JsonNode document, string path = "$")
    {
        var problems = new List<string>();
        Check(value, schema.AsObject(), document, path, problems);
        return problems;
    }

    private static void Check(JsonNode? value, JsonObject schema, JsonNode document, string path, List<string> problems)
    {
        foreach (var (keyword, _) in schema)
        {
            if (!Keywords.Contains(keyword))
            {
                problems.Add($"{path}: the schema uses '{keyword}', outside the validated subset");
            }
        }

        if (schema["$ref"] is JsonValue reference)
        {
            var target = Resolve((string)reference!, document);
            if (target is null)
            {
                problems.Add($"{path}: $ref {(string)reference!} does not resolve");
                return;
            }

            Check(value, target, document, path, problems);
            return;
        }

        if (schema["anyOf"] is JsonArray anyOf)
        {
            if (!anyOf.Any(branch => Validate(value, branch!, document, path).Count == 0))
            {
                problems.Add($"{path}: matches none of anyOf: {string.Join(" | ", anyOf.SelectMany(b => Validate(value, b!, document, path)))}");
            }

            return;
        }

        if (schema["type"] is { } type)
        {
            var allowed = type is JsonArray list ? list.Select(t => (string)t!).ToList() : [(string)type!];
            var kind = Kind(value);
            if (!allowed.Contains(kind) && !(kind == "integer" && allowed.Contains("number")))
            {
                problems.Add($"{path}: is {kind}, expected {string.Join(" or ", allowed)}");
                return;
            }
        }

        if (schema["enum"] is JsonArray values && !values.Any(v => JsonNode.DeepEquals(v, value)))
        {
            problems.Add($"{path}: {value?.ToJsonString() ?? "null"} is not one of {values.ToJsonString()}");
        }

        switch (value)
        {
            case JsonObject obj:
                CheckObject(obj, schema, document, path, problems);
                break;
            case JsonArray array:
                if (schema["minItems"] is { } min && array.Count < (int)min)
                {
                    problems.Add($"{path}: {array.Count} items, at least {(int)min} expected");
                }

                if (schema["maxItems"] is { } max && array.Count > (int)max)
                {
                    problems.Add($"{path}: {array.Count} items, at most {(int)max} expected");
                }

                if (schema["items"] is JsonObject items)
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        Check(array[i], items, document, $"{path}[{i}]", problems);
                    }
                }

                break;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String:
                var text = (string)scalar!;
                if (schema["maxLength"] is { } maxLength && text.Length > (int)maxLength)
                {
                    problems.Add($"{path}: {text.Length} characters, at most {(int)maxLength}");
                }

                if ((string?)schema["format"] == "date-time" && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
                {
                    problems.Add($"{path}: '{text}' is not a date-time");
                }

                break;
        }
    }

    private static void CheckObject(JsonObject obj, JsonObject schema, JsonNode document, string path, List<string> problems)
    {
        var properties = schema["properties"] as JsonObject ?? [];
        foreach (var name in schema["required"] as JsonArray ?? [])
        {
            if (!obj.ContainsKey((string)name!))
            {
                problems.Add($"{path}: required property '{(string)name!}' is missing");
            }
        }

        foreach (var (name, child) in obj)
        {
            if (properties[name] is JsonObject property)
            {
                Check(child, property, document, $"{path}.{name}", problems);
            }
            else if (schema["additionalProperties"] is JsonObject extra)
            {
                Check(child, extra, document, $"{path}.{name}", problems);
            }
            else if (schema["additionalProperties"] is JsonValue open && !(bool)open)
            {
                problems.Add($"{path}: property '{name}' is not in the schema");
            }
        }
    }

    private static JsonObject? Resolve(string reference, JsonNode document)
    {
        const string Prefix = "#/components/schemas/";
        return reference.StartsWith(Prefix, StringComparison.Ordinal) ? document["components"]?["schemas"]?[reference[Prefix.Length..]] as JsonObject : null;
    }

    private static string Kind(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => v.ToJsonString().IndexOfAny(['.', 'e', 'E']) < 0 ? "integer" : "number",
            _ => "null",
        },
        _ => "unknown",
    };
}

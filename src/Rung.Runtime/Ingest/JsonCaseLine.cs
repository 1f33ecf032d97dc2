using System.Text.Json;

namespace Rung.Runtime.Ingest;

/// <summary>Parses one JSON-lines case: <c>{"case_id", "occurred_at", "values": {...}, "human_action"}</c>.</summary>
internal static class JsonCaseLine
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 8 };

    public static CaseRow Parse(string path, long line, string text, HashSet<string> inputs)
    {
        try
        {
            var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
            using var document = JsonDocument.Parse(utf8, Options);
            if (FirstBadText(utf8) is { } at)
            {
                throw new CaseFileException(path, line, null, $"text at byte {at + 1} is not valid Unicode (a lone surrogate escape such as \\ud800)");
            }

            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CaseFileException(path, line, null, $"each line must be a JSON object; found {Describe(root.ValueKind)}");
            }

            var values = new Dictionary<string, double?>(inputs.Count, StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            string? caseId = null, occurred = null, human = null;
            foreach (var property in root.EnumerateObject())
            {
                // JsonDocument keeps the last of two equal names; a strict reader refuses the ambiguity.
                if (!seen.Add(property.Name))
                {
                    throw new CaseFileException(path, line, property.Name, "field appears twice");
                }

                switch (property.Name)
                {
                    case CaseFields.CaseId: caseId = StringOf(path, line, property); break;
                    case CaseFields.OccurredAt: occurred = StringOf(path, line, property); break;
                    case CaseFields.HumanAction: human = property.Value.ValueKind == JsonValueKind.Null ? null : StringOf(path, line, property); break;
                    case CaseFields.Values: ReadValues(path, line, property.Value, inputs, values); break;
                    default: throw new CaseFileException(path, line, property.Name, "unknown field; expected case_id, occurred_at, values, human_action");
                }
            }

            if (!seen.Contains(CaseFields.Values))
            {
                throw new CaseFileException(path, line, CaseFields.Values, "missing");
            }

            return CaseFields.Row(path, line, caseId, occurred, values, human);
        }
        catch (JsonException ex)
        {
            throw new CaseFileException(path, line, null, $"not valid JSON at byte {(ex.BytePositionInLine ?? 0) + 1}: {Reason(ex)}");
        }
    }

    // JsonDocument leaves string contents to the first GetString, which throws InvalidOperationException on a lone
    // surrogate escape; reading every string once here turns that into a refusal naming the line.
    private static long? FirstBadText(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = Options.MaxDepth });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
            {
                try
                {
                    _ = reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    return reader.TokenStartIndex;
                }
            }
        }

        return null;
    }

    private static void ReadValues(string path, long line, JsonElement element, HashSet<string> inputs, Dictionary<string, double?> values)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CaseFileException(path, line, CaseFields.Values, $"must be an object of input name to number; found {Describe(element.ValueKind)}");
        }

        foreach (var value in element.EnumerateObject())
        {
            var field = $"values.{value.Name}";
            if (!inputs.Contains(value.Name))
            {
                throw new CaseFileException(path, line, field, $"unknown input; declared inputs are {CaseFields.Declared(inputs)}");
            }

            if (values.ContainsKey(value.Name))
            {
                throw new CaseFileException(path, line, field, "input appears twice");
            }

            values[value.Name] = value.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Number => value.Value.GetDouble(),
                JsonValueKind.String => CaseFields.ParseNumber(path, line, field, value.Value.GetString()!),
                _ => throw new CaseFileException(path, line, field, $"must be a number or null; found {Describe(value.Value.ValueKind)}"),
            };
        }
    }

    private static string StringOf(string path, long line, JsonProperty property) =>
        property.Value.ValueKind == JsonValueKind.String
            ? property.Value.GetString()!
            : throw new CaseFileException(path, line, property.Name, $"must be a string; found {Describe(property.Value.ValueKind)}");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        _ => "null",
    };

    // System.Text.Json appends its own "Path: $ | LineNumber: 0 | ..." position, which contradicts the file's line.
    private static string Reason(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        cut = cut < 0 ? message.IndexOf(" LineNumber:", StringComparison.Ordinal) : cut;
        return (cut < 0 ? message : message[..cut]).TrimEnd();
    }
}

using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rung.Core.Cases;
using Rung.Core.Proposals;

namespace Rung.Models.JsonLines;

/// <summary>Writes requests and reads answers of the JSON-lines protocol (docs/model-adapters.md).</summary>
internal static partial class JsonLinesCodec
{
    private const int MaxQuotedChars = 200;

    /// <summary>
    /// One request line, '\n'-terminated. JSON has no NaN or Infinity, so a non-finite feature value is sent as null.
    /// </summary>
    public static ReadOnlyMemory<byte> WriteRequest(long id, FeatureVector features)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", id);
            writer.WriteStartObject("features");
            foreach (var (name, value) in features.Values)
            {
                if (double.IsFinite(value))
                {
                    writer.WriteNumber(name, value);
                }
                else
                {
                    writer.WriteNull(name);
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenMemory;
    }

    /// <summary>
    /// Reads one answer line. Throws <see cref="ModelCallException"/> for an answer that is in step with the request
    /// (right id) but unusable, and <see cref="OutOfStepAnswerException"/> when the line cannot be matched to the
    /// request, which means the stream can no longer be trusted.
    /// </summary>
    public static ModelOutput ReadAnswer(ReadOnlySpan<byte> line, long expectedId)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line.ToArray());
        }
        catch (JsonException ex)
        {
            throw new OutOfStepAnswerException(DescribeUnparseable(line, ex));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new OutOfStepAnswerException($"the answer is a JSON {root.ValueKind}, not an object: {Quote(line)}");
            }

            if (!root.TryGetProperty("id", out var idElement) || !idElement.TryGetInt64(out var id))
            {
                throw new OutOfStepAnswerException($"the answer has no integer \"id\": {Quote(line)}");
            }

            if (id != expectedId)
            {
                throw new OutOfStepAnswerException($"the answer has id {id} but request {expectedId} was sent");
            }

            if (root.TryGetProperty("error", out var error))
            {
                var text = error.ValueKind == JsonValueKind.String ? error.GetString() : error.GetRawText();
                throw new ModelCallException(ModelFailure.ModelError, $"The model answered request {expectedId} with an error: {text}");
            }

            return ReadOutput(root, expectedId);
        }
    }

    private static ModelOutput ReadOutput(JsonElement root, long id)
    {
        var actionName = RequireString(root, "action", id);
        var confidence = RequireNumber(root, "confidence", id);
        if (confidence is < 0 or > 1)
        {
            throw Invalid(id, $"\"confidence\" is {confidence}; it must be between 0 and 1");
        }

        string? target = null;
        if (root.TryGetProperty("target", out var targetElement) && targetElement.ValueKind != JsonValueKind.Null)
        {
            target = targetElement.ValueKind == JsonValueKind.String
                ? targetElement.GetString()
                : throw Invalid(id, $"\"target\" is a {Kind(targetElement)}; it must be a string or absent");
        }

        double? value = null;
        if (root.TryGetProperty("value", out var valueElement) && valueElement.ValueKind != JsonValueKind.Null)
        {
            value = FiniteNumber(valueElement, "value", id);
        }

        var ood = false;
        if (root.TryGetProperty("ood", out var oodElement) && oodElement.ValueKind != JsonValueKind.Null)
        {
            ood = oodElement.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Invalid(id, $"\"ood\" is a {Kind(oodElement)}; it must be true or false"),
            };
        }

        return new ModelOutput(new ProposedAction(actionName, target, value), confidence, ReadExplanation(root, id), ood);
    }

    private static FeatureContribution[] ReadExplanation(JsonElement root, long id)
    {
        if (!root.TryGetProperty("explanation", out var explanation) || explanation.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (explanation.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(id, $"\"explanation\" is a {Kind(explanation)}; it must be a list of {{\"feature\", \"contribution\"}} objects");
        }

        var result = new FeatureContribution[explanation.GetArrayLength()];
        var index = 0;
        foreach (var entry in explanation.EnumerateArray())
        {
            var path = $"explanation[{index}]";
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(id, $"\"{path}\" is a {Kind(entry)}; it must be an object");
            }

            var feature = RequireString(entry, "feature", id, path + ".");
            var contribution = RequireNumber(entry, "contribution", id, path + ".");
            result[index++] = new FeatureContribution(feature, contribution);
        }

        return result;
    }

    private static string RequireString(JsonElement owner, string name, long id, string prefix = "")
    {
        if (!owner.TryGetProperty(name, out var element))
        {
            throw Invalid(id, $"\"{prefix}{name}\" is missing");
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            throw Invalid(id, $"\"{prefix}{name}\" is a {Kind(element)}; it must be a string");
        }

        var text = element.GetString();
        return string.IsNullOrWhiteSpace(text) ? throw Invalid(id, $"\"{prefix}{name}\" is empty") : text;
    }

    private static double RequireNumber(JsonElement owner, string name, long id, string prefix = "") =>
        owner.TryGetProperty(name, out var element)
            ? FiniteNumber(element, prefix + name, id)
            : throw Invalid(id, $"\"{prefix}{name}\" is missing");

    private static double FiniteNumber(JsonElement element, string path, long id)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            var shown = element.ValueKind == JsonValueKind.String ? $"the string {element.GetRawText()}" : $"a {Kind(element)}";
            throw Invalid(id, $"\"{path}\" is {shown}; it must be a finite number");
        }

        // JSON numbers beyond double's range parse to infinity.
        return element.TryGetDouble(out var value) && double.IsFinite(value)
            ? value
            : throw Invalid(id, $"\"{path}\" is {element.GetRawText()}; it must be a finite number");
    }

    private static ModelCallException Invalid(long id, string problem) =>
        new(ModelFailure.InvalidAnswer, $"The model's answer to request {id} is invalid: {problem}.");

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "list",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private static string DescribeUnparseable(ReadOnlySpan<byte> line, JsonException ex)
    {
        var text = Encoding.UTF8.GetString(line);

        // Python's json.dumps writes NaN and Infinity, which are not JSON; name the field so the fix is obvious.
        var literal = NonFiniteLiteral().Match(text);
        if (literal.Success)
        {
            return $"\"{literal.Groups["field"].Value}\" is {literal.Groups["value"].Value}, which is not valid JSON; it must be a finite number";
        }

        return $"the answer is not valid JSON ({ex.Message}): {Quote(line)}";
    }

    private static string Quote(ReadOnlySpan<byte> line)
    {
        var text = Encoding.UTF8.GetString(line.Length > MaxQuotedChars * 4 ? line[..(MaxQuotedChars * 4)] : line);
        return text.Length > MaxQuotedChars ? $"'{text[..MaxQuotedChars]}...' ({line.Length} bytes)" : $"'{text}'";
    }

    [GeneratedRegex("\"(?<field>[^\"]{1,100})\"\\s*:\\s*(?<value>-?Infinity|NaN)\\b")]
    private static partial Regex NonFiniteLiteral();
}

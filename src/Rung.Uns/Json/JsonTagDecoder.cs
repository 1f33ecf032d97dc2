using System.Globalization;
using System.Text.Json;

namespace Rung.Uns.Json;

/// <summary>
/// Decodes plain JSON tag payloads: an object with value, timestamp and quality fields, or a bare number,
/// boolean or string. Every failure is a <see cref="UnsPayloadException"/> naming the topic and the reason.
/// </summary>
public static class JsonTagDecoder
{
    /// <summary>Decodes <paramref name="message"/> as one value of the tag named by its topic.</summary>
    /// <exception cref="UnsPayloadException">The payload is empty, not JSON, or a field has the wrong type.</exception>
    public static TagValue Decode(UnsMessage message, JsonPayloadFormat format)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(format);
        using var document = Parse(message);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            var (number, text) = ReadValue(message.Topic, root, "payload");
            return new TagValue(message.Topic, number, text, message.ReceivedAt);
        }

        if (!root.TryGetProperty(format.ValueField, out var value))
        {
            throw new UnsPayloadException(message.Topic, $"the JSON object has no '{format.ValueField}' field");
        }

        var (n, t) = ReadValue(message.Topic, value, $"field '{format.ValueField}'");
        var at = root.TryGetProperty(format.TimestampField, out var ts)
            ? ReadTimestamp(message.Topic, ts, format.TimestampField)
            : message.ReceivedAt;
        var quality = root.TryGetProperty(format.QualityField, out var q)
            ? ReadQuality(message.Topic, q, format.QualityField)
            : TagQuality.Good;
        return new TagValue(message.Topic, n, t, at, quality);
    }

    /// <summary>The deepest nesting of objects and arrays accepted in a payload.</summary>
    public const int MaxDepth = 32;

    /// <summary>
    /// Parses the payload as JSON; the caller disposes the document. Every string and property name in the result
    /// can be read: text that is not UTF-8, or a lone surrogate escape such as <c>"\ud800"</c>, is refused here rather
    /// than failing later when a field is read.
    /// </summary>
    /// <exception cref="UnsPayloadException">The payload is empty, not JSON, nested too deep, or has text that is not Unicode.</exception>
    public static JsonDocument Parse(UnsMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Payload.IsEmpty)
        {
            throw new UnsPayloadException(message.Topic, "the payload is empty");
        }

        try
        {
            var document = JsonDocument.Parse(message.Payload, new JsonDocumentOptions { MaxDepth = MaxDepth });
            if (FirstBadText(message.Payload.Span) is { } at)
            {
                document.Dispose();
                throw new UnsPayloadException(message.Topic, $"the payload has text that is not valid Unicode (bad UTF-8 or a lone surrogate escape) at byte {at}");
            }

            return document;
        }
        catch (JsonException e)
        {
            throw new UnsPayloadException(message.Topic, $"the payload is not JSON: {e.Message}", e);
        }
    }

    // JsonDocument checks structure but leaves string contents to the first GetString, which then throws
    // InvalidOperationException; reading every string once here turns that into a refusal.
    private static long? FirstBadText(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
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

    /// <summary>Reads a timestamp: epoch milliseconds or ISO 8601 text with an offset.</summary>
    /// <exception cref="UnsPayloadException">It is neither, or out of range.</exception>
    public static DateTimeOffset ReadTimestamp(string topic, JsonElement element, string field)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var ms)
            && ms is >= 0 and <= 253_402_300_799_999)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }

        if (element.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed.ToUniversalTime();
        }

        throw new UnsPayloadException(topic, $"field '{field}' is not a timestamp (epoch milliseconds or ISO 8601), found {Describe(element)}");
    }

    private static (double? Number, string? Text) ReadValue(string topic, JsonElement element, string what) =>
        element.ValueKind switch
        {
            JsonValueKind.Number when element.TryGetDouble(out var d) && double.IsFinite(d) => (d, null),
            JsonValueKind.True => (1, null),
            JsonValueKind.False => (0, null),
            JsonValueKind.String => (null, element.GetString()),
            JsonValueKind.Null => (null, null),
            _ => throw new UnsPayloadException(topic, $"{what} must be a number, boolean, string or null, found {Describe(element)}"),
        };

    private static TagQuality ReadQuality(string topic, JsonElement element, string field)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                return TagQuality.Good;
            case JsonValueKind.False:
                return TagQuality.Bad;
            case JsonValueKind.Number when element.TryGetInt32(out var code):
                // OPC DA codes: 192 and up good; Sparkplug's 500 means stale.
                return code == 500 ? TagQuality.Stale : code is >= 192 and <= 255 ? TagQuality.Good : TagQuality.Bad;
            case JsonValueKind.String:
                var text = element.GetString()!.Trim();
                return text.Equals("good", StringComparison.OrdinalIgnoreCase) ? TagQuality.Good
                    : text.Equals("stale", StringComparison.OrdinalIgnoreCase) ? TagQuality.Stale
                    : TagQuality.Bad;
            default:
                throw new UnsPayloadException(topic, $"field '{field}' must be true/false, a quality name or a code, found {Describe(element)}");
        }
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the text \"{Shorten(element.GetString()!)}\"",
        _ => element.GetRawText(),
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}

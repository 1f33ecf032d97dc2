using System.Globalization;
using System.Text;
using System.Text.Json;
using Rung.Mqtt;
using Rung.Uns;
using Rung.Uns.Sparkplug;

namespace Rung.Runtime.Plant;

/// <summary>
/// Collects what the namespace publishes: per topic the count, whether it was retained, the payload kind, the last
/// value and its JSON <c>unit</c> field; Sparkplug metrics by metric path (after their births). Read-only: it never
/// publishes, not even a Sparkplug rebirth request. Not thread-safe: feed it from one loop.
/// </summary>
public sealed class TagBrowser
{
    private const int PreviewLength = 60;
    private readonly Dictionary<string, SeenTopic> _topics = new(StringComparer.Ordinal);
    private readonly SparkplugHost _sparkplug;

    /// <summary>Creates an empty browser.</summary>
    public TagBrowser(TimeProvider time) => _sparkplug = new SparkplugHost(new Silent(), time);

    /// <summary>Everything seen so far, by topic.</summary>
    public IReadOnlyList<SeenTopic> Topics => [.. _topics.Values.OrderBy(t => t.Topic, StringComparer.Ordinal)];

    /// <summary>The topic or metric path, when seen.</summary>
    public SeenTopic? Find(string topic) => _topics.GetValueOrDefault(topic);

    /// <summary>Records one message.</summary>
    public async ValueTask ObserveAsync(MqttMessage message, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (SparkplugTopic.IsSparkplug(message.Topic))
        {
            Add(message.Topic, message.Retain, PayloadKind.Sparkplug, $"{message.Payload.Length} bytes", null);
            var update = await _sparkplug.HandleAsync(new UnsMessage(message.Topic, message.Payload, receivedAt), cancellationToken).ConfigureAwait(false);
            foreach (var value in update.Values)
            {
                Add(value.Tag, message.Retain, PayloadKind.Sparkplug, Shorten(value.AsText() ?? "null"), null);
            }

            return;
        }

        var (kind, text, unit) = Describe(message.Payload);
        Add(message.Topic, message.Retain, kind, text, unit);
    }

    private void Add(string topic, bool retained, PayloadKind kind, string value, string? unit)
    {
        var count = _topics.TryGetValue(topic, out var seen) ? seen.Count : 0;
        _topics[topic] = new SeenTopic(topic, count + 1, retained || seen?.Retained == true, kind, value, unit);
    }

    private static (PayloadKind Kind, string Text, string? Unit) Describe(ReadOnlyMemory<byte> payload)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(payload.Span);
        }
        catch (DecoderFallbackException)
        {
            return (PayloadKind.Binary, $"{payload.Length} bytes", null);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || text.Trim() is "true" or "false")
        {
            return (PayloadKind.Number, text.Trim(), null);
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                var unit = root.TryGetProperty("unit", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
                var value = root.TryGetProperty("value", out var v) ? v.GetRawText() : root.GetRawText();
                return (PayloadKind.Json, Shorten(value), unit);
            }

            if (root.ValueKind == JsonValueKind.Array)
            {
                return (PayloadKind.Json, Shorten(root.GetRawText()), null);
            }
        }
        catch (JsonException)
        {
            // Plain text: shown as it is.
        }

        return (PayloadKind.Text, Shorten(text), null);
    }

    private static string Shorten(string text) => text.Length <= PreviewLength ? text : string.Concat(text.AsSpan(0, PreviewLength - 3), "...");

    // Browsing must not disturb the plant: a rebirth request would make every edge node republish its births.
    private sealed class Silent : IUnsPublisher
    {
        public ValueTask PublishAsync(string topic, ReadOnlyMemory<byte> payload, int qos, bool retain, CancellationToken ct) => ValueTask.CompletedTask;
    }
}

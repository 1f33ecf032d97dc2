using System.Text.Json;
using Rung.Mqtt;
using Rung.Storage;
using Rung.Storage.Edge;

namespace Rung.Edge.Hosting;

/// <summary>
/// The local stop on the line's broker: a message on <see cref="DefaultTopic"/> (QoS 1) such as
/// <c>{"scope": "acme/dortmund/machining/line3", "stopped": true, "actor": "line3.lead", "reason": "tool change"}</c>
/// is appended to the edge's journal with origin <c>broker</c>, so it works with the server unreachable and is
/// obeyed at the next stop poll. A restart (<c>"stopped": false</c>) needs a reason like any other.
/// </summary>
public static class EdgeStopTopic
{
    /// <summary>The topic edges listen on unless told otherwise.</summary>
    public const string DefaultTopic = "rung/edge/stop";

    /// <summary>Reads one message into a stop event; throws <see cref="FormatException"/> naming the field.</summary>
    public static StopEvent Parse(ReadOnlySpan<byte> payload, DateTimeOffset at)
    {
        try
        {
            using var doc = JsonDocument.Parse(payload.ToArray());
            var root = doc.RootElement;
            string Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())
                ? v.GetString()!
                : throw new FormatException($"stop message: '{name}' is required text");
            var stopped = !root.TryGetProperty("stopped", out var s) || s.ValueKind != JsonValueKind.False;
            var actor = root.TryGetProperty("actor", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : "broker";
            return new StopEvent(0, Text("scope"), stopped, at, actor, Text("reason"), "broker");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"stop message: not JSON ({ex.Message})", ex);
        }
    }

    /// <summary>Reads <paramref name="client"/>'s messages (it must be subscribed to the stop topic only) into <paramref name="journal"/> until cancelled.</summary>
    public static async Task RunAsync(MqttClient client, IEdgeStore journal, TimeProvider time, Action<string>? problem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(time);
        await foreach (var message in client.Messages.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await journal.AppendStopAsync(Parse(message.Payload.Span, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            }
            catch (FormatException ex)
            {
                problem?.Invoke($"{message.Topic}: {ex.Message}");
            }
        }
    }
}

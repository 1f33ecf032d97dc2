using System.Text.Json;
using Rung.Uns.Json;

namespace Rung.Uns.Sparkplug;

/// <summary>Reads STATE payloads, <c>{"online": bool, "timestamp": ms}</c>.</summary>
internal static class SparkplugStateReader
{
    public static SparkplugUpdate Read(UnsMessage message, string hostId)
    {
        try
        {
            using var document = JsonTagDecoder.Parse(message);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("online", out var online)
                || online.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new UnsPayloadException(message.Topic, "a STATE payload is a JSON object with a boolean 'online' and a 'timestamp'");
            }

            var at = root.TryGetProperty("timestamp", out var ts)
                ? JsonTagDecoder.ReadTimestamp(message.Topic, ts, "timestamp")
                : throw new UnsPayloadException(message.Topic, "the STATE payload has no 'timestamp'");
            return new SparkplugUpdate([], HostState: new SparkplugHostState(hostId, online.GetBoolean(), at));
        }
        catch (UnsPayloadException e)
        {
            return new SparkplugUpdate([], Problem: e.Message);
        }
    }
}

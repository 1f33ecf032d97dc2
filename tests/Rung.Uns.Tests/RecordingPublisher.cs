using Rung.Uns;

namespace Rung.Uns.Tests;

internal sealed class RecordingPublisher : IUnsPublisher
{
    public List<(string Topic, byte[] Payload, int Qos, bool Retain)> Sent { get; } = [];

    public ValueTask PublishAsync(string topic, ReadOnlyMemory<byte> payload, int qos, bool retain, CancellationToken ct)
    {
        Sent.Add((topic, payload.ToArray(), qos, retain));
        return ValueTask.CompletedTask;
    }
}

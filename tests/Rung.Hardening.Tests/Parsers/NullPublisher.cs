using Rung.Uns;

namespace Rung.Hardening.Tests.Parsers;

/// <summary>Takes rebirth requests and forgets them; the fuzz tests only look at what the host returns.</summary>
internal sealed class NullPublisher : IUnsPublisher
{
    public int Sent { get; private set; }

    public ValueTask PublishAsync(string topic, ReadOnlyMemory<byte> payload, int qos, bool retain, CancellationToken ct)
    {
        Sent++;
        return ValueTask.CompletedTask;
    }
}

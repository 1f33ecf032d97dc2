namespace Rung.Bench;

/// <summary>One configuration of the decision path.</summary>
internal sealed record Scenario(JournalKind Journal, ConnectorKind Connector, int BatchSize)
{
    public string JournalName => Journal == JournalKind.Durable ? "durable" : "nowhere";

    public string ConnectorName => Connector == ConnectorKind.JsonLines ? "jsonl" : "discard";

    public override string ToString() => $"{JournalName,-7} {ConnectorName,-7} batch {BatchSize,5}";
}

namespace Rung.Bench;

/// <summary>Where decisions are journalled.</summary>
internal enum JournalKind
{
    /// <summary>The shipped SQLite store: WAL, synchronous=FULL, a fresh file per round.</summary>
    Durable,

    /// <summary>A store that keeps nothing: the baseline.</summary>
    Nowhere,
}

/// <summary>Where committed actions go.</summary>
internal enum ConnectorKind
{
    /// <summary>The shipped JSON-lines file connector, synced to disk per delivery.</summary>
    JsonLines,

    /// <summary>A connector that discards: no connector cost.</summary>
    Discard,
}

/// <summary>One configuration of the decision path.</summary>
internal sealed record Scenario(JournalKind Journal, ConnectorKind Connector, int BatchSize)
{
    public string JournalName => Journal == JournalKind.Durable ? "durable" : "nowhere";

    public string ConnectorName => Connector == ConnectorKind.JsonLines ? "jsonl" : "discard";

    public override string ToString() => $"{JournalName,-7} {ConnectorName,-7} batch {BatchSize,5}";
}

namespace Rung.Bench;

/// <summary>Where committed actions go.</summary>
internal enum ConnectorKind
{
    /// <summary>The shipped JSON-lines file connector, synced to disk per delivery.</summary>
    JsonLines,

    /// <summary>A connector that discards: no connector cost.</summary>
    Discard,
}

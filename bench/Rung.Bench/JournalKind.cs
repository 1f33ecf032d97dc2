namespace Rung.Bench;

/// <summary>Where decisions are journalled.</summary>
internal enum JournalKind
{
    /// <summary>The shipped SQLite store: WAL, synchronous=FULL, a fresh file per round.</summary>
    Durable,

    /// <summary>A store that keeps nothing: the baseline.</summary>
    Nowhere,
}

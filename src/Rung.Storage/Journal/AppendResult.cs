namespace Rung.Storage.Journal;

/// <summary>What became of one append.</summary>
public enum AppendResult
{
    /// <summary>Stored now, durably.</summary>
    Stored,

    /// <summary>A record with the same case id was already stored; nothing changed.</summary>
    Duplicate,
}

namespace Rung.Governance.Audit;

/// <summary>What is wrong with the audit trail at a point.</summary>
public enum AuditProblemKind
{
    /// <summary>An entry's content no longer matches its hash.</summary>
    Changed,

    /// <summary>An entry that the chain never contained was added.</summary>
    Inserted,

    /// <summary>An entry sits at another position than the one it was written at.</summary>
    Reordered,

    /// <summary>Entries were deleted from the middle or the end of the chain.</summary>
    Missing,

    /// <summary>An entry does not link to the one before it.</summary>
    BrokenLink,

    /// <summary>A checkpoint is unsigned, badly signed, unreadable, or disagrees with its copy.</summary>
    Checkpoint,
}

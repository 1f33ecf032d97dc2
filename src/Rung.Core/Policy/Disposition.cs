namespace Rung.Core.Policy;

/// <summary>What became of a proposal.</summary>
public enum Disposition
{
    /// <summary>Recorded only (Shadow, Paused): nothing drafted, nothing committed.</summary>
    Logged = 0,

    /// <summary>Drafted and waiting for a person to approve or reject it.</summary>
    PendingApproval = 1,

    /// <summary>Committed to the target system.</summary>
    Committed = 2,

    /// <summary>Routed to the exception queue with a reason.</summary>
    Excepted = 3,

    /// <summary>Refused by a guard; never committed at any stage.</summary>
    Blocked = 4,
}

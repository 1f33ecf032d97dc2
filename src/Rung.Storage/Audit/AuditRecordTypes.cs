namespace Rung.Storage.Audit;

/// <summary>The record types the audit trail names. Other pieces may add their own; these are the ones written here.</summary>
public static class AuditRecordTypes
{
    /// <summary>An agent (created with its initial stage).</summary>
    public const string Agent = "agent";

    /// <summary>An agent's stage: promotions, demotions, pauses.</summary>
    public const string Stage = "stage";

    /// <summary>An approver's verdict on a drafted action.</summary>
    public const string Approval = "approval";

    /// <summary>A user account, its roles and zones.</summary>
    public const string User = "user";

    /// <summary>A machine identity (API token).</summary>
    public const string Token = "token";

    /// <summary>An electronic signature.</summary>
    public const string Signature = "signature";

    /// <summary>The audit trail itself: archiving, verification, exports.</summary>
    public const string Audit = "audit";
}

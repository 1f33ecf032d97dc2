namespace Rung.Governance.Identity;

/// <summary>What a person (or a machine token) is trusted to do; see <see cref="Permissions"/> for the matrix.</summary>
public enum Role
{
    /// <summary>Works the line: approves drafts, clears exceptions, labels, acknowledges alarms, can stop an agent.</summary>
    Operator,

    /// <summary>Approves or rejects drafted actions.</summary>
    Approver,

    /// <summary>Operations owner of an agent: promotes and demotes it, edits its use case.</summary>
    Owner,

    /// <summary>Quality / regulatory: signs promotions and model releases, reviews the audit trail.</summary>
    Quality,

    /// <summary>Registers and rolls back model versions.</summary>
    MlEngineer,

    /// <summary>Automation / OT engineer: guards, data contracts, edge runtime.</summary>
    OtEngineer,

    /// <summary>Manages users and tokens, archives the audit trail. Approves and signs nothing.</summary>
    Admin,

    /// <summary>Reads, verifies and exports the audit trail and signatures.</summary>
    Auditor,
}

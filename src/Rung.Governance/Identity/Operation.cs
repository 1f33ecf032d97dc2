namespace Rung.Governance.Identity;

/// <summary>Every operation Rung authorizes. A new entry point names one of these and asks <see cref="Permissions"/>.</summary>
public enum Operation
{
    /// <summary>See dashboards, agents, cases and alarms.</summary>
    ViewDashboard,

    /// <summary>Approve a drafted action.</summary>
    ApproveCase,

    /// <summary>Reject a drafted action.</summary>
    RejectCase,

    /// <summary>Resolve an item of the exception queue.</summary>
    ResolveException,

    /// <summary>Give a case its label (the correct action).</summary>
    LabelCase,

    /// <summary>Acknowledge or resolve an alarm.</summary>
    AcknowledgeAlarm,

    /// <summary>Promote an agent one rung (with a signature).</summary>
    PromoteStage,

    /// <summary>Demote an agent by hand.</summary>
    DemoteStage,

    /// <summary>Pause or resume an agent.</summary>
    PauseAgent,

    /// <summary>Stop an agent: it stops acting and the line runs without it.</summary>
    StopAgent,

    /// <summary>Change a use case, its SLO or its agent configuration.</summary>
    EditUseCase,

    /// <summary>Change a safety guard.</summary>
    EditGuard,

    /// <summary>Change a data contract (tag mapping, units, quality rules).</summary>
    EditDataContract,

    /// <summary>Register a model version.</summary>
    RegisterModel,

    /// <summary>Release a model version for use (with a signature).</summary>
    ReleaseModel,

    /// <summary>Roll back to an earlier model version.</summary>
    RollbackModel,

    /// <summary>Add, deactivate, change roles of and reset users.</summary>
    ManageUsers,

    /// <summary>Create and revoke machine tokens.</summary>
    ManageTokens,

    /// <summary>Read the audit trail and signatures.</summary>
    ViewAudit,

    /// <summary>Export the audit trail and signatures.</summary>
    ExportAudit,

    /// <summary>Verify the audit chain and its checkpoints.</summary>
    VerifyAudit,

    /// <summary>Record a review of the audit trail.</summary>
    ReviewAudit,

    /// <summary>Archive audit entries older than the retention period.</summary>
    ArchiveAudit,

    /// <summary>
    /// Send an agent the plant's data for a case to decide (an MES, a line gateway, a person at the line). Kept
    /// apart from <see cref="LabelCase"/>: the automation engineer's line gateway feeds live data but does not
    /// grade the agent, and the ML engineer labels but does not inject cases into a live line.
    /// </summary>
    SubmitCase,
}

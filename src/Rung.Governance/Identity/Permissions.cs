using System.Collections.Frozen;

namespace Rung.Governance.Identity;

/// <summary>
/// The role x operation matrix: the only place that says who may do what. Everything not listed is denied.
/// Admin manages accounts but approves and signs nothing, so account management and regulated decisions stay
/// with different people.
/// </summary>
public static class Permissions
{
    private static readonly FrozenDictionary<Role, FrozenSet<Operation>> Matrix = new Dictionary<Role, FrozenSet<Operation>>
    {
        [Role.Operator] = Set(
            Operation.ViewDashboard, Operation.ApproveCase, Operation.RejectCase, Operation.ResolveException, Operation.LabelCase,
            Operation.AcknowledgeAlarm, Operation.PauseAgent, Operation.StopAgent, Operation.SubmitCase),
        [Role.Approver] = Set(
            Operation.ViewDashboard, Operation.ApproveCase, Operation.RejectCase, Operation.ResolveException, Operation.LabelCase,
            Operation.AcknowledgeAlarm, Operation.PauseAgent, Operation.StopAgent),
        [Role.Owner] = Set(
            Operation.ViewDashboard, Operation.ApproveCase, Operation.RejectCase, Operation.ResolveException, Operation.LabelCase,
            Operation.AcknowledgeAlarm, Operation.PromoteStage, Operation.DemoteStage, Operation.PauseAgent, Operation.StopAgent,
            Operation.EditUseCase, Operation.ViewAudit, Operation.SubmitCase),
        [Role.Quality] = Set(
            Operation.ViewDashboard, Operation.PromoteStage, Operation.DemoteStage, Operation.PauseAgent, Operation.StopAgent,
            Operation.ReleaseModel, Operation.ViewAudit, Operation.ExportAudit, Operation.VerifyAudit, Operation.ReviewAudit),
        [Role.MlEngineer] = Set(
            Operation.ViewDashboard, Operation.LabelCase, Operation.RegisterModel, Operation.RollbackModel, Operation.ViewAudit),
        [Role.OtEngineer] = Set(
            Operation.ViewDashboard, Operation.AcknowledgeAlarm, Operation.PauseAgent, Operation.StopAgent, Operation.EditGuard,
            Operation.EditDataContract, Operation.RollbackModel, Operation.ViewAudit, Operation.SubmitCase),
        [Role.Admin] = Set(
            Operation.ViewDashboard, Operation.ManageUsers, Operation.ManageTokens, Operation.ViewAudit, Operation.VerifyAudit,
            Operation.ArchiveAudit),
        [Role.Auditor] = Set(
            Operation.ViewDashboard, Operation.ViewAudit, Operation.ExportAudit, Operation.VerifyAudit),
    }.ToFrozenDictionary();

    /// <summary>True when <paramref name="role"/> may perform <paramref name="operation"/>.</summary>
    public static bool Allows(Role role, Operation operation) => Matrix.TryGetValue(role, out var allowed) && allowed.Contains(operation);

    /// <summary>True when any of <paramref name="roles"/> may perform <paramref name="operation"/>.</summary>
    public static bool AllowsAny(IEnumerable<Role> roles, Operation operation)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return roles.Any(r => Allows(r, operation));
    }

    /// <summary>The matrix as a Markdown table (roles as columns), for the documentation and for validation evidence.</summary>
    public static string ToMarkdown()
    {
        var roles = Enum.GetValues<Role>();
        var text = new System.Text.StringBuilder();
        text.Append("| operation | ").AppendJoin(" | ", roles).AppendLine(" |");
        text.Append("| --- |").Append(string.Concat(Enumerable.Repeat(" --- |", roles.Length))).AppendLine();
        foreach (var operation in Enum.GetValues<Operation>())
        {
            text.Append("| ").Append(operation).Append(" | ")
                .AppendJoin(" | ", roles.Select(r => Allows(r, operation) ? "yes" : "-"))
                .AppendLine(" |");
        }

        return text.ToString();
    }

    private static FrozenSet<Operation> Set(params Operation[] operations) => operations.ToFrozenSet();
}

using System.Globalization;
using Rung.Core.Alarms;
using Rung.Core.Ladder;
using Rung.Storage;
using Rung.Storage.Identity;
using Rung.Storage.Journal;

namespace Rung.Governance.Identity;

/// <summary>
/// Raises security alarms through the ordinary alarm store, so they page and show like every other alarm.
/// Alarms belong to an agent; security alarms belong to the paused system agent <see cref="AgentId"/>, created on
/// first use, because a lockout is about a person, not about one line's model.
/// </summary>
public sealed class StoreSecurityAlarms(IRungStore store, string owner) : ISecurityAlarms
{
    /// <summary>The system agent security alarms are raised on.</summary>
    public const string AgentId = "rung.security";

    /// <summary>The alarm rule of a lockout.</summary>
    public const string LockoutRule = "security.lockout";

    /// <inheritdoc />
    public async Task RaiseLockoutAsync(UserRecord user, int failures, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await store.EnsureAgentAsync(
            new AgentRecord(AgentId, "security", "*", Stage.Paused, at, "{}"),
            new StageChange(AgentId, Stage.Paused, Stage.Paused, StageChangeKind.Initial, at, "system", "holds security alarms", new Dictionary<string, string>()),
            cancellationToken).ConfigureAwait(false);

        var alarm = new Alarm(
            Id: "sec-" + Guid.NewGuid().ToString("N")[..12],
            AgentId: AgentId,
            Rule: LockoutRule,
            Key: $"{LockoutRule}:{user.UserId}",
            Severity: AlarmSeverity.Critical,
            Title: $"Account '{user.UserId}' locked after {failures} wrong passwords",
            Evidence: new Dictionary<string, string>
            {
                ["user"] = user.UserId,
                ["failures"] = failures.ToString(CultureInfo.InvariantCulture),
                ["at"] = at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            },
            Runbook: "Confirm with the person whether they mistyped; if not, treat it as an attempted break-in. Unlock with `rung user reset-password`.",
            Owner: owner,
            RaisedAt: at);
        try
        {
            await store.SaveAlarmsAsync([alarm], cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The same account already has an active lockout alarm: one alarm per condition, never a flood.
        }
    }
}

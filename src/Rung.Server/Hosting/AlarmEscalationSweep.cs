using System.Text.Json.Nodes;
using Rung.Core.Alarms;
using Rung.Core.UseCases;
using Rung.Runtime.Notifications;
using Rung.Storage;
using Rung.Storage.Audit;
using Rung.UseCases;

namespace Rung.Server.Hosting;

/// <summary>
/// Pages the backup for every open alarm nobody acknowledged in time, whether or not a case arrives: a runtime
/// escalates only when it decides a batch, so an alarm raised at midnight on an idle line would otherwise wait for
/// the morning's first case. Covers the agents whose use case the server was given and the agents published to
/// edges. Each escalation is stored with its audit entry in one transaction, then paged.
/// </summary>
/// <param name="store">Where alarms, published configurations and the audit trail live.</param>
/// <param name="useCases">The use cases the server was started with.</param>
/// <param name="notifier">The channels escalation pages go through.</param>
/// <param name="time">The clock.</param>
public sealed class AlarmEscalationSweep(IRungDataStore store, IReadOnlyList<UseCaseDefinition> useCases, Notifier notifier, TimeProvider time)
{
    /// <summary>The lease the sweeping instance holds, so one instance of several escalates each alarm.</summary>
    public const string LeaseName = "alarms.escalation";

    /// <summary>The audit action of an escalation (record type <c>alarm</c>).</summary>
    public const string AuditAction = "escalate";

    /// <summary>Escalates what waited too long; returns the escalated alarms.</summary>
    public async Task<IReadOnlyList<Alarm>> RunAsync(CancellationToken cancellationToken = default)
    {
        var escalated = new List<Alarm>();
        foreach (var useCase in await DefinitionsAsync(cancellationToken).ConfigureAwait(false))
        {
            var monitoring = useCase.Agent.MonitoringOrDefault;
            var policy = new AlarmPolicy(useCase.Business.Owner, monitoring.BackupOwner, monitoring.EscalateAfter, monitoring.ClearAfter, monitoring.Runbook);
            var active = await store.GetAlarmsAsync(useCase.Agent.Id, activeOnly: true, 10_000, cancellationToken).ConfigureAwait(false);
            foreach (var e in AlarmBook.Escalate(policy, active, time.GetUtcNow()))
            {
                var alarm = e.Alarm;
                var reason = $"Not acknowledged by {alarm.Owner} within {policy.EscalateAfter.TotalMinutes:0} minutes of {alarm.RaisedAt:yyyy-MM-dd HH:mm}Z.";
                await store.SaveAlarmsAsync(
                    [alarm],
                    new AuditDraft("system", "alarm", alarm.Id, AuditAction, CanonicalJson.Serialize(new JsonObject { ["escalatedTo"] = null }), CanonicalJson.Serialize(new JsonObject { ["escalatedTo"] = e.Recipient }), reason),
                    cancellationToken).ConfigureAwait(false);
                await notifier.NotifyAsync(
                    new Page(alarm.Id, alarm.AgentId, useCase.Id, alarm.Rule, alarm.Severity == AlarmSeverity.Critical ? PageSeverity.Critical : PageSeverity.Warning,
                        alarm.Title, $"{reason} {alarm.Title}.", alarm.Evidence, alarm.Runbook, e.Recipient, PageKind.Escalated, time.GetUtcNow()),
                    cancellationToken).ConfigureAwait(false);
                escalated.Add(alarm);
            }
        }

        return escalated;
    }

    private async Task<List<UseCaseDefinition>> DefinitionsAsync(CancellationToken cancellationToken)
    {
        var result = new List<UseCaseDefinition>(useCases);
        var known = new HashSet<string>(useCases.Select(u => u.Agent.Id), StringComparer.Ordinal);
        foreach (var config in await store.GetEdgeConfigsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (known.Add(config.AgentId))
            {
                // Published configurations were validated when published; one that no longer loads is skipped, not fatal.
                try
                {
                    result.Add(UseCaseLoader.Load(config.UseCaseYaml, $"edge configuration of {config.AgentId}").Definition);
                }
                catch (UseCaseFileException)
                {
                    continue;
                }
            }
        }

        return result;
    }
}

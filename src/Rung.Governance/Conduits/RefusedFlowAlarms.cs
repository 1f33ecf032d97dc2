using System.Collections.Concurrent;
using System.Globalization;
using Rung.Core.Alarms;
using Rung.Core.Ladder;
using Rung.Governance.Identity;
using Rung.Storage;
using Rung.Storage.Audit;
using Rung.Storage.Journal;

namespace Rung.Governance.Conduits;

/// <summary>
/// Raises a refused flow as a security alarm on the <see cref="StoreSecurityAlarms.AgentId"/> system agent and
/// audits it, at most once per flow per <see cref="Period"/>: an edge retrying every second must not bury the
/// alarm page or the audit trail. The server passes its store; an edge passes its local journal, so a refusal is
/// alarmed where the edge keeps its alarms even with no server. Thread-safe.
/// </summary>
public sealed class RefusedFlowAlarms(IRungStore store, IAuditStore audit, string owner, TimeProvider time)
{
    /// <summary>The alarm rule of a refused flow.</summary>
    public const string Rule = "security.conduit";

    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastRaised = new(StringComparer.Ordinal);

    /// <summary>How long after raising a flow's alarm further refusals of that flow are only counted, not raised again. Default 15 minutes.</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromMinutes(15);

    // Refusals of each flow since its alarm was last raised (the number is in the next alarm's evidence).
    private readonly ConcurrentDictionary<string, int> _suppressed = new(StringComparer.Ordinal);

    /// <summary>How many flows are remembered at most; past it, flows whose period is over are forgotten, and refusals of further new flows share one alarm. Default 1,000.</summary>
    public int MaxFlows { get; init; } = 1_000;

    /// <summary>Raises and audits the refusal unless the same flow was raised within <see cref="Period"/>; true when it was raised now.</summary>
    public async Task<bool> RaiseAsync(FlowRefusal refusal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var now = time.GetUtcNow();
        var key = refusal.Key;
        if (!_lastRaised.ContainsKey(key) && _lastRaised.Count >= MaxFlows)
        {
            // A caller varying what it sends (a Host header, say) must not grow this without bound or flood the page.
            foreach (var old in _lastRaised.Where(p => now - p.Value >= Period).Select(p => p.Key).ToList())
            {
                _lastRaised.TryRemove(old, out _);
                _suppressed.TryRemove(old, out _);
            }

            if (_lastRaised.Count >= MaxFlows)
            {
                key = "more-flows";
                refusal = refusal with { Reason = $"more than {MaxFlows} distinct flows were refused within {Period}; the latest: {refusal.Reason}" };
            }
        }

        var raisedNow = false;
        _lastRaised.AddOrUpdate(key, _ => { raisedNow = true; return now; }, (_, last) =>
        {
            raisedNow = now - last >= Period;
            return raisedNow ? now : last;
        });
        if (!raisedNow)
        {
            _suppressed.AddOrUpdate(key, 1, (_, n) => n + 1);
            return false;
        }

        _suppressed.TryRemove(key, out var suppressed);
        await audit.AppendAuditAsync(new AuditDraft(refusal.Actor, "conduit", key, "refuse", null, null, refusal.Reason), cancellationToken).ConfigureAwait(false);
        await store.EnsureAgentAsync(
            new AgentRecord(StoreSecurityAlarms.AgentId, "security", Zones.Everywhere, Stage.Paused, now, "{}"),
            new StageChange(StoreSecurityAlarms.AgentId, Stage.Paused, Stage.Paused, StageChangeKind.Initial, now, "system", "holds security alarms", new Dictionary<string, string>()),
            cancellationToken).ConfigureAwait(false);
        var alarm = new Alarm(
            Id: "sec-" + Guid.NewGuid().ToString("N")[..12],
            AgentId: StoreSecurityAlarms.AgentId,
            Rule: Rule,
            Key: $"{Rule}:{key}",
            Severity: AlarmSeverity.Critical,
            Title: $"Undeclared flow refused: {refusal.FromZone} -> {refusal.ToZone} over {refusal.Protocol} to {refusal.Endpoint}",
            Evidence: new Dictionary<string, string>
            {
                ["from_zone"] = refusal.FromZone,
                ["to_zone"] = refusal.ToZone,
                ["protocol"] = refusal.Protocol,
                ["endpoint"] = refusal.Endpoint,
                ["actor"] = refusal.Actor,
                ["reason"] = refusal.Reason,
                ["refused_since_last_alarm"] = (suppressed + 1).ToString(CultureInfo.InvariantCulture),
                ["at"] = now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            },
            Runbook: "A connection no conduit declares was refused. If the flow is legitimate, declare its conduit in conduits.json (docs/security.md) and restart; if not, find the machine and treat it as an intrusion attempt.",
            Owner: owner,
            RaisedAt: now);
        try
        {
            await store.SaveAlarmsAsync([alarm], cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The flow's alarm from an earlier period is still active: one alarm per condition, never a flood.
        }

        return true;
    }
}

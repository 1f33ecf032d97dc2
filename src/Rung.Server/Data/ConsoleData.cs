using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rung.Core.Alarms;
using Rung.Core.Approvals;
using Rung.Core.Calendar;
using Rung.Core.Exceptions;
using Rung.Core.Outcomes;
using Rung.Core.UseCases;
using Rung.Governance.Identity;
using Rung.Runtime.Monitoring;
using Rung.Server.Security;
using Rung.Storage;
using Rung.Storage.Audit;
using Rung.Storage.Journal;

namespace Rung.Server.Data;

/// <summary>
/// What the pages read and write, over the store. Reads are bounded (latest snapshot, daily aggregates, capped
/// queues), so a page costs the same on a day of data as on a year. Every write is authorized through
/// <see cref="ConsoleGate"/> for the session that asks (role and the agent's zone), names the signed-in person as
/// its actor and is in the audit trail, written in the same transaction where the store offers it
/// (<see cref="IAuditedConsoleWrites"/>). Verdicts on agents this server runs go through their running runtime
/// (<see cref="RunningAgents"/>). Business time (SLAs, trend windows, the time of a verdict) is read on the plant's
/// clock (<see cref="ConsoleOptions.PlantClock"/>). Thread-safe.
/// </summary>
public sealed class ConsoleData(IRungStore store, IConsoleQueries queries, IAuditStore audit, ConsoleGate gate, ConsoleOptions options, TimeProvider time, RunningAgents running)
{
    /// <summary>Days of history on the agent page's trends.</summary>
    public const int TrendDays = 30;

    /// <summary>The most items a queue page lists per agent.</summary>
    public const int QueueLimit = 200;

    private const int DriftPoints = 30;
    private readonly ConcurrentDictionary<string, DriftHistory> _drift = new(StringComparer.Ordinal);
    private readonly EdgeConsole _edges = new(store, gate, options.PlantClock ?? time, time);

    /// <summary>The clock the console reads.</summary>
    public TimeProvider Time => time;

    /// <summary>The plant's clock: business time, which a simulation runs faster than the app's clock.</summary>
    public TimeProvider PlantTime => options.PlantClock ?? time;

    /// <summary>The Edges page: edges' health and the stop switch.</summary>
    public EdgeConsole Edges => _edges;

    /// <summary>Every agent with its stage, SLO, owner and queue sizes.</summary>
    public async Task<IReadOnlyList<PortfolioRow>> GetPortfolioAsync(CancellationToken cancellationToken = default)
    {
        var rows = new List<PortfolioRow>();
        foreach (var agent in await store.GetAgentsAsync(cancellationToken).ConfigureAwait(false))
        {
            var snapshot = await SnapshotAsync(agent.AgentId, cancellationToken).ConfigureAwait(false);
            rows.Add(await RowAsync(agent, snapshot, cancellationToken).ConfigureAwait(false));
        }

        return rows;
    }

    /// <summary>The agent page, or null for an unknown agent.</summary>
    public async Task<AgentView?> GetAgentAsync(string agentId, CancellationToken cancellationToken = default)
    {
        var agent = await store.GetAgentAsync(agentId, cancellationToken).ConfigureAwait(false);
        if (agent is null)
        {
            return null;
        }

        var snapshot = await SnapshotAsync(agentId, cancellationToken).ConfigureAwait(false);
        var row = await RowAsync(agent, snapshot, cancellationToken).ConfigureAwait(false);
        var history = await store.GetStageHistoryAsync(agentId, cancellationToken).ConfigureAwait(false);
        var today = PlantTime.GetUtcNow().UtcDateTime.Date;
        var origin = new DateTimeOffset(today.AddDays(1 - TrendDays), TimeSpan.Zero);
        var days = await store.GetPeriodStatsAsync(agentId, origin, TimeSpan.FromDays(1), origin.AddDays(TrendDays), cancellationToken).ConfigureAwait(false);
        var alarms = await store.GetAlarmsAsync(agentId, activeOnly: true, 100, cancellationToken).ConfigureAwait(false);
        var slo = UseCaseOf(agentId)?.Agent.Slo;
        var trend = snapshot is null ? new Dictionary<string, IReadOnlyList<double>>() : _drift.GetOrAdd(agentId, _ => new DriftHistory(DriftPoints)).Add(snapshot);
        return new AgentView(row, history, snapshot, slo?.AccuracyFloor, slo?.AlertLine, days, trend, alarms);
    }

    /// <summary>Drafts waiting for an approver, across agents, oldest first.</summary>
    public async Task<IReadOnlyList<DecisionRecord>> GetPendingApprovalsAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<DecisionRecord>();
        foreach (var agent in await store.GetAgentsAsync(cancellationToken).ConfigureAwait(false))
        {
            result.AddRange(await store.GetPendingApprovalsAsync(agent.AgentId, QueueLimit, cancellationToken).ConfigureAwait(false));
        }

        return [.. result.OrderBy(r => r.DecidedAt).ThenBy(r => r.Case.CaseId, StringComparer.Ordinal)];
    }

    /// <summary>The latest committed actions across agents, newest first.</summary>
    public async Task<IReadOnlyList<PendingAction>> GetRecentCommitsAsync(int limit, CancellationToken cancellationToken = default)
    {
        var result = new List<PendingAction>();
        foreach (var agent in await store.GetAgentsAsync(cancellationToken).ConfigureAwait(false))
        {
            result.AddRange(await queries.GetRecentCommitsAsync(agent.AgentId, limit, cancellationToken).ConfigureAwait(false));
        }

        return [.. result.OrderByDescending(r => r.CommittedAt).Take(limit)];
    }

    /// <summary>
    /// Records an approver's verdict (the store audits it) and the label it gives the case. Returns false when the
    /// case already had a verdict.
    /// </summary>
    /// <exception cref="ArgumentException">A rejection without a reason.</exception>
    /// <exception cref="KeyNotFoundException">The case is unknown.</exception>
    /// <exception cref="ConsoleDeniedException">The session is over, or the person may not decide this agent's drafts.</exception>
    public async Task<bool> DecideDraftAsync(string? sessionId, string caseId, Verdict verdict, string? reason, CancellationToken cancellationToken = default)
    {
        if (verdict == Verdict.Rejected && string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException($"Rejecting case '{caseId}' needs a reason.", nameof(reason));
        }

        var decision = await store.GetDecisionAsync(caseId, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException($"No case '{caseId}'.");
        var operation = verdict == Verdict.Approved ? Operation.ApproveCase : Operation.RejectCase;
        var session = await gate.AuthorizeAsync(sessionId, operation, await ScopeOfAsync(decision.Case.AgentId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var approver = session.UserId;
        var now = PlantTime.GetUtcNow();
        var approval = new Approval(caseId, approver, verdict, now, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
        // An edge agent's verdict is recorded here and carried out on its edge, never by a runtime of this server.
        if (running.Runs(decision.Case.AgentId) && await Edge.EdgeVerdicts.PublishedUseCaseAsync(store, decision.Case.AgentId, cancellationToken).ConfigureAwait(false) is null)
        {
            // The runtime commits, delivers and labels it now, and its watch counts the verdict.
            return await running.ApproveAsync(decision.Case.AgentId, approval, cancellationToken).ConfigureAwait(false);
        }

        if (!await store.AppendApprovalAsync(approval, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var proposed = decision.Proposal.Action.Name;
        var correct = verdict == Verdict.Approved ? proposed : "(rejected)";
        await LabelAsync(decision, new Outcome(caseId, OutcomeSource.ApproverVerdict, correct, now, approver, approval.Reason), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Open exception items across agents with their SLA left in business hours, most urgent first.</summary>
    public async Task<IReadOnlyList<ExceptionRow>> GetOpenExceptionsAsync(CancellationToken cancellationToken = default)
    {
        var now = PlantTime.GetUtcNow();
        var result = new List<ExceptionRow>();
        foreach (var agent in await store.GetAgentsAsync(cancellationToken).ConfigureAwait(false))
        {
            var calendar = UseCaseOf(agent.AgentId)?.Agent.Calendar ?? options.Calendar;
            foreach (var item in await store.GetOpenExceptionsAsync(agent.AgentId, QueueLimit, cancellationToken).ConfigureAwait(false))
            {
                var decision = await store.GetDecisionAsync(item.CaseId, cancellationToken).ConfigureAwait(false);
                var left = now <= item.DueAt ? BusinessHours.Between(calendar, now, item.DueAt) : -BusinessHours.Between(calendar, item.DueAt, now);
                result.Add(new ExceptionRow(item, decision, left, ActionsOf(agent.AgentId, decision)));
            }
        }

        return [.. result.OrderBy(r => r.Item.DueAt).ThenBy(r => r.Item.CaseId, StringComparer.Ordinal)];
    }

    /// <summary>Assigns an open exception item to the session's person; false when it was already resolved.</summary>
    /// <exception cref="KeyNotFoundException">The case is unknown.</exception>
    /// <exception cref="ConsoleDeniedException">The session is over, or the person may not work this agent's queue.</exception>
    public async Task<bool> AssignExceptionAsync(string? sessionId, string caseId, CancellationToken cancellationToken = default)
    {
        var session = await AuthorizeCaseAsync(sessionId, caseId, Operation.ResolveException, cancellationToken).ConfigureAwait(false);
        var entry = new AuditDraft(session.UserId, ConsoleAuditTypes.Exception, caseId, "assign", null, CanonicalJson.Serialize(new JsonObject { ["assignedTo"] = session.UserId }), null);
        if (store is IAuditedConsoleWrites audited)
        {
            return await audited.AssignExceptionAsync(caseId, session.UserId, entry, cancellationToken).ConfigureAwait(false);
        }

        if (!await queries.AssignExceptionAsync(caseId, session.UserId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await audit.AppendAuditAsync(entry, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Decides an exception item: the chosen action resolves it and becomes the case's label. False when already resolved.
    /// The store audits the resolution in the same transaction.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The case is unknown.</exception>
    /// <exception cref="ConsoleDeniedException">The session is over, or the person may not work this agent's queue.</exception>
    public async Task<bool> ResolveExceptionAsync(string? sessionId, string caseId, string action, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        var session = await AuthorizeCaseAsync(sessionId, caseId, Operation.ResolveException, cancellationToken).ConfigureAwait(false);
        var user = session.UserId;
        var now = PlantTime.GetUtcNow();
        var agentId = (await store.GetDecisionAsync(caseId, cancellationToken).ConfigureAwait(false))!.Case.AgentId;
        if (running.Runs(agentId) && await Edge.EdgeVerdicts.PublishedUseCaseAsync(store, agentId, cancellationToken).ConfigureAwait(false) is null)
        {
            return await running.ResolveAsync(agentId, new ExceptionResolution(caseId, user, action.Trim(), now), cancellationToken).ConfigureAwait(false);
        }

        if (!await store.ResolveExceptionAsync(caseId, user, action.Trim(), now, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var decision = await store.GetDecisionAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (decision is not null)
        {
            await LabelAsync(decision, new Outcome(caseId, OutcomeSource.ExceptionDecision, action.Trim(), now, user), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Alarms across agents, newest first; active ones only unless <paramref name="includeResolved"/>.</summary>
    public Task<IReadOnlyList<Alarm>> GetAlarmsAsync(bool includeResolved, CancellationToken cancellationToken = default) =>
        store.GetAlarmsAsync(null, activeOnly: !includeResolved, QueueLimit, cancellationToken);

    /// <summary>Acknowledges an open alarm in the session's person's name, and audits it.</summary>
    /// <exception cref="InvalidOperationException">The alarm is not open.</exception>
    /// <exception cref="KeyNotFoundException">The alarm is unknown.</exception>
    /// <exception cref="ConsoleDeniedException">The session is over, or the person may not take this agent's alarms.</exception>
    public async Task<Alarm> AcknowledgeAlarmAsync(string? sessionId, string alarmId, string? comment, CancellationToken cancellationToken = default)
    {
        var alarm = await store.GetAlarmAsync(alarmId, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException($"No alarm '{alarmId}'.");
        var session = await gate.AuthorizeAsync(sessionId, Operation.AcknowledgeAlarm, await ScopeOfAsync(alarm.AgentId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var note = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        var change = AlarmBook.Acknowledge(alarm, session.UserId, note, PlantTime.GetUtcNow());
        var entry = new AuditDraft(
            session.UserId, ConsoleAuditTypes.Alarm, alarmId, "acknowledge",
            CanonicalJson.Serialize(new JsonObject { ["state"] = alarm.State.ToString() }),
            CanonicalJson.Serialize(new JsonObject { ["state"] = change.Alarm.State.ToString(), ["acknowledgedBy"] = session.UserId }),
            note ?? "acknowledged in the console");
        if (store is IAuditedConsoleWrites audited)
        {
            await audited.SaveAlarmsAsync([change.Alarm], entry, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await store.SaveAlarmsAsync([change.Alarm], cancellationToken).ConfigureAwait(false);
            await audit.AppendAuditAsync(entry, cancellationToken).ConfigureAwait(false);
        }

        return change.Alarm;
    }

    /// <summary>Each agent's ISA-95 scope, by agent id: what zones are compared with.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetScopesAsync(CancellationToken cancellationToken = default) =>
        (await store.GetAgentsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(a => a.AgentId, a => a.Scope, StringComparer.Ordinal);

    /// <summary>
    /// The scope of an agent; an unknown agent (the security alarms' pseudo-agent, for one) belongs to no line, so
    /// only people whose zones cover everything act on it.
    /// </summary>
    public async Task<string> ScopeOfAsync(string agentId, CancellationToken cancellationToken = default) =>
        (await store.GetAgentAsync(agentId, cancellationToken).ConfigureAwait(false))?.Scope ?? Zones.Everywhere;

    private async Task<Session> AuthorizeCaseAsync(string? sessionId, string caseId, Operation operation, CancellationToken cancellationToken)
    {
        var decision = await store.GetDecisionAsync(caseId, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException($"No case '{caseId}'.");
        var scope = await ScopeOfAsync(decision.Case.AgentId, cancellationToken).ConfigureAwait(false);
        return await gate.AuthorizeAsync(sessionId, operation, scope, cancellationToken).ConfigureAwait(false);
    }

    private async Task LabelAsync(DecisionRecord decision, Outcome outcome, CancellationToken cancellationToken)
    {
        var proposed = decision.Proposal.Action.Name;
        var correct = string.Equals(proposed, outcome.CorrectAction, StringComparison.Ordinal);
        var judgement = new Judgement(outcome.CaseId, correct, correct ? null : decision.Proposal.Severity, proposed, outcome.CorrectAction, outcome.At);
        await store.AppendOutcomeAsync(new StoredOutcome(outcome, judgement), cancellationToken).ConfigureAwait(false);
    }

    private async Task<PortfolioRow> RowAsync(AgentRecord agent, MonitorSnapshot? snapshot, CancellationToken cancellationToken)
    {
        var summary = Summary(agent.DefinitionJson);
        var alarms = await store.GetAlarmsAsync(agent.AgentId, activeOnly: true, QueueLimit, cancellationToken).ConfigureAwait(false);
        var pending = await store.GetPendingApprovalsAsync(agent.AgentId, QueueLimit, cancellationToken).ConfigureAwait(false);
        var exceptions = await store.GetOpenExceptionsAsync(agent.AgentId, QueueLimit, cancellationToken).ConfigureAwait(false);
        var useCase = UseCaseOf(agent.AgentId);
        return new PortfolioRow(
            agent.AgentId,
            agent.UseCaseId,
            useCase?.Name ?? summary.GetValueOrDefault("name") ?? agent.UseCaseId,
            useCase?.Business.Owner ?? summary.GetValueOrDefault("owner") ?? string.Empty,
            agent.Stage,
            snapshot?.RollingAccuracy,
            snapshot?.SloHealth ?? "unknown",
            alarms.Count,
            pending.Count,
            exceptions.Count);
    }

    private async Task<MonitorSnapshot?> SnapshotAsync(string agentId, CancellationToken cancellationToken)
    {
        var saved = await store.GetAgentStatusAsync(agentId, cancellationToken).ConfigureAwait(false);
        return saved is null ? null : JsonSerializer.Deserialize(saved.Value.Json, MonitorSnapshotContext.Default.MonitorSnapshot);
    }

    private UseCaseDefinition? UseCaseOf(string agentId) => options.UseCases.FirstOrDefault(u => u.Agent.Id == agentId);

    private List<string> ActionsOf(string agentId, DecisionRecord? decision)
    {
        var names = UseCaseOf(agentId)?.Agent.Actions.Select(a => a.Name).ToList() ?? [];
        if (decision is not null && !names.Contains(decision.Proposal.Action.Name))
        {
            names.Insert(0, decision.Proposal.Action.Name);
        }

        return names;
    }

    // The runtime stores a small JSON object of strings; anything else (an older or foreign writer) reads as empty.
    private static Dictionary<string, string> Summary(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

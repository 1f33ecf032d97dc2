using System.Collections.Concurrent;
using System.Text.Json;
using Rung.Core.Alarms;
using Rung.Core.Approvals;
using Rung.Core.Calendar;
using Rung.Core.Exceptions;
using Rung.Core.Outcomes;
using Rung.Core.UseCases;
using Rung.Runtime.Monitoring;
using Rung.Storage;
using Rung.Storage.Journal;

namespace Rung.Server.Data;

/// <summary>
/// What the pages read and write, over the store. Reads are bounded (latest snapshot, daily aggregates, capped
/// queues), so a page costs the same on a day of data as on a year. Thread-safe.
/// </summary>
public sealed class ConsoleData(IRungStore store, IConsoleQueries queries, ConsoleOptions options, TimeProvider time)
{
    /// <summary>Days of history on the agent page's trends.</summary>
    public const int TrendDays = 30;

    /// <summary>The most items a queue page lists per agent.</summary>
    public const int QueueLimit = 200;

    private const int DriftPoints = 30;
    private readonly ConcurrentDictionary<string, DriftHistory> _drift = new(StringComparer.Ordinal);

    /// <summary>The clock the console reads.</summary>
    public TimeProvider Time => time;

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
        var today = time.GetUtcNow().UtcDateTime.Date;
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
    /// Records an approver's verdict and the label it gives the case. Returns false when the case already had a
    /// verdict. Throws <see cref="ArgumentException"/> for a rejection without a reason.
    /// </summary>
    public async Task<bool> DecideDraftAsync(string caseId, string approver, Verdict verdict, string? reason, CancellationToken cancellationToken = default)
    {
        if (verdict == Verdict.Rejected && string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException($"Rejecting case '{caseId}' needs a reason.", nameof(reason));
        }

        var decision = await store.GetDecisionAsync(caseId, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException($"No case '{caseId}'.");
        var now = time.GetUtcNow();
        var approval = new Approval(caseId, approver, verdict, now, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
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
        var now = time.GetUtcNow();
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

    /// <summary>Assigns an open exception item; false when it was already resolved.</summary>
    public Task<bool> AssignExceptionAsync(string caseId, string assignee, CancellationToken cancellationToken = default) =>
        queries.AssignExceptionAsync(caseId, assignee, cancellationToken);

    /// <summary>Decides an exception item: the chosen action resolves it and becomes the case's label. False when already resolved.</summary>
    public async Task<bool> ResolveExceptionAsync(string caseId, string user, string action, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        var now = time.GetUtcNow();
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

    /// <summary>Acknowledges an open alarm. Throws <see cref="InvalidOperationException"/> when it is not open, <see cref="KeyNotFoundException"/> when unknown.</summary>
    public async Task<Alarm> AcknowledgeAlarmAsync(string alarmId, string user, string? comment, CancellationToken cancellationToken = default)
    {
        var alarm = await store.GetAlarmAsync(alarmId, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException($"No alarm '{alarmId}'.");
        var change = AlarmBook.Acknowledge(alarm, user, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), time.GetUtcNow());
        await store.SaveAlarmsAsync([change.Alarm], cancellationToken).ConfigureAwait(false);
        return change.Alarm;
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

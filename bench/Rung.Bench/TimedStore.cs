using Rung.Core.Alarms;
using System.Diagnostics;
using Rung.Core.Approvals;
using Rung.Core.Exceptions;
using Rung.Core.Ladder;
using Rung.Core.Outcomes;
using Rung.Storage;
using Rung.Storage.Journal;

namespace Rung.Bench;

/// <summary>
/// Passes every call to the store it wraps and measures the wall time of the two writes on the decision path:
/// the decision batch append and the mark-delivered write after the connector. Two timestamps per call.
/// </summary>
internal sealed class TimedStore(IRungStore inner) : IRungStore
{
    public long AppendTicks { get; private set; }

    public long MarkDeliveredTicks { get; private set; }

    public void Reset()
    {
        AppendTicks = 0;
        MarkDeliveredTicks = 0;
    }

    public async Task<IReadOnlyList<AppendResult>> AppendDecisionsAsync(IReadOnlyList<DecisionRecord> batch, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await inner.AppendDecisionsAsync(batch, cancellationToken).ConfigureAwait(false);
        AppendTicks += Stopwatch.GetTimestamp() - started;
        return result;
    }

    public async Task<IReadOnlyList<bool>> MarkActionsDeliveredAsync(IReadOnlyList<string> caseIds, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await inner.MarkActionsDeliveredAsync(caseIds, at, cancellationToken).ConfigureAwait(false);
        MarkDeliveredTicks += Stopwatch.GetTimestamp() - started;
        return result;
    }

    public Task MigrateAsync(CancellationToken cancellationToken = default) => inner.MigrateAsync(cancellationToken);

    public Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default) => inner.GetSchemaVersionAsync(cancellationToken);

    public Task<AgentRecord> EnsureAgentAsync(AgentRecord agent, StageChange initial, CancellationToken cancellationToken = default) =>
        inner.EnsureAgentAsync(agent, initial, cancellationToken);

    public Task<IReadOnlyList<AgentRecord>> GetAgentsAsync(CancellationToken cancellationToken = default) => inner.GetAgentsAsync(cancellationToken);

    public Task<AgentRecord?> GetAgentAsync(string agentId, CancellationToken cancellationToken = default) => inner.GetAgentAsync(agentId, cancellationToken);

    public Task<DecisionRecord?> GetDecisionAsync(string caseId, CancellationToken cancellationToken = default) => inner.GetDecisionAsync(caseId, cancellationToken);

    public Task<long> CountDecisionsAsync(string agentId, CancellationToken cancellationToken = default) => inner.CountDecisionsAsync(agentId, cancellationToken);

    public Task<DecisionRecord?> GetLatestDecisionAsync(string agentId, CancellationToken cancellationToken = default) => inner.GetLatestDecisionAsync(agentId, cancellationToken);

    public Task<IReadOnlyList<bool>> AppendOutcomesAsync(IReadOnlyList<StoredOutcome> outcomes, CancellationToken cancellationToken = default) =>
        inner.AppendOutcomesAsync(outcomes, cancellationToken);

    public Task<IReadOnlyList<Judgement>> GetRecentJudgementsAsync(string agentId, int count, DateTimeOffset? since, CancellationToken cancellationToken = default) =>
        inner.GetRecentJudgementsAsync(agentId, count, since, cancellationToken);

    public Task<IReadOnlyList<bool>> AppendApprovalsAsync(IReadOnlyList<Approval> approvals, CancellationToken cancellationToken = default) =>
        inner.AppendApprovalsAsync(approvals, cancellationToken);

    public Task<IReadOnlyList<DecisionRecord>> GetPendingApprovalsAsync(string agentId, int limit, CancellationToken cancellationToken = default) =>
        inner.GetPendingApprovalsAsync(agentId, limit, cancellationToken);

    public Task<IReadOnlyList<ExceptionItem>> GetOpenExceptionsAsync(string agentId, int limit, CancellationToken cancellationToken = default) =>
        inner.GetOpenExceptionsAsync(agentId, limit, cancellationToken);

    public Task<IReadOnlyList<bool>> ResolveExceptionsAsync(IReadOnlyList<ExceptionResolution> resolutions, CancellationToken cancellationToken = default) =>
        inner.ResolveExceptionsAsync(resolutions, cancellationToken);

    public Task AppendStageChangeAsync(StageChange change, CancellationToken cancellationToken = default) => inner.AppendStageChangeAsync(change, cancellationToken);

    public Task<IReadOnlyList<StageChange>> GetStageHistoryAsync(string agentId, CancellationToken cancellationToken = default) =>
        inner.GetStageHistoryAsync(agentId, cancellationToken);

    public Task<IReadOnlyList<DateTimeOffset>> GetCommitTimesAsync(string agentId, string action, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        inner.GetCommitTimesAsync(agentId, action, since, cancellationToken);

    public Task<IReadOnlyList<PeriodStats>> GetPeriodStatsAsync(string agentId, DateTimeOffset origin, TimeSpan length, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        inner.GetPeriodStatsAsync(agentId, origin, length, until, cancellationToken);

    public Task<IReadOnlyList<PendingAction>> GetUndeliveredActionsAsync(string agentId, int limit, CancellationToken cancellationToken = default) =>
        inner.GetUndeliveredActionsAsync(agentId, limit, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    public Task SaveAlarmsAsync(IReadOnlyList<Alarm> alarms, CancellationToken cancellationToken = default) => inner.SaveAlarmsAsync(alarms, cancellationToken);

    public Task<IReadOnlyList<Alarm>> GetAlarmsAsync(string? agentId, bool activeOnly, int limit, CancellationToken cancellationToken = default) => inner.GetAlarmsAsync(agentId, activeOnly, limit, cancellationToken);

    public Task<Alarm?> GetAlarmAsync(string alarmId, CancellationToken cancellationToken = default) => inner.GetAlarmAsync(alarmId, cancellationToken);

    public Task<bool> AppendDailySummaryAsync(DailySummary summary, CancellationToken cancellationToken = default) => inner.AppendDailySummaryAsync(summary, cancellationToken);

    public Task<bool> AcknowledgeDailySummaryAsync(string agentId, DateOnly day, string user, DateTimeOffset at, CancellationToken cancellationToken = default) => inner.AcknowledgeDailySummaryAsync(agentId, day, user, at, cancellationToken);

    public Task<IReadOnlyList<DailySummary>> GetDailySummariesAsync(string agentId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) => inner.GetDailySummariesAsync(agentId, from, to, cancellationToken);

    public Task SaveAgentStatusAsync(string agentId, DateTimeOffset at, string json, CancellationToken cancellationToken = default) => inner.SaveAgentStatusAsync(agentId, at, json, cancellationToken);

    public Task<(DateTimeOffset At, string Json)?> GetAgentStatusAsync(string agentId, CancellationToken cancellationToken = default) => inner.GetAgentStatusAsync(agentId, cancellationToken);
}

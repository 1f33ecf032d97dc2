using Rung.Core.Alarms;
using Rung.Core.Approvals;
using Rung.Core.Exceptions;
using Rung.Core.Ladder;
using Rung.Core.Outcomes;
using Rung.Storage;
using Rung.Storage.Journal;

namespace Rung.Bench.Drift;

/// <summary>
/// A store that keeps nothing and answers every read with nothing, so the decision path is timed without any
/// I/O: the strictest baseline for the share monitoring adds. Every append reports Stored.
/// </summary>
internal sealed class NullRungStore : IRungStore
{
    private static readonly Task<IReadOnlyList<bool>> NoBools = Task.FromResult<IReadOnlyList<bool>>([]);

    public Task MigrateAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);

    public Task<AgentRecord> EnsureAgentAsync(AgentRecord agent, StageChange initial, CancellationToken cancellationToken = default) => Task.FromResult(agent);

    public Task<IReadOnlyList<AgentRecord>> GetAgentsAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<AgentRecord>>([]);

    public Task<AgentRecord?> GetAgentAsync(string agentId, CancellationToken cancellationToken = default) => Task.FromResult<AgentRecord?>(null);

    public Task<IReadOnlyList<AppendResult>> AppendDecisionsAsync(IReadOnlyList<DecisionRecord> batch, CancellationToken cancellationToken = default)
    {
        var results = new AppendResult[batch.Count];
        Array.Fill(results, AppendResult.Stored);
        return Task.FromResult<IReadOnlyList<AppendResult>>(results);
    }

    public Task<DecisionRecord?> GetDecisionAsync(string caseId, CancellationToken cancellationToken = default) => Task.FromResult<DecisionRecord?>(null);

    public Task<long> CountDecisionsAsync(string agentId, CancellationToken cancellationToken = default) => Task.FromResult(0L);

    public Task<DecisionRecord?> GetLatestDecisionAsync(string agentId, CancellationToken cancellationToken = default) => Task.FromResult<DecisionRecord?>(null);

    public Task<IReadOnlyList<bool>> AppendOutcomesAsync(IReadOnlyList<StoredOutcome> outcomes, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<bool>>([.. outcomes.Select(_ => true)]);

    public Task<IReadOnlyList<Judgement>> GetRecentJudgementsAsync(string agentId, int count, DateTimeOffset? since, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Judgement>>([]);

    public Task<IReadOnlyList<bool>> AppendApprovalsAsync(IReadOnlyList<Approval> approvals, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<bool>>([.. approvals.Select(_ => true)]);

    public Task<IReadOnlyList<DecisionRecord>> GetPendingApprovalsAsync(string agentId, int limit, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<DecisionRecord>>([]);

    public Task<IReadOnlyList<ExceptionItem>> GetOpenExceptionsAsync(string agentId, int limit, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<ExceptionItem>>([]);

    public Task<IReadOnlyList<bool>> ResolveExceptionsAsync(IReadOnlyList<ExceptionResolution> resolutions, CancellationToken cancellationToken = default) => NoBools;

    public Task AppendStageChangeAsync(StageChange change, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IReadOnlyList<StageChange>> GetStageHistoryAsync(string agentId, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<StageChange>>([]);

    public Task<IReadOnlyList<DateTimeOffset>> GetCommitTimesAsync(string agentId, string action, DateTimeOffset since, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<DateTimeOffset>>([]);

    public Task<IReadOnlyList<PeriodStats>> GetPeriodStatsAsync(string agentId, DateTimeOffset origin, TimeSpan length, DateTimeOffset until, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<PeriodStats>>([]);

    public Task<IReadOnlyList<PendingAction>> GetUndeliveredActionsAsync(string agentId, int limit, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<PendingAction>>([]);

    public Task<IReadOnlyList<bool>> MarkActionsDeliveredAsync(IReadOnlyList<string> caseIds, DateTimeOffset at, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<bool>>([.. caseIds.Select(_ => true)]);

    public Task SaveAlarmsAsync(IReadOnlyList<Alarm> alarms, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IReadOnlyList<Alarm>> GetAlarmsAsync(string? agentId, bool activeOnly, int limit, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Alarm>>([]);

    public Task<Alarm?> GetAlarmAsync(string alarmId, CancellationToken cancellationToken = default) => Task.FromResult<Alarm?>(null);

    public Task<bool> AppendDailySummaryAsync(DailySummary summary, CancellationToken cancellationToken = default) => Task.FromResult(false);

    public Task<bool> AcknowledgeDailySummaryAsync(string agentId, DateOnly day, string user, DateTimeOffset at, CancellationToken cancellationToken = default) => Task.FromResult(false);

    public Task<IReadOnlyList<DailySummary>> GetDailySummariesAsync(string agentId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<DailySummary>>([]);

    public Task SaveAgentStatusAsync(string agentId, DateTimeOffset at, string json, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<(DateTimeOffset At, string Json)?> GetAgentStatusAsync(string agentId, CancellationToken cancellationToken = default) => Task.FromResult<(DateTimeOffset At, string Json)?>(null);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

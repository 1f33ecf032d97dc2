using Rung.Core.Alarms;
using Rung.Core.Approvals;
using Rung.Core.Exceptions;
using Rung.Core.Ladder;
using Rung.Core.Outcomes;
using Rung.Storage.Journal;

namespace Rung.Storage;

/// <summary>
/// Rung's durable state. Every write is one transaction: it is stored whole or not at all.
/// Implementations are safe to call from several threads.
/// </summary>
public interface IRungStore : IAsyncDisposable
{
    /// <summary>Creates or upgrades the schema to the version this build expects. Safe to call on every start.</summary>
    Task MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>The schema version now in the database.</summary>
    Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the agent with its initial stage change, or returns the stored agent unchanged when the id exists.
    /// </summary>
    Task<AgentRecord> EnsureAgentAsync(AgentRecord agent, StageChange initial, CancellationToken cancellationToken = default);

    /// <summary>Every stored agent, ordered by id.</summary>
    Task<IReadOnlyList<AgentRecord>> GetAgentsAsync(CancellationToken cancellationToken = default);

    /// <summary>The agent, or null when unknown.</summary>
    Task<AgentRecord?> GetAgentAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends a batch of decisions in one durable transaction. A record whose case id is already stored is
    /// left as it was and reported as <see cref="AppendResult.Duplicate"/>. Results are in input order.
    /// </summary>
    Task<IReadOnlyList<AppendResult>> AppendDecisionsAsync(IReadOnlyList<DecisionRecord> batch, CancellationToken cancellationToken = default);

    /// <summary>The stored decision for a case, or null.</summary>
    Task<DecisionRecord?> GetDecisionAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>How many decisions the agent has.</summary>
    Task<long> CountDecisionsAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>The decision with the latest source time for the agent, or null when none.</summary>
    Task<DecisionRecord?> GetLatestDecisionAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores outcomes with their judgements in one transaction. Several outcomes per case are kept (one per
    /// source); an outcome whose case already has one from the same source is left out and reported false.
    /// Throws <see cref="KeyNotFoundException"/> when a case is unknown, and then nothing of the batch is stored.
    /// </summary>
    Task<IReadOnlyList<bool>> AppendOutcomesAsync(IReadOnlyList<StoredOutcome> outcomes, CancellationToken cancellationToken = default);

    /// <summary>The agent's latest <paramref name="count"/> first-judgements (one per case), oldest first: what a restarted SLO window is rebuilt from.</summary>
    Task<IReadOnlyList<Judgement>> GetRecentJudgementsAsync(string agentId, int count, DateTimeOffset? since, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records approvers' verdicts on cases in PendingApproval, in one transaction. A case that already has a
    /// verdict is reported false. Throws <see cref="KeyNotFoundException"/> for an unknown case and
    /// <see cref="InvalidOperationException"/> for a case that is not PendingApproval; then nothing is stored.
    /// </summary>
    Task<IReadOnlyList<bool>> AppendApprovalsAsync(IReadOnlyList<Approval> approvals, CancellationToken cancellationToken = default);

    /// <summary>Cases of the agent still waiting for an approver, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<DecisionRecord>> GetPendingApprovalsAsync(string agentId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Open exception items of the agent, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ExceptionItem>> GetOpenExceptionsAsync(string agentId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Resolves open exception items in one transaction; an item already resolved is reported false. Throws
    /// <see cref="KeyNotFoundException"/> when a case has no item; then nothing is stored.
    /// </summary>
    Task<IReadOnlyList<bool>> ResolveExceptionsAsync(IReadOnlyList<ExceptionResolution> resolutions, CancellationToken cancellationToken = default);

    /// <summary>Appends a stage change and makes its target the agent's current stage, in one transaction.</summary>
    Task AppendStageChangeAsync(StageChange change, CancellationToken cancellationToken = default);

    /// <summary>The agent's stage history, oldest first.</summary>
    Task<IReadOnlyList<StageChange>> GetStageHistoryAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>Commit times of an action since a moment, oldest first: what a restarted guard's rate limits are rebuilt from.</summary>
    Task<IReadOnlyList<DateTimeOffset>> GetCommitTimesAsync(string agentId, string action, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Counts per consecutive period of <paramref name="length"/> from <paramref name="origin"/> up to <paramref name="until"/>.</summary>
    Task<IReadOnlyList<PeriodStats>> GetPeriodStatsAsync(string agentId, DateTimeOffset origin, TimeSpan length, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>
    /// Committed actions of the agent not yet marked delivered, oldest first, at most <paramref name="limit"/>:
    /// automatic commits and approved drafts. What a restarted connector delivers again.
    /// </summary>
    Task<IReadOnlyList<PendingAction>> GetUndeliveredActionsAsync(string agentId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks committed actions delivered in one transaction; one already marked is reported false. Throws
    /// <see cref="KeyNotFoundException"/> when a case has no committed action; then nothing is stored.
    /// </summary>
    Task<IReadOnlyList<bool>> MarkActionsDeliveredAsync(IReadOnlyList<string> caseIds, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores alarms as they are now (inserted when new, replaced otherwise), in one transaction. Throws
    /// <see cref="InvalidOperationException"/> when a new alarm would be a second active one for the same condition.
    /// </summary>
    Task SaveAlarmsAsync(IReadOnlyList<Alarm> alarms, CancellationToken cancellationToken = default);

    /// <summary>The agent's alarms (every agent's when null), newest first; only active ones when <paramref name="activeOnly"/>.</summary>
    Task<IReadOnlyList<Alarm>> GetAlarmsAsync(string? agentId, bool activeOnly, int limit, CancellationToken cancellationToken = default);

    /// <summary>One alarm, or null.</summary>
    Task<Alarm?> GetAlarmAsync(string alarmId, CancellationToken cancellationToken = default);

    /// <summary>Records a daily summary as sent; returns false when the agent already has one for that day.</summary>
    Task<bool> AppendDailySummaryAsync(DailySummary summary, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the owner's acknowledgement of a daily summary. Returns false when it was already acknowledged;
    /// throws <see cref="KeyNotFoundException"/> when no summary was sent for that day.
    /// </summary>
    Task<bool> AcknowledgeDailySummaryAsync(string agentId, DateOnly day, string user, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The agent's daily summaries from <paramref name="from"/> to <paramref name="to"/> inclusive, oldest first.</summary>
    Task<IReadOnlyList<DailySummary>> GetDailySummariesAsync(string agentId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default);

    /// <summary>Replaces the monitor's latest picture of the agent (JSON written by the runtime).</summary>
    Task SaveAgentStatusAsync(string agentId, DateTimeOffset at, string json, CancellationToken cancellationToken = default);

    /// <summary>The monitor's latest picture of the agent, or null when none was saved.</summary>
    Task<(DateTimeOffset At, string Json)?> GetAgentStatusAsync(string agentId, CancellationToken cancellationToken = default);
}

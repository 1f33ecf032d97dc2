using System.Text.Json;
using Rung.Core.Approvals;
using Rung.Core.Calendar;
using Rung.Core.Exceptions;
using Rung.Core.Guards;
using Rung.Core.Ladder;
using Rung.Core.Outcomes;
using Rung.Core.Policy;
using Rung.Core.Slo;
using Rung.Core.UseCases;
using Rung.Models;
using Rung.Runtime.Challengers;
using Rung.Runtime.Connectors;
using Rung.Runtime.Contracts;
using Rung.Runtime.Monitoring;
using Rung.Storage;
using Rung.Storage.Journal;

namespace Rung.Runtime.Agents;

/// <summary>
/// One agent at work: the path of a case from raw values to a durable decision and, when committed, an
/// action; and the path of an outcome back to the SLO that may demote the agent. One runtime per agent, called
/// from one loop; a change of stage (<see cref="RefreshStageAsync"/>, a promotion, a demotion) or of model
/// (<see cref="UseModelAsync"/>) may come from another thread and waits for the batch in flight, which finishes
/// on the stage and model it started with. Every case of a batch is decided, and stored, on one stage and one model.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The turn semaphore never hands out its wait handle, so it holds nothing that needs disposing; runtimes are not disposable.")]
public sealed class AgentRuntime
{
    private readonly UseCaseDefinition _useCase;
    private readonly IRungStore _store;
    private readonly IActionConnector _connector;
    private readonly TimeProvider _time;
    private readonly DataContract _contract;
    private readonly ProposalMaker _proposals;
    private readonly GuardEvaluator _guard;
    private readonly RateLimitLedger _ledger;
    private readonly OutcomeJudge _judge;
    private readonly SloMonitor _slo;
    private readonly AgentWatch? _watch;

    // One turn at a time: a batch, or a change of stage or model. A change never lands inside a batch.
    private readonly SemaphoreSlim _turn = new(1, 1);

    private AgentRuntime(UseCaseDefinition useCase, IRungStore store, IModelAdapter model, IActionConnector connector, TimeProvider time, AgentRecord record, AgentWatch? watch)
    {
        _watch = watch;
        _useCase = useCase;
        _store = store;
        _connector = connector;
        _time = time;
        var agent = useCase.Agent;
        _contract = new DataContract(agent.Inputs);
        _proposals = new ProposalMaker(agent, model, time);
        _guard = new GuardEvaluator(agent.Guard, [.. agent.Actions.Select(a => a.Name)], agent.Scope);
        _ledger = RateLimitLedger.For(agent.Guard);
        _judge = new OutcomeJudge(agent.ErrorSeverity);
        _slo = new SloMonitor(agent.Slo);
        Stage = record.Stage;
        StageSince = record.StageSince;
    }

    /// <summary>The agent's id.</summary>
    public string AgentId => _useCase.Agent.Id;

    /// <summary>The use case the agent serves.</summary>
    public UseCaseDefinition UseCase => _useCase;

    /// <summary>The current stage.</summary>
    public Stage Stage { get; private set; }

    /// <summary>When the current stage began.</summary>
    public DateTimeOffset StageSince { get; private set; }

    /// <summary>The version of the model the next batch is decided with.</summary>
    public string ModelVersion => _proposals.ModelVersion;

    /// <summary>The SLO on the current stage.</summary>
    public SloStatus Slo => _slo.Status;

    /// <summary>Metrics, drift, alarms and the daily summary; null when the agent runs unwatched.</summary>
    public AgentWatch? Watch => _watch;

    /// <summary>Told of each batch once journalled and delivered (a challenger in shadow); it must not block or throw.</summary>
    public IDecisionObserver? Observer { get; set; }

    /// <summary>
    /// Creates the agent in the store on first start, then rebuilds what lives in memory from the journal
    /// (rate-limit counts, the SLO window) and delivers committed actions a crash left undelivered.
    /// </summary>
    public static async Task<AgentRuntime> StartAsync(UseCaseDefinition useCase, IRungStore store, IModelAdapter model, IActionConnector connector, TimeProvider time, CancellationToken cancellationToken = default) =>
        await StartAsync(useCase, store, model, connector, time, null, cancellationToken).ConfigureAwait(false);

    /// <summary>Starts the agent with its watch: every decision and label then also feeds metrics, drift and alarms.</summary>
    public static async Task<AgentRuntime> StartAsync(UseCaseDefinition useCase, IRungStore store, IModelAdapter model, IActionConnector connector, TimeProvider time, AgentWatch? watch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(useCase);
        var agent = useCase.Agent;
        var now = time.GetUtcNow();
        var summary = JsonSerializer.Serialize(new Dictionary<string, string> { ["usecase"] = useCase.Id, ["name"] = useCase.Name, ["owner"] = useCase.Business.Owner, ["model"] = agent.Model.Version });
        var initial = new StageChange(agent.Id, agent.InitialStage, agent.InitialStage, StageChangeKind.Initial, now, "system", "agent created", new Dictionary<string, string>());
        var record = await store.EnsureAgentAsync(new AgentRecord(agent.Id, useCase.Id, agent.Scope, agent.InitialStage, now, summary), initial, cancellationToken).ConfigureAwait(false);
        var runtime = new AgentRuntime(useCase, store, model, connector, time, record, watch);
        await runtime.RecoverAsync(cancellationToken).ConfigureAwait(false);
        return runtime;
    }

    /// <summary>
    /// Decides a batch of cases: data contract, model, guard, stage policy; journals the whole batch in one
    /// durable append; only then delivers the committed actions. A case id already journalled is reported as
    /// a duplicate and nothing is done for it again.
    /// </summary>
    public async Task<IReadOnlyList<(DecisionRecord Record, AppendResult Result)>> DecideAsync(IReadOnlyList<CaseInput> cases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await DecideBatchAsync(cases, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// Adopts the stage the store holds for the agent when it was changed outside the runtime (a gate's signed
    /// promotion, a gate's demotion, another process): the change is already journalled and audited, so nothing is
    /// recorded again. Waits for the batch in flight; the next batch is decided, and stored, on the new stage. The
    /// SLO window is rebuilt from the journal for the new stage, as at a start. Returns true when the stage changed.
    /// Throws <see cref="InvalidOperationException"/> when the agent is no longer in the store.
    /// </summary>
    public async Task<bool> RefreshStageAsync(CancellationToken cancellationToken = default)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var record = await _store.GetAgentAsync(AgentId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Agent '{AgentId}' is not in the store; its running runtime cannot take its stage from there.");
            if (record.Stage == Stage && record.StageSince == StageSince)
            {
                return false;
            }

            Stage = record.Stage;
            StageSince = record.StageSince;
            _slo.Reset();
            await RebuildSloAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// Decides the next batches with <paramref name="model"/> (a model file replaced by the registry's champion, say).
    /// Waits for the batch in flight, which finishes on the model it started with. The caller keeps ownership of both
    /// models and disposes the old one once this returns. A <see cref="Models.VerifiedModelHost"/> switches its own
    /// versions (release, rollback) without this call, and a batch in flight still finishes on one version.
    /// </summary>
    public async Task UseModelAsync(IModelAdapter model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _proposals.Use(model);
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<IReadOnlyList<(DecisionRecord Record, AppendResult Result)>> DecideBatchAsync(IReadOnlyList<CaseInput> cases, CancellationToken cancellationToken)
    {
        var stage = Stage;
        var records = new List<DecisionRecord>(cases.Count);
        await _proposals.PrepareAsync([.. cases.Select(c => _contract.Map(c.Values))], cancellationToken).ConfigureAwait(false);
        foreach (var input in cases)
        {
            records.Add(await DecideOneAsync(input, stage, cancellationToken).ConfigureAwait(false));
        }

        var results = await _store.AppendDecisionsAsync(records, cancellationToken).ConfigureAwait(false);
        var decided = new List<(DecisionRecord, AppendResult)>(records.Count);
        var committed = new List<PendingAction>();
        for (var i = 0; i < records.Count; i++)
        {
            decided.Add((records[i], results[i]));
            if (results[i] == AppendResult.Stored && records[i].Decision.Disposition == Disposition.Committed)
            {
                committed.Add(new PendingAction(records[i].Case.CaseId, AgentId, records[i].Proposal.Action, records[i].DecidedAt));
            }
        }

        await DeliverAsync(committed, cancellationToken).ConfigureAwait(false);
        Observer?.Journalled([.. decided.Where(d => d.Item2 == AppendResult.Stored).Select(d => d.Item1)]);
        if (_watch is not null)
        {
            _watch.Decided([.. decided.Where(d => d.Item2 == AppendResult.Stored).Select(d => d.Item1)]);
            await _watch.CheckAsync(stage, _slo.Status, cancellationToken).ConfigureAwait(false);
        }

        return decided;
    }

    /// <summary>
    /// Joins labels to their cases, marks each proposal right or wrong and stores them in one transaction;
    /// then, in order, feeds the SLO with each label that counts for its case's disposition on the current
    /// stage. A breach demotes the agent, recorded with its evidence. Throws
    /// <see cref="KeyNotFoundException"/> naming an unknown case, and then stores nothing.
    /// </summary>
    public async Task<IReadOnlyList<OutcomeResult>> RecordOutcomesAsync(IReadOnlyList<Outcome> outcomes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0)
        {
            return [];
        }

        var decisions = new DecisionRecord[outcomes.Count];
        var stored = new StoredOutcome[outcomes.Count];
        for (var i = 0; i < outcomes.Count; i++)
        {
            var outcome = outcomes[i];
            decisions[i] = await _store.GetDecisionAsync(outcome.CaseId, cancellationToken).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"No case '{outcome.CaseId}' is journalled; the outcome from {outcome.Actor} was not stored.");
            stored[i] = new StoredOutcome(outcome, _judge.Judge(decisions[i].Proposal.Action.Name, outcome));
        }

        var isNew = await _store.AppendOutcomesAsync(stored, cancellationToken).ConfigureAwait(false);
        var results = new OutcomeResult[outcomes.Count];
        for (var i = 0; i < outcomes.Count; i++)
        {
            var judgement = stored[i].Judgement;
            if (!isNew[i] || !CountsInSlo(decisions[i], outcomes[i].Source))
            {
                results[i] = new OutcomeResult(judgement, isNew[i], false, null);
                continue;
            }

            StageChange? demotion = null;
            var breach = _slo.Add(judgement);
            var change = breach is null ? null : DemotionRule.Demote(AgentId, Stage, breach, _useCase.Agent.Slo);
            // A person hears of every high-severity error, and of an accuracy breach when it demotes the agent;
            // on Shadow and ApproveEach the same numbers are promotion evidence, not an emergency.
            _watch?.Judged(decisions[i], judgement, breach is { Kind: SloBreachKind.HighSeverityError } || change is not null ? breach : null);
            if (change is not null)
            {
                demotion = change with { At = _time.GetUtcNow() };
                await ChangeStageAsync(demotion, cancellationToken).ConfigureAwait(false);
            }

            results[i] = new OutcomeResult(judgement, true, true, demotion);
        }

        if (_watch is not null)
        {
            await _watch.CheckAsync(Stage, _slo.Status, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <summary>
    /// Records approvers' verdicts on drafted actions. Approved drafts are committed and delivered; every
    /// verdict becomes its case's label. Returns, per approval, false when the case already had a verdict.
    /// </summary>
    public async Task<IReadOnlyList<bool>> ApproveAsync(IReadOnlyList<Approval> approvals, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(approvals);
        if (approvals.Count == 0)
        {
            return [];
        }

        var isNew = await _store.AppendApprovalsAsync(approvals, cancellationToken).ConfigureAwait(false);
        _watch?.Verdicts([.. approvals.Where((_, i) => isNew[i])]);
        var committed = new List<PendingAction>();
        var labels = new List<Outcome>();
        for (var i = 0; i < approvals.Count; i++)
        {
            var approval = approvals[i];
            if (!isNew[i])
            {
                continue;
            }

            var proposed = (await _store.GetDecisionAsync(approval.CaseId, cancellationToken).ConfigureAwait(false))!.Proposal.Action;
            if (approval.Verdict == Verdict.Approved)
            {
                _ledger.Record(proposed.Name, approval.At);
                committed.Add(new PendingAction(approval.CaseId, AgentId, proposed, approval.At));
            }

            var correct = approval.Verdict == Verdict.Approved ? proposed.Name : approval.CorrectAction ?? "(rejected)";
            labels.Add(new Outcome(approval.CaseId, OutcomeSource.ApproverVerdict, correct, approval.At, approval.Approver, approval.Reason));
        }

        await DeliverAsync(committed, cancellationToken).ConfigureAwait(false);
        await RecordOutcomesAsync(labels, cancellationToken).ConfigureAwait(false);
        return isNew;
    }

    /// <summary>People decide exception items; each decision is its case's label. Returns, per item, false when it was already resolved.</summary>
    public async Task<IReadOnlyList<bool>> ResolveExceptionsAsync(IReadOnlyList<ExceptionResolution> resolutions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resolutions);
        if (resolutions.Count == 0)
        {
            return [];
        }

        var isNew = await _store.ResolveExceptionsAsync(resolutions, cancellationToken).ConfigureAwait(false);
        var labels = resolutions.Where((_, i) => isNew[i]).Select(r => new Outcome(r.CaseId, OutcomeSource.ExceptionDecision, r.Action, r.At, r.ResolvedBy)).ToList();
        await RecordOutcomesAsync(labels, cancellationToken).ConfigureAwait(false);
        return isNew;
    }

    /// <summary>The evidence gathered on the current stage, from the journal.</summary>
    public async Task<StageEvidence> GetStageEvidenceAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var length = now > StageSince ? now - StageSince : TimeSpan.FromTicks(1);
        var stats = await _store.GetPeriodStatsAsync(AgentId, StageSince, length + TimeSpan.FromTicks(1), now, cancellationToken).ConfigureAwait(false);
        var labelled = stats.Sum(s => s.Labelled);
        var correct = stats.Sum(s => s.Correct);
        return new StageEvidence(Stage, StageSince, labelled, correct);
    }

    /// <summary>Whether the agent has earned the offer of a promotion, and what is missing if not.</summary>
    public async Task<PromotionCheck> CheckPromotionAsync(CancellationToken cancellationToken = default)
    {
        var evidence = await GetStageEvidenceAsync(cancellationToken).ConfigureAwait(false);
        return PromotionReadiness.Evaluate(_useCase.Agent.Promotion, evidence, _time.GetUtcNow());
    }

    /// <summary>
    /// Promotes the agent one rung, signed by <paramref name="actor"/>, when its evidence meets the criteria.
    /// Throws <see cref="InvalidOperationException"/> naming what is missing otherwise.
    /// </summary>
    public async Task<StageChange> PromoteAsync(string actor, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var evidence = await GetStageEvidenceAsync(cancellationToken).ConfigureAwait(false);
        var check = PromotionReadiness.Evaluate(_useCase.Agent.Promotion, evidence, _time.GetUtcNow());
        if (!check.Ready)
        {
            throw new InvalidOperationException($"{AgentId} may not leave {Stage} yet: {string.Join("; ", check.Unmet)}.");
        }

        var change = new StageChange(AgentId, Stage, TrustLadder.Above(Stage)!.Value, StageChangeKind.Promotion, _time.GetUtcNow(), actor, reason, new Dictionary<string, string>
        {
            ["labelled"] = evidence.Labelled.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["correct"] = evidence.Correct.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["accuracy"] = evidence.Accuracy.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture),
            ["since"] = evidence.Since.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        });
        await ChangeStageAsync(change, cancellationToken).ConfigureAwait(false);
        return change;
    }

    private async ValueTask<DecisionRecord> DecideOneAsync(CaseInput input, Stage stage, CancellationToken cancellationToken)
    {
        var agent = _useCase.Agent;
        var now = _time.GetUtcNow();
        var features = _contract.Map(input.Values);
        var (proposal, failure) = await _proposals.ProposeAsync(features, cancellationToken).ConfigureAwait(false);
        var verdict = _guard.Evaluate(proposal.Action, _ledger, now);
        var decision = StagePolicy.Decide(stage, agent.Thresholds, proposal, verdict, features);
        if (failure is not null)
        {
            decision = decision with { Reasons = [failure, .. decision.Reasons] };
        }

        ExceptionItem? item = null;
        if (decision.Disposition == Disposition.Excepted)
        {
            var due = BusinessHours.Add(agent.Calendar, now, agent.Slo.ExceptionSlaOrDefault);
            item = new ExceptionItem(input.CaseId, AgentId, string.Join("; ", decision.Reasons), now, due);
        }
        else if (decision.Disposition == Disposition.Committed)
        {
            _ledger.Record(proposal.Action.Name, now);
        }

        return new DecisionRecord(new Core.Cases.Case(input.CaseId, AgentId, input.OccurredAt, features), proposal, stage, decision, now, item);
    }

    // The label that measures the agent on its stage: what the human did in Shadow, the approver's verdict on a
    // draft, the QC result of an automatic commit. Cases people decided (exceptions, blocks) say nothing about
    // what the agent commits, and cases from an earlier stage do not count against this one.
    private bool CountsInSlo(DecisionRecord decision, OutcomeSource source) =>
        decision.DecidedAt >= StageSince && decision.Stage == Stage && (decision.Decision.Disposition, source) switch
        {
            (Disposition.Logged, OutcomeSource.HumanAction) => true,
            (Disposition.PendingApproval, OutcomeSource.ApproverVerdict) => true,
            (Disposition.Committed, OutcomeSource.QualityResult) => true,
            _ => false,
        };

    // Recorded once here (journal and audit in the store's one transaction), applied between batches.
    private async Task ChangeStageAsync(StageChange change, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _store.AppendStageChangeAsync(change, cancellationToken).ConfigureAwait(false);
            Stage = change.To;
            StageSince = change.At;
            _slo.Reset();
        }
        finally
        {
            _turn.Release();
        }
    }

    // Journalled first, delivered second, marked delivered last: a crash between the steps delivers again
    // at the next start, and the connector's idempotency by case id makes that harmless.
    private async Task DeliverAsync(IReadOnlyList<PendingAction> actions, CancellationToken cancellationToken)
    {
        if (actions.Count == 0)
        {
            return;
        }

        await _connector.DeliverAsync(actions, cancellationToken).ConfigureAwait(false);
        await _store.MarkActionsDeliveredAsync([.. actions.Select(a => a.CaseId)], _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    private async Task RebuildSloAsync(CancellationToken cancellationToken)
    {
        var recent = await _store.GetRecentJudgementsAsync(AgentId, _useCase.Agent.Slo.Window * 4, StageSince, cancellationToken).ConfigureAwait(false);
        foreach (var judgement in recent)
        {
            var decision = await _store.GetDecisionAsync(judgement.CaseId, cancellationToken).ConfigureAwait(false);
            if (decision is not null && decision.DecidedAt >= StageSince && decision.Stage == Stage
                && decision.Decision.Disposition is Disposition.Logged or Disposition.PendingApproval or Disposition.Committed)
            {
                _slo.Add(judgement);
            }
        }

        // A demotion already recorded is not repeated: only a breach after this point demotes again.
        _slo.ClearBreach();
    }

    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        foreach (var limit in _useCase.Agent.Guard.RateLimits)
        {
            foreach (var at in await _store.GetCommitTimesAsync(AgentId, limit.Action, now - limit.Window, cancellationToken).ConfigureAwait(false))
            {
                _ledger.Record(limit.Action, at);
            }
        }

        await RebuildSloAsync(cancellationToken).ConfigureAwait(false);

        IReadOnlyList<PendingAction> pending;
        do
        {
            pending = await _store.GetUndeliveredActionsAsync(AgentId, 500, cancellationToken).ConfigureAwait(false);
            await DeliverAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        while (pending.Count > 0);
    }
}

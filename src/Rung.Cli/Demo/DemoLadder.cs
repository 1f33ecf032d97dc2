using Rung.Core.Ladder;
using Rung.Core.UseCases;
using Rung.Gates;
using Rung.Gates.Approval;
using Rung.Gates.Evaluation;
using Rung.Governance;
using Rung.Governance.Audit;
using Rung.Governance.Identity;
using Rung.Governance.Signatures;
using Rung.Runtime.Agents;
using Rung.Storage.Sqlite;

namespace Rung.Cli.Demo;

/// <summary>
/// The demo's climb: every working morning the owner reviews the agent. Once the agent's promotion rules offer a
/// promotion (and on ProductionOwned, every morning) the gate above its rung is evaluated; a criterion that fails
/// and names a lower stage demotes it there, and a passed gate is promoted only with the owner's electronic
/// signature (meaning Approved) on the gate's evidence snapshot. The running runtime takes a gate decision at once
/// (<see cref="AgentRuntime.RefreshStageAsync"/>), as a deployment picks up a stage change made by the control plane:
/// the next hour's parts are decided on the new stage, with no restart.
/// </summary>
internal sealed class DemoLadder : IDisposable
{
    private readonly SqliteRungStore _store;
    private readonly UseCaseDefinition _useCase;
    private readonly TimeProvider _clock;
    private readonly IdentityService _identity;
    private readonly SignatureService _signatures;
    private readonly ServerKey _key;
    private readonly GateService _gates;
    private readonly DemoSigner _owner;
    private string? _lastVerdict;

    private DemoLadder(SqliteRungStore store, UseCaseDefinition useCase, TimeProvider clock, IdentityService identity, ServerKey key, DemoSigner owner)
    {
        _store = store;
        _useCase = useCase;
        _clock = clock;
        _identity = identity;
        _key = key;
        _owner = owner;
        _signatures = new SignatureService(identity, store, key, clock);
        _gates = new GateService(store, store, clock);
    }

    /// <summary>Gives the owner an account (role Owner on the line) whose password only this run knows.</summary>
    public static async Task<DemoLadder> StartAsync(SqliteRungStore store, UseCaseDefinition useCase, string data, TimeProvider clock, CancellationToken cancellationToken)
    {
        var options = new IdentityOptions();
        var identity = new IdentityService(store, store, new StoreSecurityAlarms(store, options.SecurityOwner), options, clock);
        var owner = await DemoSigner.AddAsync(identity, useCase.Business.Owner, "Line 3 Lead (simulated)", Role.Owner, useCase.Agent.Scope, cancellationToken).ConfigureAwait(false);
        var key = ServerKey.LoadOrCreate(GovernancePaths.Keys(data));
        return new DemoLadder(store, useCase, clock, identity, key, owner);
    }

    /// <summary>The owner's morning review; a gate decision reaches the running <paramref name="agent"/> before this returns.</summary>
    public async Task ReviewAsync(AgentRuntime agent, List<string> dayEvents, CancellationToken cancellationToken)
    {
        if (agent.Stage is Stage.Paused or Stage.Retired)
        {
            return;
        }

        if (agent.Stage != Stage.ProductionOwned && !(await agent.CheckPromotionAsync(cancellationToken).ConfigureAwait(false)).Ready)
        {
            return;
        }

        await DemoGates.ReviewAsync(_store, _useCase, _gates, _clock, cancellationToken).ConfigureAwait(false);
        var (report, demotion) = await _gates.DemoteOnFailureAsync(_useCase, cancellationToken).ConfigureAwait(false);
        Report(report, dayEvents);
        if (demotion is not null)
        {
            dayEvents.Add($"demoted {demotion.From} -> {demotion.To} by the gate: {demotion.Reason}");
            await ApplyAsync(agent, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!report.Passed || report.Stage == Stage.ProductionOwned)
        {
            return;
        }

        var (_, change) = await _gates.PromoteAsync(_useCase, await SignInAsync(cancellationToken).ConfigureAwait(false), _useCase.Business.Owner, cancellationToken).ConfigureAwait(false);
        dayEvents.Add($"promoted {change.From} -> {change.To}, signed Approved by {change.Actor} on gate evidence {change.Evidence["evidence_sha256"][..12]}");
        await ApplyAsync(agent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The owner signs in for one signing ceremony: user id and password, as the signature service asks.</summary>
    public async Task<SignedPromotionApproval> SignInAsync(CancellationToken cancellationToken)
    {
        var session = await _owner.SignInAsync(cancellationToken).ConfigureAwait(false);
        return new SignedPromotionApproval(_signatures, _identity, _owner.UserId, _useCase.Agent.Scope, session, _owner.UserId, _owner.Password);
    }

    public void Dispose() => _key.Dispose();

    private void Report(GateReport report, List<string> dayEvents)
    {
        // The same verdict every morning says nothing new: a line is printed when it changes.
        var verdict = "gate " + report.Headline;
        if (verdict != _lastVerdict)
        {
            dayEvents.Add(verdict);
            _lastVerdict = verdict;
        }
    }

    private async Task ApplyAsync(AgentRuntime agent, CancellationToken cancellationToken)
    {
        _lastVerdict = null;
        if (!await agent.RefreshStageAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"The runtime of {agent.AgentId} is still on {agent.Stage} after the gate decision.");
        }
    }
}

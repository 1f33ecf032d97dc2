using System.Globalization;
using Rung.Core.Ladder;
using Rung.Core.UseCases;
using Rung.Models;
using Rung.Registry;
using Rung.Registry.Gates;
using Rung.Registry.Retraining;
using Rung.Registry.Signing;
using Rung.Runtime.Agents;
using Rung.Runtime.Challengers;
using Rung.Runtime.Models;
using Rung.Runtime.Monitoring;
using Rung.Storage.Sqlite;

namespace Rung.Cli.Demo;

/// <summary>
/// The demo's model lifecycle: the pilot is registered, signed and released as the first champion and the agent
/// decides through the registry. After the supplier change breaks the SLO, the journal's labelled cases are
/// exported, the model is retrained and gated against the champion; the new version then runs in shadow beside the
/// champion on live cases for a few days, and only with that live comparison is it signed by a simulated approver and
/// released.
/// </summary>
internal sealed class DemoRetraining : IAsyncDisposable
{
    private const int MinimumLabelledCases = 1500;
    private const int ShadowDays = 3;
    private const int ShadowCases = 500;
    private readonly ModelRegistry _registry;
    private readonly SigningKey _key;
    private readonly DemoReleaseApprover _approver;
    private readonly UseCaseDefinition _useCase;
    private readonly TimeProvider _clock;
    private readonly int _seed;
    private readonly string _data;
    private readonly SqliteRungStore _store;
    private bool _done;
    private ChallengerShadow? _shadow;
    private string? _challenger;
    private DateTimeOffset _shadowSince;

    private DemoRetraining(ModelRegistry registry, SqliteRungStore store, SigningKey key, DemoReleaseApprover approver, UseCaseDefinition useCase, TimeProvider clock, int seed, string data, VerifiedModelHost host)
    {
        _registry = registry;
        _store = store;
        _key = key;
        _approver = approver;
        _useCase = useCase;
        _clock = clock;
        _seed = seed;
        _data = data;
        Host = host;
    }

    /// <summary>The model the agent decides with.</summary>
    public VerifiedModelHost Host { get; }

    /// <summary>Removes what an earlier run left: registry folders and keys belong to the demo's database.</summary>
    public static void Prepare(string data)
    {
        foreach (var folder in new[] { "models", "retraining", "keys" })
        {
            var path = Path.Combine(data, folder);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }

    public static async Task<DemoRetraining> StartAsync(string data, UseCaseDefinition useCase, SqliteRungStore store, AlarmCenter alarms, TimeProvider clock, int seed, CancellationToken cancellationToken)
    {
        var key = SigningKey.LoadOrCreate(Path.Combine(data, "keys"));
        var registry = new ModelRegistry(store, data, key, clock, ReleasePolicy.Regulated with { MinimumShadowCases = ShadowCases });
        var agentId = useCase.Agent.Id;
        var pilot = await registry.RegisterAsync(
            new ModelRegistration(agentId, new ModelConfiguration(ModelArtifactKind.InProcessFile, useCase.Agent.Model.Command, []), [Path.Combine(data, useCase.Agent.Model.Command)], ModelLineage.Unknown with { CodeVersion = "pilot" }, null, "pilot.team"),
            cancellationToken).ConfigureAwait(false);
        var signed = await registry.SignAsync(agentId, pilot.Version, "pilot.team", cancellationToken).ConfigureAwait(false);
        var approver = await DemoReleaseApprover.StartAsync(store, useCase, data, clock, cancellationToken).ConfigureAwait(false);
        await approver.SignAsync(agentId, pilot.Version, signed.ManifestSha256 ?? throw new InvalidOperationException($"The pilot {pilot.Version} did not sign: {string.Join("; ", signed.Problems)}"), cancellationToken).ConfigureAwait(false);
        await registry.ReleaseAsync(agentId, pilot.Version, useCase.Business.Owner, approver.Approvals, cancellationToken).ConfigureAwait(false);
        var host = await VerifiedModelHost.StartAsync(registry, agentId, alarms, clock, cancellationToken).ConfigureAwait(false);
        return new DemoRetraining(registry, store, key, approver, useCase, clock, seed, data, host);
    }

    /// <summary>Hands the agent's journalled batches to the challenger in shadow, when one runs; returns the agent.</summary>
    public AgentRuntime Observe(AgentRuntime agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        agent.Observer = _shadow;
        return agent;
    }

    /// <summary>At the end of a day: once the SLO broke after the supplier change and enough cases are labelled, retrain once.</summary>
    public async Task<IReadOnlyList<string>> AfterDayAsync(AgentRuntime agent, IReadOnlyList<StageChange> history, DateTimeOffset supplierChange, CancellationToken cancellationToken)
    {
        if (_shadow is not null && _challenger is not null)
        {
            return await AfterShadowDayAsync(agent, cancellationToken).ConfigureAwait(false);
        }

        if (_done || !history.Any(h => h.Kind == StageChangeKind.Demotion && h.At > supplierChange))
        {
            return [];
        }

        var labelled = await _registry.Store.GetLabelledCasesAsync(agent.AgentId, 100_000, supplierChange, cancellationToken).ConfigureAwait(false);
        if (labelled.Count < MinimumLabelledCases)
        {
            return [];
        }

        _done = true;
        var split = labelled.Count * 7 / 10;
        var request = new RetrainingRequest(
            _useCase.Agent, RetrainingTrigger.AccuracyBreach, "system", [.. labelled.Take(split)], [.. labelled.Skip(split)], [.. labelled.TakeLast(500)],
            new GateOptions { SliceKeys = ["shift"], RobustnessCases = 50 },
            c => new Dictionary<string, string> { ["shift"] = Shift(c.OccurredAt) });
        var pipeline = new RetrainingPipeline(_registry, new SoftmaxTrainingRunner(_seed), Path.Combine(_data, "retraining"), _clock);
        var result = await pipeline.RunAsync(request, cancellationToken).ConfigureAwait(false);
        var events = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"retraining on {result.Snapshot.Rows} labelled cases since the supplier change (snapshot {result.Snapshot.Id}): challenger {result.Challenger.Version}"),
        };
        if (!result.Gate.Passed)
        {
            events.Add($"challenger {result.Challenger.Version} rejected by its test gates: {string.Join("; ", result.Gate.FailedChecks.Select(c => $"{c.Name} ({c.Detail})"))}");
            return events;
        }

        var holdout = result.Gate.Checks.First(c => c.Name == "holdout.accuracy");
        events.Add($"challenger {result.Challenger.Version} passed {result.Gate.Checks.Count} test gates: {holdout.Detail}");
        _shadow = await ChallengerShadow.StartAsync(_registry, _store, _useCase.Agent, new ChallengerShadowOptions { Slices = ShadowSlices.ByShift(_useCase.Agent) }, _clock, cancellationToken).ConfigureAwait(false);
        _challenger = result.Challenger.Version;
        _shadowSince = _clock.GetUtcNow();
        Observe(agent);
        events.Add($"challenger {_challenger} now runs in shadow beside {Host.Version} on live cases; released after {ShadowDays} days and {ShadowCases} live cases at least");
        return events;
    }

    // The release waits for live evidence: the shadow days have passed and the challenger answered enough live cases.
    private async Task<IReadOnlyList<string>> AfterShadowDayAsync(AgentRuntime agent, CancellationToken cancellationToken)
    {
        await _shadow!.DrainAsync(cancellationToken).ConfigureAwait(false);
        var version = _challenger!;
        var live = await _registry.CompareLiveAsync(agent.AgentId, version, Host.Version, cancellationToken).ConfigureAwait(false);
        if (_clock.GetUtcNow() - _shadowSince < TimeSpan.FromDays(ShadowDays) || live.Answered < ShadowCases)
        {
            return [];
        }

        var manifest = (await _registry.RequireAsync(agent.AgentId, version, cancellationToken).ConfigureAwait(false)).ManifestSha256
            ?? throw new InvalidOperationException($"Challenger {version} is not signed.");
        await _approver.SignAsync(agent.AgentId, version, manifest, cancellationToken).ConfigureAwait(false);
        var release = await _registry.ReleaseAsync(agent.AgentId, version, DemoReleaseApprover.UserId, _approver.Approvals, cancellationToken).ConfigureAwait(false);
        await Host.FollowChampionAsync(cancellationToken).ConfigureAwait(false);
        await _shadow.FollowChallengerAsync(cancellationToken).ConfigureAwait(false);
        _challenger = null;
        return
        [
            .. live.Describe(),
            $"released {release.Version} (replacing {release.Previous}) with {live.Answered} live shadow cases as evidence, signed Approved by {release.Signature!.Signer}; the agent now decides with {Host.Version}",
        ];
    }

    public async ValueTask DisposeAsync()
    {
        if (_shadow is not null)
        {
            await _shadow.DisposeAsync().ConfigureAwait(false);
        }

        await Host.DisposeAsync().ConfigureAwait(false);
        _key.Dispose();
        _approver.Dispose();
    }

    private string Shift(DateTimeOffset at)
    {
        var hour = TimeZoneInfo.ConvertTime(at, _useCase.Agent.Calendar.TimeZone).Hour;
        return hour is >= 6 and < 22 ? "day" : "night";
    }
}

using System.Globalization;
using Rung.Core.Alarms;
using Rung.Core.Cases;
using Rung.Core.Slo;
using Rung.Models;
using Rung.Registry;
using Rung.Runtime.Monitoring;

namespace Rung.Runtime.Models;

/// <summary>
/// The model an agent decides with, loaded only through the registry's verification. A version that is unsigned or
/// fails verification is refused: the last known-good version keeps deciding and an alarm names what was wrong.
/// Safe to call from several threads; a switch is atomic for callers (a call in flight finishes on the old model, and an
/// <see cref="Agents.AgentRuntime"/> decides each batch on the version it began with). A version switched away from
/// stays loaded until the host is disposed.
/// </summary>
public sealed class VerifiedModelHost : IModelAdapter, ISwitchingModel
{
    /// <summary>The alarm rule raised when a version is refused at load.</summary>
    public const string IntegrityRule = "model.integrity";

    /// <summary>The alarm rule raised when a champion is rolled back inside its probation window.</summary>
    public const string ProbationRule = "model.probation_rollback";

    private readonly ModelRegistry _registry;
    private readonly string _agentId;
    private readonly AlarmCenter? _alarms;
    private readonly TimeProvider _time;
    private readonly List<IModelAdapter> _retired = [];
    private readonly SemaphoreSlim _switch = new(1, 1);
    private IModelAdapter _current;

    private VerifiedModelHost(ModelRegistry registry, string agentId, AlarmCenter? alarms, TimeProvider time, IModelAdapter current)
    {
        _registry = registry;
        _agentId = agentId;
        _alarms = alarms;
        _time = time;
        _current = current;
    }

    /// <summary>The version now deciding.</summary>
    public string Version => Volatile.Read(ref _current).Version;

    /// <inheritdoc />
    IModelAdapter ISwitchingModel.Current => Volatile.Read(ref _current);

    /// <summary>
    /// Loads the agent's champion. Throws <see cref="ModelIntegrityException"/> when it does not verify (there is no
    /// known-good version yet to fall back on) and <see cref="InvalidOperationException"/> when there is no champion.
    /// </summary>
    public static async Task<VerifiedModelHost> StartAsync(ModelRegistry registry, string agentId, AlarmCenter? alarms, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(time);
        var champion = await registry.GetAliasAsync(agentId, ModelAliases.Champion, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Agent '{agentId}' has no champion model in the registry; release one with `rung model release`.");
        var model = await VerifiedModelLoader.LoadAsync(registry, agentId, champion, time, cancellationToken).ConfigureAwait(false);
        return new VerifiedModelHost(registry, agentId, alarms, time, model);
    }

    /// <summary>
    /// Switches to <paramref name="version"/> when it verifies. Otherwise keeps the current model, records a
    /// <c>load_refused</c> event, raises a critical alarm naming the problems and returns false.
    /// </summary>
    public async Task<bool> SwitchToAsync(string version, CancellationToken cancellationToken = default)
    {
        await _switch.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IModelAdapter next;
            try
            {
                next = await VerifiedModelLoader.LoadAsync(_registry, _agentId, version, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ModelIntegrityException or InvalidDataException or NotSupportedException or KeyNotFoundException)
            {
                await RefuseAsync(version, ex.Message, cancellationToken).ConfigureAwait(false);
                return false;
            }

            _retired.Add(Interlocked.Exchange(ref _current, next));
            return true;
        }
        finally
        {
            _switch.Release();
        }
    }

    /// <summary>Switches to whatever the registry names champion now (after a release or rollback).</summary>
    public async Task<bool> FollowChampionAsync(CancellationToken cancellationToken = default)
    {
        var champion = await _registry.GetAliasAsync(_agentId, ModelAliases.Champion, cancellationToken).ConfigureAwait(false);
        return champion is null || champion == Version || await SwitchToAsync(champion, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// When the SLO is breached while the champion is on probation, rolls it back, raises an alarm and switches to
    /// the restored version. Returns the rollback, or null when nothing was done.
    /// </summary>
    public async Task<ReleaseRecord?> CheckProbationAsync(SloStatus slo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slo);
        var evidence = string.Create(CultureInfo.InvariantCulture, $"rolling accuracy {slo.RollingAccuracy:0.000} over {slo.Labelled} labelled, {slo.HighSeverityErrors} high-severity errors");
        var from = Version;
        var rollback = await _registry.CheckProbationAsync(_agentId, slo.Health == SloHealth.Breached, evidence, cancellationToken).ConfigureAwait(false);
        if (rollback is null)
        {
            return null;
        }

        await RaiseAsync(new AlarmCondition(ProbationRule, from, true, AlarmSeverity.Critical, $"Model {from} broke the SLO on probation and was rolled back to {rollback.Version}", new Dictionary<string, string>
        {
            ["from"] = from,
            ["to"] = rollback.Version,
            ["evidence"] = evidence,
        }, ClearsItself: false), cancellationToken).ConfigureAwait(false);
        await SwitchToAsync(rollback.Version, cancellationToken).ConfigureAwait(false);
        return rollback;
    }

    /// <inheritdoc />
    public ValueTask<ModelOutput> PredictAsync(FeatureVector features, CancellationToken cancellationToken = default) =>
        Volatile.Read(ref _current).PredictAsync(features, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var old in _retired)
        {
            await old.DisposeAsync().ConfigureAwait(false);
        }

        _retired.Clear();
        await _current.DisposeAsync().ConfigureAwait(false);
        _switch.Dispose();
    }

    private async Task RefuseAsync(string version, string problem, CancellationToken cancellationToken)
    {
        await _registry.Store.AppendModelEventAsync(new Storage.Registry.ModelEvent(_agentId, version, "load_refused", "system", _time.GetUtcNow(), RegistryJson.Write(new { problem, kept = Version })), cancellationToken).ConfigureAwait(false);
        await RaiseAsync(new AlarmCondition(IntegrityRule, version, true, AlarmSeverity.Critical, $"Model {version} refused at load; {Version} keeps deciding", new Dictionary<string, string>
        {
            ["version"] = version,
            ["kept"] = Version,
            ["problem"] = problem,
        }, ClearsItself: false), cancellationToken).ConfigureAwait(false);
    }

    private async Task RaiseAsync(AlarmCondition condition, CancellationToken cancellationToken)
    {
        if (_alarms is not null)
        {
            await _alarms.EvaluateAsync([condition], cancellationToken).ConfigureAwait(false);
        }
    }
}

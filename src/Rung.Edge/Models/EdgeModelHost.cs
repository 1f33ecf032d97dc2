using System.Globalization;
using Rung.Core.Alarms;
using Rung.Core.Cases;
using Rung.Edge.Alarms;
using Rung.Edge.Safety;
using Rung.Models;
using Rung.Registry;
using Rung.Registry.Signing;

namespace Rung.Edge.Models;

/// <summary>
/// The signed model an edge agent decides with, loaded only from a cached version that verifies with the pinned key
/// (verified again at every start). A version that does not verify is refused with an alarm naming the file and the
/// problem, and the last known-good cached version decides. A version that fails <see cref="FailureLimit"/> calls in
/// a row (errors, crashes past the process adapter's own restarts, or watchdog timeouts reported by
/// <see cref="EdgeModelGuard"/>) is replaced by the last known-good version, with an alarm.
/// </summary>
/// <remarks>
/// The server's <c>VerifiedModelHost</c> switches through the registry and its store; an edge has only its verified
/// copies, so this host shares the verification (<see cref="ManifestVerifier"/>) and the loading
/// (<see cref="VerifiedModelLoader.Open"/>) and keeps the same switch rule: a call in flight finishes on the old model.
/// Thread-safe.
/// </remarks>
public sealed class EdgeModelHost : IModelAdapter, IModelCallObserver
{
    private readonly string _agentId;
    private readonly EdgeModelCache _cache;
    private readonly SigningKey _key;
    private readonly EdgeAlarms _alarms;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<string> _candidates;
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);
    private readonly List<IModelAdapter> _retired = [];
    private readonly SemaphoreSlim _switch = new(1, 1);
    private IModelAdapter _current;
    private int _failures;

    private EdgeModelHost(string agentId, EdgeModelCache cache, SigningKey key, EdgeAlarms alarms, int failureLimit, TimeProvider time, IReadOnlyList<string> candidates, IModelAdapter current)
    {
        _agentId = agentId;
        _cache = cache;
        _key = key;
        _alarms = alarms;
        FailureLimit = failureLimit;
        _time = time;
        _candidates = candidates;
        _current = current;
    }

    /// <summary>The version now deciding.</summary>
    public string Version => Volatile.Read(ref _current).Version;

    /// <summary>Failed calls in a row that replace the version.</summary>
    public int FailureLimit { get; }

    /// <summary>Failed calls in a row so far.</summary>
    public int ConsecutiveFailures => Volatile.Read(ref _failures);

    /// <summary>
    /// Opens the first cached version of the agent that verifies: the champion, then the others newest first. Each
    /// that does not verify raises an <see cref="EdgeAlarmRules.ModelIntegrity"/> alarm. Returns null when the agent
    /// has no cached version at all; when versions are cached but none verifies, the agent gets a model that answers
    /// every case as unavailable (the use case's safe default decides) and a critical alarm says so.
    /// </summary>
    public static async Task<IModelAdapter?> OpenAsync(string agentId, EdgeModelCache cache, SigningKey key, EdgeAlarms alarms, int failureLimit, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(alarms);
        ArgumentOutOfRangeException.ThrowIfLessThan(failureLimit, 1);
        var candidates = (await cache.LoadStateAsync(agentId, cancellationToken).ConfigureAwait(false)).Candidates;
        if (candidates.Count == 0)
        {
            return null;
        }

        var refused = new List<(string Version, string Problem)>();
        foreach (var version in candidates)
        {
            var (model, problems) = await TryOpenAsync(cache, agentId, version, key, time, cancellationToken).ConfigureAwait(false);
            if (model is null)
            {
                refused.Add((version, problems[0]));
                continue;
            }

            var host = new EdgeModelHost(agentId, cache, key, alarms, failureLimit, time, candidates, model);
            foreach (var (bad, problem) in refused)
            {
                host._refused.Add(bad);
                await RaiseIntegrityAsync(alarms, agentId, bad, problem, version, cancellationToken).ConfigureAwait(false);
            }

            return host;
        }

        foreach (var (bad, problem) in refused)
        {
            await RaiseIntegrityAsync(alarms, agentId, bad, problem, null, cancellationToken).ConfigureAwait(false);
        }

        return new UnavailableModel($"no cached model version of {agentId} verifies", "unverified");
    }

    /// <inheritdoc />
    public ValueTask<ModelOutput> PredictAsync(FeatureVector features, CancellationToken cancellationToken = default) =>
        Volatile.Read(ref _current).PredictAsync(features, cancellationToken);

    /// <inheritdoc />
    public async ValueTask ObserveAsync(ModelFailure? failure, string? message, CancellationToken cancellationToken = default)
    {
        if (failure is null)
        {
            Interlocked.Exchange(ref _failures, 0);
            return;
        }

        if (Interlocked.Increment(ref _failures) >= FailureLimit)
        {
            await ReplaceAsync($"{failure}: {message}", cancellationToken).ConfigureAwait(false);
        }
    }

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

    private async Task ReplaceAsync(string lastProblem, CancellationToken cancellationToken)
    {
        await _switch.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var failures = Volatile.Read(ref _failures);
            if (failures < FailureLimit)
            {
                return; // another call replaced it meanwhile
            }

            var failing = Version;
            _refused.Add(failing);
            var evidence = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["from"] = failing,
                ["failures_in_a_row"] = failures.ToString(CultureInfo.InvariantCulture),
                ["limit"] = FailureLimit.ToString(CultureInfo.InvariantCulture),
                ["last_problem"] = lastProblem,
            };
            foreach (var version in _candidates.Where(v => !_refused.Contains(v)))
            {
                var (model, problems) = await TryOpenAsync(_cache, _agentId, version, _key, _time, cancellationToken).ConfigureAwait(false);
                if (model is null)
                {
                    _refused.Add(version);
                    await RaiseIntegrityAsync(_alarms, _agentId, version, problems[0], failing, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                _retired.Add(Interlocked.Exchange(ref _current, model));
                Interlocked.Exchange(ref _failures, 0);
                evidence["to"] = version;
                await _alarms.RaiseAsync(_agentId, EdgeAlarmRules.ModelReplaced, failing, AlarmSeverity.Critical, $"Model {failing} failed {failures} calls in a row ({lastProblem}); replaced by the last known-good {version}", evidence, cancellationToken).ConfigureAwait(false);
                return;
            }

            // Nothing to fall back on: keep the model (the guard's safe default answers its failures) and say so once.
            Interlocked.Exchange(ref _failures, int.MinValue / 2);
            await _alarms.RaiseAsync(_agentId, EdgeAlarmRules.Watchdog, failing, AlarmSeverity.Critical, $"Model {failing} failed {failures} calls in a row ({lastProblem}) and no other cached version verifies", evidence, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _switch.Release();
        }
    }

    private static async Task<(IModelAdapter? Model, IReadOnlyList<string> Problems)> TryOpenAsync(EdgeModelCache cache, string agentId, string version, SigningKey key, TimeProvider time, CancellationToken cancellationToken)
    {
        var snapshot = await cache.VerifyAsync(agentId, version, key, cancellationToken).ConfigureAwait(false);
        if (!snapshot.Verification.Passed)
        {
            return (null, snapshot.Verification.Problems);
        }

        try
        {
            return (VerifiedModelLoader.Open(snapshot, cache.FolderOf(agentId, version), time), []);
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException or KeyNotFoundException or ModelIntegrityException)
        {
            return (null, [ex.Message]);
        }
    }

    private static Task<Storage.Edge.EdgeAlarmRecord> RaiseIntegrityAsync(EdgeAlarms alarms, string agentId, string version, string problem, string? kept, CancellationToken cancellationToken)
    {
        var file = problem.Split(": ", 2)[0];
        var evidence = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["version"] = version,
            ["file"] = file,
            ["problem"] = problem,
            ["kept"] = kept ?? "(none: the safe default decides)",
        };
        var title = $"Cached model {version} refused: {problem}; {(kept is null ? "no verified version is left, the safe default decides" : $"{kept} keeps deciding")}";
        return alarms.RaiseAsync(agentId, EdgeAlarmRules.ModelIntegrity, $"{version}/{file}", AlarmSeverity.Critical, title, evidence, cancellationToken);
    }
}

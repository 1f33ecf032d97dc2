using Rung.Core.Alarms;
using Rung.Edge.Alarms;
using Rung.Edge.Models;
using Rung.Edge.Protocol;
using Rung.Models;
using Rung.Registry.Signing;

namespace Rung.Edge.Hosting;

/// <summary>
/// An edge's signed models at start: the trusted key resolved (<see cref="EdgeTrustKey"/>), each agent's champion
/// fetched from the server into the cache and verified when the server is there, then each agent's model opened from
/// the cache (verified again). Every refusal raises an <see cref="EdgeAlarmRules.ModelIntegrity"/> alarm.
/// </summary>
public sealed class EdgeSignedModels : IDisposable
{
    private readonly EdgeModelCache _cache;
    private readonly SigningKey? _key;
    private readonly EdgeAlarms _alarms;
    private readonly int _failureLimit;
    private readonly TimeProvider _time;

    private EdgeSignedModels(EdgeModelCache cache, SigningKey? key, EdgeAlarms alarms, int failureLimit, TimeProvider time)
    {
        _cache = cache;
        _key = key;
        _alarms = alarms;
        _failureLimit = failureLimit;
        _time = time;
    }

    /// <summary>The trusted key's id, or null when the edge has none yet.</summary>
    public string? KeyId => _key?.KeyId;

    /// <summary>Resolves the key and fetches the champions of <paramref name="agentIds"/> when <paramref name="source"/> answers.</summary>
    /// <param name="dataFolder">The edge's data folder (the cache is <c>models/</c> in it, the pinned key <c>keys/</c>).</param>
    /// <param name="source">The server, or null to start from the cache alone.</param>
    /// <param name="serverKey">The operator's key file (<c>--server-key</c>), or null to pin the server's at first contact.</param>
    /// <param name="agentIds">The agents this edge runs.</param>
    /// <param name="alarms">Where refusals are raised.</param>
    /// <param name="failureLimit">Failed calls in a row that replace a model.</param>
    /// <param name="time">The clock.</param>
    /// <param name="report">Hears one line per decision, for the console.</param>
    /// <param name="cancellationToken">Stops the fetch.</param>
    /// <exception cref="InvalidDataException">A key file is not a P-256 public key in PEM.</exception>
    public static async Task<EdgeSignedModels> PrepareAsync(string dataFolder, IEdgeModelSource? source, FileInfo? serverKey, IReadOnlyList<string> agentIds, EdgeAlarms alarms, int failureLimit, TimeProvider time, Action<string> report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentIds);
        ArgumentNullException.ThrowIfNull(report);
        EdgeModelListing? listing = null;
        if (source is not null)
        {
            try
            {
                listing = await source.GetModelsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (EdgeServerException ex)
            {
                report($"signed models: not fetched ({ex.Message}); starting from the cache");
            }
        }

        var key = await EdgeTrustKey.ResolveAsync(dataFolder, serverKey, listing?.PublicKeyPem, report, cancellationToken).ConfigureAwait(false);
        var models = new EdgeSignedModels(new EdgeModelCache(dataFolder), key, alarms, failureLimit, time);
        if (listing is not null && key is not null)
        {
            await models.FetchAsync(source!, listing, key, agentIds, report, cancellationToken).ConfigureAwait(false);
        }

        return models;
    }

    /// <summary>
    /// The agent's signed model from the cache, or null when the edge holds no version of it (the use case's own
    /// model then decides, as before signed models).
    /// </summary>
    public async Task<IModelAdapter?> OpenAsync(string agentId, CancellationToken cancellationToken = default)
    {
        if (_key is not null)
        {
            return await EdgeModelHost.OpenAsync(agentId, _cache, _key, _alarms, _failureLimit, _time, cancellationToken).ConfigureAwait(false);
        }

        if ((await _cache.LoadStateAsync(agentId, cancellationToken).ConfigureAwait(false)).Candidates.Count == 0)
        {
            return null;
        }

        const string Problem = "no trusted key to verify the cached models with (pinned key missing; give --server-key)";
        await _alarms.RaiseAsync(agentId, EdgeAlarmRules.ModelIntegrity, "key", AlarmSeverity.Critical, "Cached models refused: " + Problem, new Dictionary<string, string> { ["problem"] = Problem }, cancellationToken).ConfigureAwait(false);
        return new UnavailableModel(Problem, "unverified");
    }

    /// <inheritdoc />
    public void Dispose() => _key?.Dispose();

    private async Task FetchAsync(IEdgeModelSource source, EdgeModelListing listing, SigningKey key, IReadOnlyList<string> agentIds, Action<string> report, CancellationToken cancellationToken)
    {
        foreach (var offer in listing.Models.Where(m => agentIds.Contains(m.AgentId, StringComparer.Ordinal)))
        {
            if (listing.KeyId != key.KeyId)
            {
                var problem = $"the server signs with key {listing.KeyId}, the edge trusts {key.KeyId} only (re-pin with --server-key)";
                await Refused(offer.AgentId, offer.Version, "key", problem).ConfigureAwait(false);
                continue;
            }

            EdgeModelFetch fetch;
            try
            {
                fetch = await _cache.FetchAsync(source, offer, key, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is EdgeServerException or InvalidDataException or IOException)
            {
                report($"signed model {offer.AgentId}/{offer.Version}: not fetched ({ex.Message}); the cache decides");
                continue;
            }

            foreach (var problem in fetch.CacheProblems.Take(1))
            {
                await Refused(offer.AgentId, offer.Version, problem.Split(": ", 2)[0], $"cached copy {problem}; set aside and fetched again").ConfigureAwait(false);
            }

            if (fetch.Passed)
            {
                report($"signed model {offer.AgentId}/{offer.Version}: {(fetch.Downloaded ? "fetched and verified" : "cached copy verified")} with key {key.KeyId}");
            }
            else
            {
                await Refused(offer.AgentId, offer.Version, fetch.Problems[0].Split(": ", 2)[0], "download " + fetch.Problems[0]).ConfigureAwait(false);
            }
        }

        Task Refused(string agentId, string version, string file, string problem) => _alarms.RaiseAsync(
            agentId,
            EdgeAlarmRules.ModelIntegrity,
            $"{version}/{file}",
            AlarmSeverity.Critical,
            $"Model {version} refused: {problem}",
            new Dictionary<string, string>(StringComparer.Ordinal) { ["version"] = version, ["file"] = file, ["problem"] = problem },
            cancellationToken);
    }
}

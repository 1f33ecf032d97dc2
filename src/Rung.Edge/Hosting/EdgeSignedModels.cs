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
/// the cache (verified again). Every refusal raises an <see cref="EdgeAlarmRules.ModelIntegrity"/> alarm. While the
/// edge runs, <see cref="RefreshAsync"/> follows the server's champions (a release, a rollback) the same way.
/// </summary>
public sealed class EdgeSignedModels : IDisposable
{
    private readonly string _dataFolder;
    private readonly EdgeModelCache _cache;
    private readonly EdgeAlarms _alarms;
    private readonly int _failureLimit;
    private readonly TimeProvider _time;

    // The offer (version and manifest digest) last settled per agent: fetched, refused or kept. A refused offer is not
    // fetched again on every poll, only when the server names another champion.
    private readonly Dictionary<string, string> _settled = new(StringComparer.Ordinal);
    private SigningKey? _key;

    private EdgeSignedModels(string dataFolder, EdgeModelCache cache, SigningKey? key, EdgeAlarms alarms, int failureLimit, TimeProvider time)
    {
        _dataFolder = dataFolder;
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
        var models = new EdgeSignedModels(dataFolder, new EdgeModelCache(dataFolder), key, alarms, failureLimit, time);
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

    /// <summary>
    /// Follows the server's champions while the edge runs: asks the listing, and for each of <paramref name="agentIds"/>
    /// whose champion changed since the last listing (a release, a rollback) fetches and verifies it exactly as at start,
    /// then opens it from the cache (verified again). Returns the models to switch to, one per agent whose new champion
    /// verified and loaded; the caller owns them. A champion that does not verify is refused with an alarm, is not
    /// cached, and is not tried again until the server names another; the current model keeps deciding.
    /// </summary>
    /// <exception cref="EdgeServerException">The server is away or refused the listing: nothing changed.</exception>
    public async Task<IReadOnlyList<(string AgentId, IModelAdapter Model)>> RefreshAsync(IEdgeModelSource source, IReadOnlyList<string> agentIds, Action<string> report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(agentIds);
        ArgumentNullException.ThrowIfNull(report);
        var listing = await source.GetModelsAsync(cancellationToken).ConfigureAwait(false);
        var changed = listing.Models.Where(m => agentIds.Contains(m.AgentId, StringComparer.Ordinal) && _settled.GetValueOrDefault(m.AgentId) != Tag(m)).ToList();
        if (changed.Count == 0)
        {
            return [];
        }

        // The edge started with no server and nothing pinned: this is the first contact.
        _key ??= await EdgeTrustKey.ResolveAsync(_dataFolder, null, listing.PublicKeyPem, report, cancellationToken).ConfigureAwait(false);
        if (_key is null)
        {
            return [];
        }

        var opened = new List<(string, IModelAdapter)>();
        foreach (var offer in changed)
        {
            if (await FetchOneAsync(source, listing, offer, _key, report, cancellationToken).ConfigureAwait(false) != true)
            {
                continue;
            }

            var model = await EdgeModelHost.OpenAsync(offer.AgentId, _cache, _key, _alarms, _failureLimit, _time, cancellationToken).ConfigureAwait(false);
            if (model is EdgeModelHost host && host.Version == offer.Version)
            {
                opened.Add((offer.AgentId, host));
            }
            else if (model is not null)
            {
                report($"signed model {offer.AgentId}/{offer.Version}: verified but not loaded; the current model keeps deciding");
                await model.DisposeAsync().ConfigureAwait(false);
            }
        }

        return opened;
    }

    /// <inheritdoc />
    public void Dispose() => _key?.Dispose();

    private static string Tag(EdgeModelOffer offer) => offer.Version + "|" + offer.ManifestSha256;

    private async Task FetchAsync(IEdgeModelSource source, EdgeModelListing listing, SigningKey key, IReadOnlyList<string> agentIds, Action<string> report, CancellationToken cancellationToken)
    {
        foreach (var offer in listing.Models.Where(m => agentIds.Contains(m.AgentId, StringComparer.Ordinal)))
        {
            await FetchOneAsync(source, listing, offer, key, report, cancellationToken).ConfigureAwait(false);
        }
    }

    // True when the offer is cached and verified, false when it was refused, null when it could not be fetched now.
    private async Task<bool?> FetchOneAsync(IEdgeModelSource source, EdgeModelListing listing, EdgeModelOffer offer, SigningKey key, Action<string> report, CancellationToken cancellationToken)
    {
        if (listing.KeyId != key.KeyId)
        {
            var problem = $"the server signs with key {listing.KeyId}, the edge trusts {key.KeyId} only (re-pin with --server-key)";
            await Refused(offer.AgentId, offer.Version, "key", problem).ConfigureAwait(false);
            _settled[offer.AgentId] = Tag(offer);
            return false;
        }

        EdgeModelFetch fetch;
        try
        {
            fetch = await _cache.FetchAsync(source, offer, key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is EdgeServerException or InvalidDataException or IOException)
        {
            report($"signed model {offer.AgentId}/{offer.Version}: not fetched ({ex.Message}); the cache decides");
            return null;
        }

        _settled[offer.AgentId] = Tag(offer);
        foreach (var problem in fetch.CacheProblems.Take(1))
        {
            await Refused(offer.AgentId, offer.Version, problem.Split(": ", 2)[0], $"cached copy {problem}; set aside and fetched again").ConfigureAwait(false);
        }

        if (fetch.Passed)
        {
            report($"signed model {offer.AgentId}/{offer.Version}: {(fetch.Downloaded ? "fetched and verified" : "cached copy verified")} with key {key.KeyId}");
            return true;
        }

        await Refused(offer.AgentId, offer.Version, fetch.Problems[0].Split(": ", 2)[0], "download " + fetch.Problems[0]).ConfigureAwait(false);
        return false;

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

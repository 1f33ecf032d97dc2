using System.Text.Json.Nodes;
using Rung.Governance.Identity;
using Rung.Governance.Signatures;
using Rung.Registry;
using Rung.Registry.Gates;
using Rung.Registry.Shadow;
using Rung.Registry.Signing;
using Rung.Server.Security;
using Rung.Storage;
using Rung.Storage.Audit;

namespace Rung.Server.Data;

/// <summary>
/// The Models page over the signed <see cref="ModelRegistry"/> of the data folder: versions with lineage, champion and
/// challenger, the stored challenger evidence, and release (on an Approved electronic signature over the version's
/// manifest hash, <see cref="SignedReleaseApprovals"/>) and rollback for the roles allowed. Releases and rollbacks are
/// also written to the audit trail, and reach the agent's running runtime at once (<see cref="RunningAgents.ChangeAsync{T}"/>):
/// its next case is decided by the new champion. The registry key is read from <c>DIR/keys</c> on first use. Thread-safe.
/// </summary>
public sealed class ModelConsole(
    IRungStore store, IModelRegistryStore models, IAuditStore audit, ConsoleGate gate, SignatureService signatures, ConsoleOptions options, TimeProvider time, RunningAgents running) : IDisposable
{
    /// <summary>The most registry events the page lists.</summary>
    public const int EventLimit = 50;

    /// <summary>The audit record type of an agent's champion model.</summary>
    public const string AuditType = "model";

    private readonly Lazy<SigningKey> _key = new(() => SigningKey.LoadOrCreate(Path.Combine(options.DataFolder, "keys")));
    private ModelRegistry? _registry;

    private ModelRegistry Registry => _registry ??= new ModelRegistry(models, options.DataFolder, _key.Value, options.PlantClock ?? time);

    /// <summary>The agent's versions, aliases and evidence; null for an unknown agent.</summary>
    public async Task<ModelView?> GetAsync(string agentId, CancellationToken cancellationToken = default)
    {
        var agent = await store.GetAgentAsync(agentId, cancellationToken).ConfigureAwait(false);
        if (agent is null)
        {
            return null;
        }

        var records = await models.GetModelVersionsAsync(agentId, cancellationToken).ConfigureAwait(false);
        var aliases = await models.GetModelAliasesAsync(agentId, cancellationToken).ConfigureAwait(false);
        var evidence = await models.GetModelEvidenceAsync(agentId, null, cancellationToken).ConfigureAwait(false);
        var events = await models.GetModelEventsAsync(agentId, cancellationToken).ConfigureAwait(false);
        var champion = aliases.FirstOrDefault(a => a.Alias == ModelAliases.Champion)?.Version;
        var challenger = aliases.FirstOrDefault(a => a.Alias == ModelAliases.Challenger)?.Version;
        var versions = new List<ModelVersionView>();
        foreach (var r in records.OrderByDescending(r => r.Sequence))
        {
            var mine = evidence.Where(e => e.Version == r.Version).OrderBy(e => e.At).ToList();
            var gates = mine.Where(e => e.Kind == GateReport.EvidenceKind).Select(e => GateReport.FromJson(e.Json)).ToList();
            var shadow = mine.Where(e => e.Kind == ShadowReport.EvidenceKind).Select(e => RegistryJson.Read<ShadowReport>(e.Json, "shadow report")).ToList();
            versions.Add(new ModelVersionView(
                r,
                RegistryJson.Read<ModelLineage>(r.LineageJson, "lineage"),
                [.. aliases.Where(a => a.Version == r.Version).Select(a => a.Alias)],
                gates,
                shadow,
                Blocker(r.Version, r.ManifestSha256, champion, gates)));
        }

        var release = champion is null ? null : await Registry.CurrentReleaseAsync(agentId, cancellationToken).ConfigureAwait(false);
        return new ModelView(agentId, agent.Scope, champion, challenger, release, versions, [.. events.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(EventLimit)]);
    }

    /// <summary>
    /// Makes a version the champion: the session must be allowed to release models on the agent's scope, the version
    /// must verify, have passed its test gates against the champion and carry an Approved signature over its manifest
    /// hash (given in the sign dialog before this call).
    /// </summary>
    /// <exception cref="ConsoleDeniedException">The session is over, or the role or zone does not allow releasing.</exception>
    /// <exception cref="ReleaseRefusedException">A requirement is not met; every unmet one is listed.</exception>
    /// <exception cref="KeyNotFoundException">The agent or version is unknown.</exception>
    public async Task<ReleaseRecord> ReleaseAsync(string? sessionId, string agentId, string version, CancellationToken cancellationToken = default)
    {
        var scope = await ScopeAsync(agentId, cancellationToken).ConfigureAwait(false);
        var session = await gate.AuthorizeAsync(sessionId, Operation.ReleaseModel, scope, cancellationToken).ConfigureAwait(false);
        return await running.ChangeAsync(agentId, async () =>
        {
            var release = await Registry.ReleaseAsync(agentId, version, session.UserId, new SignedReleaseApprovals(signatures), cancellationToken).ConfigureAwait(false);
            await AuditAsync(session.UserId, agentId, "release", release.Previous, release, $"released {version}, signed by {release.Signature?.Signer ?? "nobody"}", cancellationToken).ConfigureAwait(false);
            return release;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Restores the previous champion exactly; the session must be allowed to roll models back on the agent's scope.</summary>
    /// <exception cref="ArgumentException">No reason was given.</exception>
    /// <exception cref="ConsoleDeniedException">The session is over, or the role or zone does not allow rolling back.</exception>
    /// <exception cref="ReleaseRefusedException">There is nothing to roll back to, or the previous version no longer verifies.</exception>
    public async Task<ReleaseRecord> RollbackAsync(string? sessionId, string agentId, string reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException($"Rolling back the model of {agentId} needs a reason.", nameof(reason));
        }

        var scope = await ScopeAsync(agentId, cancellationToken).ConfigureAwait(false);
        var session = await gate.AuthorizeAsync(sessionId, Operation.RollbackModel, scope, cancellationToken).ConfigureAwait(false);
        return await running.ChangeAsync(agentId, async () =>
        {
            var from = await Registry.GetAliasAsync(agentId, ModelAliases.Champion, cancellationToken).ConfigureAwait(false);
            var rollback = await Registry.RollbackAsync(agentId, session.UserId, reason.Trim(), cancellationToken).ConfigureAwait(false);
            await AuditAsync(session.UserId, agentId, "rollback", from, rollback, reason.Trim(), cancellationToken).ConfigureAwait(false);
            return rollback;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The canonical bytes a release signature of a version is given over: its manifest hash.</summary>
    public static byte[] ReleaseBytes(string manifestSha256) => SignedReleaseApprovals.SignedBytes(manifestSha256);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_key.IsValueCreated)
        {
            _key.Value.Dispose();
        }
    }

    private static string? Blocker(string version, string? manifest, string? champion, List<GateReport> gates)
    {
        if (manifest is null)
        {
            return "not signed yet (rung model sign)";
        }

        if (champion == version)
        {
            return "the champion";
        }

        if (champion is null)
        {
            return null;
        }

        var latest = gates.LastOrDefault(g => g.Champion == champion);
        return latest is null ? $"no test-gate report against the champion {champion}"
            : latest.Passed ? null
            : $"its latest test gates against {champion} failed: {string.Join(", ", latest.FailedChecks.Select(c => c.Name))}";
    }

    private async Task<string> ScopeAsync(string agentId, CancellationToken cancellationToken) =>
        (await store.GetAgentAsync(agentId, cancellationToken).ConfigureAwait(false))?.Scope ?? throw new KeyNotFoundException($"No agent '{agentId}'.");

    private async Task AuditAsync(string actor, string agentId, string action, string? from, ReleaseRecord record, string reason, CancellationToken cancellationToken) =>
        await audit.AppendAuditAsync(
            new AuditDraft(
                actor, AuditType, agentId, action,
                CanonicalJson.Serialize(new JsonObject { ["champion"] = from }),
                CanonicalJson.Serialize(new JsonObject { ["champion"] = record.Version, ["manifestSha256"] = record.ManifestSha256 }),
                reason),
            cancellationToken).ConfigureAwait(false);
}

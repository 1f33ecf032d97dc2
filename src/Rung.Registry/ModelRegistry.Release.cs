using Rung.Registry.Gates;
using Rung.Storage.Registry;

namespace Rung.Registry;

public sealed partial class ModelRegistry
{
    /// <summary>The event kind of a release.</summary>
    public const string ReleasedEvent = "released";

    /// <summary>The event kind of a rollback.</summary>
    public const string RolledBackEvent = "rolled_back";

    /// <summary>
    /// Makes a version the champion. It must verify, have passed its test gates against the current champion (when
    /// there is one), and, under a regulated policy, carry an Approved signature on its exact manifest hash.
    /// </summary>
    /// <exception cref="ReleaseRefusedException">A requirement is not met; every unmet one is listed.</exception>
    public async Task<ReleaseRecord> ReleaseAsync(string agentId, string version, string actor, IReleaseSignature? signatures, CancellationToken cancellationToken = default)
    {
        await RequireAsync(agentId, version, cancellationToken).ConfigureAwait(false);
        var reasons = new List<string>();
        var snapshot = await VerifyAsync(agentId, version, cancellationToken).ConfigureAwait(false);
        reasons.AddRange(snapshot.Verification.Problems.Select(p => "verification: " + p));
        var champion = await GetAliasAsync(agentId, ModelAliases.Champion, cancellationToken).ConfigureAwait(false);
        if (champion == version)
        {
            reasons.Add($"{version} is already the champion");
        }

        if (champion is not null)
        {
            var gates = (await store.GetModelEvidenceAsync(agentId, version, cancellationToken).ConfigureAwait(false))
                .Where(e => e.Kind == GateReport.EvidenceKind && e.AgainstVersion == champion)
                .ToList();
            if (gates.Count == 0)
            {
                reasons.Add($"no test-gate report against the champion {champion}");
            }
            else if (!gates[^1].Passed)
            {
                reasons.Add($"the latest test-gate report against {champion} failed: {string.Join(", ", GateReport.FromJson(gates[^1].Json).FailedChecks.Select(c => c.Name))}");
            }
        }

        if (champion is not null && champion != version && await CheckLiveShadowAsync(agentId, version, champion, actor, cancellationToken).ConfigureAwait(false) is { } shadowReason)
        {
            reasons.Add(shadowReason);
        }

        ReleaseSignatureRecord? signature = null;
        var sha = snapshot.Verification.ManifestSha256;
        if (sha is not null && signatures is not null)
        {
            signature = await signatures.FindApprovalAsync(agentId, version, sha, cancellationToken).ConfigureAwait(false);
            if (signature is not null && (signature.Meaning != ReleaseSignatureRecord.Approved || signature.ManifestSha256 != sha))
            {
                reasons.Add($"the signature by {signature.Signer} is '{signature.Meaning}' over {signature.ManifestSha256}, not Approved over {sha}");
                signature = null;
            }
        }

        if (_policy.RequireSignature && signature is null && !reasons.Any(r => r.StartsWith("the signature", StringComparison.Ordinal)))
        {
            reasons.Add($"no Approved electronic signature over manifest {sha ?? "(none)"}");
        }

        if (reasons.Count > 0)
        {
            await store.AppendModelEventAsync(new ModelEvent(agentId, version, "release_refused", actor, time.GetUtcNow(), RegistryJson.Write(reasons)), cancellationToken).ConfigureAwait(false);
            throw new ReleaseRefusedException(agentId, version, reasons);
        }

        var now = time.GetUtcNow();
        var release = new ReleaseRecord(version, champion, sha!, signature, now, now + _policy.Probation);
        await store.SetModelAliasAsync(agentId, ModelAliases.Champion, version, new ModelEvent(agentId, version, ReleasedEvent, actor, now, RegistryJson.Write(release)), cancellationToken).ConfigureAwait(false);
        if (await GetAliasAsync(agentId, ModelAliases.Challenger, cancellationToken).ConfigureAwait(false) == version)
        {
            await store.SetModelAliasAsync(agentId, ModelAliases.Challenger, null, new ModelEvent(agentId, version, "alias.challenger.cleared", actor, now, "{}"), cancellationToken).ConfigureAwait(false);
        }

        return release;
    }

    /// <summary>
    /// Restores the champion that the current one replaced, exactly: the same version, so the same signed artefacts
    /// and configuration. The restored version must still verify.
    /// </summary>
    /// <exception cref="ReleaseRefusedException">There is nothing to roll back to, or the previous version no longer verifies.</exception>
    public async Task<ReleaseRecord> RollbackAsync(string agentId, string actor, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var current = await GetAliasAsync(agentId, ModelAliases.Champion, cancellationToken).ConfigureAwait(false)
            ?? throw new ReleaseRefusedException($"Agent '{agentId}' has no champion to roll back.");
        var made = await CurrentReleaseAsync(agentId, cancellationToken).ConfigureAwait(false);
        var previous = made?.Previous ?? throw new ReleaseRefusedException($"{agentId}/{current} was the first champion; there is no previous version to roll back to.");
        var snapshot = await VerifyAsync(agentId, previous, cancellationToken).ConfigureAwait(false);
        if (!snapshot.Verification.Passed)
        {
            throw new ReleaseRefusedException(agentId, previous, snapshot.Verification.Problems);
        }

        // The restored champion's own predecessor becomes the next rollback target, so repeated rollbacks walk back in order.
        var restoredFrom = await ReleaseThatMadeAsync(agentId, previous, cancellationToken).ConfigureAwait(false);
        var record = new ReleaseRecord(previous, restoredFrom?.Previous, snapshot.Verification.ManifestSha256!, null, time.GetUtcNow(), null, $"rolled back from {current}: {reason}");
        await store.SetModelAliasAsync(agentId, ModelAliases.Champion, previous, new ModelEvent(agentId, previous, RolledBackEvent, actor, record.At, RegistryJson.Write(record)), cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <summary>
    /// Rolls the champion back when it is still inside its probation window and its SLO broke. Returns the rollback,
    /// or null when nothing was done (no probation, or the SLO holds).
    /// </summary>
    public async Task<ReleaseRecord?> CheckProbationAsync(string agentId, bool sloBroken, string evidence, CancellationToken cancellationToken = default)
    {
        if (!sloBroken)
        {
            return null;
        }

        var release = await CurrentReleaseAsync(agentId, cancellationToken).ConfigureAwait(false);
        if (release?.ProbationUntil is not { } until || time.GetUtcNow() > until || release.Previous is null)
        {
            return null;
        }

        return await RollbackAsync(agentId, "system", $"SLO broken inside the probation window ({evidence})", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The release or rollback that made the current champion, or null.</summary>
    public async Task<ReleaseRecord?> CurrentReleaseAsync(string agentId, CancellationToken cancellationToken = default)
    {
        var champion = await GetAliasAsync(agentId, ModelAliases.Champion, cancellationToken).ConfigureAwait(false);
        return champion is null ? null : await ReleaseThatMadeAsync(agentId, champion, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ReleaseRecord?> ReleaseThatMadeAsync(string agentId, string version, CancellationToken cancellationToken)
    {
        var events = await store.GetModelEventsAsync(agentId, cancellationToken).ConfigureAwait(false);
        var last = events.LastOrDefault(e => e.Version == version && e.Kind is ReleasedEvent or RolledBackEvent);
        return last is null ? null : RegistryJson.Read<ReleaseRecord>(last.Detail, "release record");
    }
}

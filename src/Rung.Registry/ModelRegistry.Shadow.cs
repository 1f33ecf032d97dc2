using System.Globalization;
using Rung.Registry.Shadow;
using Rung.Storage;
using Rung.Storage.Registry;

namespace Rung.Registry;

public sealed partial class ModelRegistry
{
    /// <summary>
    /// The challenger's live shadow comparison beside <paramref name="champion"/> (beside any champion when null),
    /// computed now from the stored shadow rows and the labels that have arrived.
    /// </summary>
    /// <exception cref="NotSupportedException">The registry's store keeps no shadow proposals.</exception>
    public Task<LiveShadowComparison> CompareLiveAsync(string agentId, string version, string? champion, CancellationToken cancellationToken = default) =>
        LiveShadowComparer.CompareAsync(ShadowStore(), agentId, version, champion, time, cancellationToken);

    /// <summary>Stores a live shadow comparison as evidence about its challenger; passed when it met <paramref name="minimumCases"/>.</summary>
    public Task<ModelEvidence> RecordLiveShadowAsync(LiveShadowComparison comparison, int minimumCases, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var json = RegistryJson.Write(comparison);
        var passed = comparison.Answered >= minimumCases;
        return store.AppendModelEvidenceAsync(
            new ModelEvidence(comparison.AgentId, comparison.Challenger, LiveShadowComparison.EvidenceKind, comparison.Champion, passed, comparison.At, json),
            new ModelEvent(comparison.AgentId, comparison.Challenger, "shadow.live.compared", actor, comparison.At, RegistryJson.Write(new { champion = comparison.Champion, minimum_cases = minimumCases, passed, summary = comparison.Describe() })),
            cancellationToken);
    }

    // The release gate's live part: the comparison is stored as evidence whether or not it suffices, so a refused
    // release shows what the challenger had done so far.
    private async Task<string?> CheckLiveShadowAsync(string agentId, string version, string champion, string actor, CancellationToken cancellationToken)
    {
        var minimum = _policy.MinimumShadowCases;
        if (minimum <= 0)
        {
            return null;
        }

        if (store is not IChallengerShadowStore)
        {
            return $"the release policy requires {minimum} live shadow cases but the store keeps no shadow proposals";
        }

        var comparison = await CompareLiveAsync(agentId, version, champion, cancellationToken).ConfigureAwait(false);
        await RecordLiveShadowAsync(comparison, minimum, actor, cancellationToken).ConfigureAwait(false);
        return comparison.Answered >= minimum
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"only {comparison.Answered} live shadow cases beside the champion {champion} ({comparison.Failed} failed, {comparison.TimedOut} timed out); the release policy requires at least {minimum}");
    }

    private IChallengerShadowStore ShadowStore() =>
        store as IChallengerShadowStore ?? throw new NotSupportedException("The registry's store keeps no challenger shadow proposals.");
}

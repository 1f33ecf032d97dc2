using Rung.Storage.Registry;

namespace Rung.Storage;

/// <summary>
/// Durable state of the model registry. Every write is one transaction. Nothing here is ever deleted: versions,
/// evidence and events are append-only, and aliases keep their history in the event log.
/// Implementations are safe to call from several threads.
/// </summary>
public interface IModelRegistryStore
{
    /// <summary>Stores a new version with the next free id of its agent (<c>v1</c>, <c>v2</c>, ...) and its <c>registered</c> event.</summary>
    Task<ModelVersionRecord> AddModelVersionAsync(ModelVersionDraft draft, CancellationToken cancellationToken = default);

    /// <summary>One version, or null.</summary>
    Task<ModelVersionRecord?> GetModelVersionAsync(string agentId, string version, CancellationToken cancellationToken = default);

    /// <summary>Every version of the agent (of every agent when null), by agent then sequence.</summary>
    Task<IReadOnlyList<ModelVersionRecord>> GetModelVersionsAsync(string? agentId, CancellationToken cancellationToken = default);

    /// <summary>Records the version's manifest hash and signing time with its <c>signed</c> event. Throws <see cref="KeyNotFoundException"/> for an unknown version.</summary>
    Task MarkModelSignedAsync(string agentId, string version, string manifestSha256, ModelEvent signed, CancellationToken cancellationToken = default);

    /// <summary>Points an alias at a version (or removes it when <paramref name="version"/> is null), with its event, in one transaction.</summary>
    Task SetModelAliasAsync(string agentId, string alias, string? version, ModelEvent change, CancellationToken cancellationToken = default);

    /// <summary>The agent's aliases.</summary>
    Task<IReadOnlyList<ModelAlias>> GetModelAliasesAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>Appends one event.</summary>
    Task AppendModelEventAsync(ModelEvent modelEvent, CancellationToken cancellationToken = default);

    /// <summary>The agent's events, oldest first.</summary>
    Task<IReadOnlyList<ModelEvent>> GetModelEventsAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>Stores one piece of evidence with its event.</summary>
    Task<ModelEvidence> AppendModelEvidenceAsync(ModelEvidence evidence, ModelEvent modelEvent, CancellationToken cancellationToken = default);

    /// <summary>Evidence about the agent's versions (one version's when given), oldest first.</summary>
    Task<IReadOnlyList<ModelEvidence>> GetModelEvidenceAsync(string agentId, string? version, CancellationToken cancellationToken = default);

    /// <summary>
    /// The agent's latest <paramref name="count"/> labelled cases (features with the first outcome's action), oldest
    /// first, only cases that occurred at or after <paramref name="since"/> when given.
    /// </summary>
    Task<IReadOnlyList<LabelledCase>> GetLabelledCasesAsync(string agentId, int count, DateTimeOffset? since, CancellationToken cancellationToken = default);
}

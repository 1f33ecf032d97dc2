using Rung.Storage.Challengers;

namespace Rung.Storage;

/// <summary>
/// Proposals of a challenger run in shadow beside the champion on live cases. Rows are append-only and keyed by
/// case and challenger version. Implementations are safe to call from several threads.
/// </summary>
public interface IChallengerShadowStore
{
    /// <summary>
    /// Stores the proposals in one transaction. Returns, per proposal, false when that case already had a proposal
    /// from that challenger version (nothing is changed). Throws <see cref="KeyNotFoundException"/> naming a case
    /// that is not journalled, and then stores nothing.
    /// </summary>
    Task<IReadOnlyList<bool>> AppendShadowProposalsAsync(IReadOnlyList<ShadowProposal> proposals, CancellationToken cancellationToken = default);

    /// <summary>
    /// The challenger's stored proposals, oldest first, each with its case's label (the first outcome) when known;
    /// only those beside <paramref name="championVersion"/> when it is given.
    /// </summary>
    Task<IReadOnlyList<ShadowRow>> GetShadowRowsAsync(string agentId, string challengerVersion, string? championVersion, CancellationToken cancellationToken = default);

    /// <summary>The challenger versions with stored shadow proposals for the agent, oldest first.</summary>
    Task<IReadOnlyList<string>> GetShadowChallengersAsync(string agentId, CancellationToken cancellationToken = default);
}

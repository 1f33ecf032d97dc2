using Rung.Core.Approvals;
using Rung.Core.Exceptions;
using Rung.Storage.Journal;

namespace Rung.Storage;

/// <summary>One-item forms of the store's batch writes, for callers that have one thing to write.</summary>
public static class RungStoreExtensions
{
    /// <summary>Stores one outcome; false when the case already has one from the same source.</summary>
    public static async Task<bool> AppendOutcomeAsync(this IRungStore store, StoredOutcome outcome, CancellationToken cancellationToken = default) =>
        (await store.AppendOutcomesAsync([outcome], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Records one verdict; false when the case already has one.</summary>
    public static async Task<bool> AppendApprovalAsync(this IRungStore store, Approval approval, CancellationToken cancellationToken = default) =>
        (await store.AppendApprovalsAsync([approval], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Resolves one exception item; false when it was already resolved.</summary>
    public static async Task<bool> ResolveExceptionAsync(this IRungStore store, string caseId, string resolvedBy, string resolution, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        (await store.ResolveExceptionsAsync([new ExceptionResolution(caseId, resolvedBy, resolution, at)], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Marks one committed action delivered; false when it already was.</summary>
    public static async Task<bool> MarkActionDeliveredAsync(this IRungStore store, string caseId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        (await store.MarkActionsDeliveredAsync([caseId], at, cancellationToken).ConfigureAwait(false))[0];
}

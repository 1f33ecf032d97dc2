using Rung.Storage.Journal;

namespace Rung.Runtime.Connectors;

/// <summary>
/// Delivers committed actions to the target system (an MES, an ERP, a PLC gateway). Called only after the
/// decision is durable in the journal; called again for the same case after a crash, so implementations must
/// be idempotent by <see cref="PendingAction.CaseId"/>.
/// </summary>
public interface IActionConnector : IAsyncDisposable
{
    /// <summary>
    /// Delivers actions in order; returns once the target system holds all of them, throws when it did not
    /// accept them (they are delivered again later).
    /// </summary>
    ValueTask DeliverAsync(IReadOnlyList<PendingAction> actions, CancellationToken cancellationToken = default);
}

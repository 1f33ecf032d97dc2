using Rung.Storage.Journal;

namespace Rung.Runtime.Connectors;

/// <summary>
/// Delivers committed actions to the target system (an MES, an ERP, a PLC gateway). Called only after the
/// decision is durable in the journal; called again for the same case after a crash, so implementations must
/// be idempotent by <see cref="PendingAction.CaseId"/>.
/// </summary>
public interface IActionConnector : IAsyncDisposable
{
    /// <summary>Delivers one action; throws when the target system did not accept it (it is retried later).</summary>
    ValueTask DeliverAsync(PendingAction action, CancellationToken cancellationToken = default);
}

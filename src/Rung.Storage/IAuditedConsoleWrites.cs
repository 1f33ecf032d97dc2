using Rung.Core.Alarms;
using Rung.Storage.Audit;

namespace Rung.Storage;

/// <summary>
/// Writes a person makes in the console together with their audit entry, in one transaction: either both are
/// stored or neither is. (Resolving exception items is audited by the store itself, whoever resolves them.)
/// Implementations are thread-safe.
/// </summary>
public interface IAuditedConsoleWrites
{
    /// <summary>
    /// Assigns an open exception item and appends <paramref name="audit"/> in the same transaction. Returns false
    /// (and audits nothing) when the item is already resolved; throws <see cref="KeyNotFoundException"/> when the
    /// case has no exception item.
    /// </summary>
    Task<bool> AssignExceptionAsync(string caseId, string assignee, AuditDraft audit, CancellationToken cancellationToken = default);

    /// <summary>Saves alarms (as <see cref="IRungStore.SaveAlarmsAsync"/>) and appends <paramref name="audit"/> in the same transaction.</summary>
    Task SaveAlarmsAsync(IReadOnlyList<Alarm> alarms, AuditDraft audit, CancellationToken cancellationToken = default);
}

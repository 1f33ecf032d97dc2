namespace Rung.Storage.Audit;

/// <summary>
/// What an audit entry says before the store gives it its sequence number, server time and hashes.
/// </summary>
/// <param name="Actor">Who did it: a user id, a token id (<c>token:ID</c>) or <c>system</c>.</param>
/// <param name="RecordType">The kind of regulated record, for example <c>stage</c>, <c>approval</c>, <c>user</c> (see <see cref="AuditRecordTypes"/>).</param>
/// <param name="RecordId">The record's id within its type.</param>
/// <param name="Action">What happened, for example <c>create</c>, <c>change</c>, <c>deactivate</c>, <c>sign</c>.</param>
/// <param name="OldValue">The record before, as canonical JSON; null for a creation or an event.</param>
/// <param name="NewValue">The record after, as canonical JSON; null for a removal or an event.</param>
/// <param name="Reason">Why. Required whenever <paramref name="OldValue"/> is given (a change or a removal).</param>
public sealed record AuditDraft(
    string Actor,
    string RecordType,
    string RecordId,
    string Action,
    string? OldValue,
    string? NewValue,
    string? Reason)
{
    /// <summary>Throws when a field is empty, or a change or removal gives no reason.</summary>
    /// <exception cref="ArgumentException">Names the field that is missing.</exception>
    public void Validate()
    {
        Require(Actor, nameof(Actor));
        Require(RecordType, nameof(RecordType));
        Require(RecordId, nameof(RecordId));
        Require(Action, nameof(Action));
        if (OldValue is not null && string.IsNullOrWhiteSpace(Reason))
        {
            throw new ArgumentException(
                $"The audit entry for {Action} of {RecordType} '{RecordId}' by '{Actor}' changes a record but gives no reason; a change or removal needs one.",
                nameof(Reason));
        }
    }

    private void Require(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"The audit entry ({RecordType}/{RecordId}/{Action}) has an empty {name}.", name);
        }
    }
}

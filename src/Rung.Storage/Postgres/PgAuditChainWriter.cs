using Npgsql;
using Rung.Storage.Audit;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

/// <summary>
/// Appends audit entries inside a caller's write transaction. The caller's transaction holds the store-wide
/// advisory write lock, so the head read here is still the head at commit: two writers, in any process, cannot
/// chain to the same previous entry. Entries are read back with <see cref="AuditChainWriter.Read"/>.
/// </summary>
internal sealed class PgAuditChainWriter(TimeProvider timeProvider)
{
    public AuditEntry Append(NpgsqlTransaction transaction, AuditDraft draft)
    {
        draft.Validate();
        var (lastSeq, lastHash) = ReadHead(transaction);
        var unsealed = new AuditEntry(
            lastSeq + 1,
            timeProvider.GetUtcNow().ToUniversalTime(),
            draft.Actor,
            draft.RecordType,
            draft.RecordId,
            draft.Action,
            draft.OldValue,
            draft.NewValue,
            draft.Reason,
            lastHash,
            string.Empty);
        var entry = unsealed with { Hash = AuditHash.Compute(unsealed) };
        using var insert = new NpgsqlCommand(
            $"""
            INSERT INTO audit_entries ({AuditChainWriter.Columns})
            VALUES (@seq, @at, @actor, @record_type, @record_id, @action, @old, @new, @reason, @prev, @hash);
            """,
            transaction.Connection,
            transaction);
        insert.Add("@seq", entry.Sequence);
        insert.Add("@at", DbTime.ToDb(entry.At));
        insert.Add("@actor", entry.Actor);
        insert.Add("@record_type", entry.RecordType);
        insert.Add("@record_id", entry.RecordId);
        insert.Add("@action", entry.Action);
        insert.Add("@old", entry.OldValue);
        insert.Add("@new", entry.NewValue);
        insert.Add("@reason", entry.Reason);
        insert.Add("@prev", entry.PreviousHash);
        insert.Add("@hash", entry.Hash);
        insert.ExecuteNonQuery();
        return entry;
    }

    private static (long Sequence, string Hash) ReadHead(NpgsqlTransaction transaction)
    {
        using var select = new NpgsqlCommand("SELECT seq, hash FROM audit_entries ORDER BY seq DESC, id DESC LIMIT 1;", transaction.Connection, transaction);
        using (var reader = select.ExecuteReader())
        {
            if (reader.Read())
            {
                return (reader.GetInt64(0), reader.GetString(1));
            }
        }

        select.CommandText = "SELECT through_seq, through_hash FROM audit_anchors ORDER BY through_seq DESC LIMIT 1;";
        using var anchor = select.ExecuteReader();
        return anchor.Read() ? (anchor.GetInt64(0), anchor.GetString(1)) : (0, AuditHash.Genesis);
    }
}

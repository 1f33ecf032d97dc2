using System.Data.Common;
using Microsoft.Data.Sqlite;
using Rung.Storage.Audit;

namespace Rung.Storage.Sqlite;

/// <summary>
/// Appends audit entries inside a caller's write transaction, so a regulated change and its audit entry are
/// stored together or not at all. The head is read inside the same immediate transaction, so two writers
/// (even in two processes) cannot chain to the same previous entry.
/// </summary>
internal sealed class AuditChainWriter(SqliteConnection writer, TimeProvider timeProvider)
{
    public const string Columns = "seq, at, actor, record_type, record_id, action, old_value, new_value, reason, prev_hash, hash";

    /// <summary>Appends one entry stamped with the server's time; the caller commits the transaction.</summary>
    public AuditEntry Append(SqliteTransaction transaction, AuditDraft draft)
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

        // Ticks are what the database keeps; hashing the same precision keeps stored and recomputed forms equal.
        var entry = unsealed with { Hash = AuditHash.Compute(unsealed) };
        using var insert = writer.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"""
            INSERT INTO audit_entries ({Columns})
            VALUES ($seq, $at, $actor, $record_type, $record_id, $action, $old, $new, $reason, $prev, $hash);
            """;
        insert.Add("$seq", entry.Sequence);
        insert.Add("$at", DbTime.ToDb(entry.At));
        insert.Add("$actor", entry.Actor);
        insert.Add("$record_type", entry.RecordType);
        insert.Add("$record_id", entry.RecordId);
        insert.Add("$action", entry.Action);
        insert.Add("$old", entry.OldValue);
        insert.Add("$new", entry.NewValue);
        insert.Add("$reason", entry.Reason);
        insert.Add("$prev", entry.PreviousHash);
        insert.Add("$hash", entry.Hash);
        insert.ExecuteNonQuery();
        return entry;
    }

    public static AuditEntry Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        DbValues.GetTime(reader, 1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        DbValues.GetNullableString(reader, 6),
        DbValues.GetNullableString(reader, 7),
        DbValues.GetNullableString(reader, 8),
        reader.GetString(9),
        reader.GetString(10));

    private (long Sequence, string Hash) ReadHead(SqliteTransaction transaction)
    {
        using var select = writer.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT seq, hash FROM audit_entries ORDER BY seq DESC, id DESC LIMIT 1;";
        using var reader = select.ExecuteReader();
        if (reader.Read())
        {
            return (reader.GetInt64(0), reader.GetString(1));
        }

        reader.Close();
        select.CommandText = "SELECT through_seq, through_hash FROM audit_anchors ORDER BY through_seq DESC LIMIT 1;";
        using var anchor = select.ExecuteReader();
        return anchor.Read() ? (anchor.GetInt64(0), anchor.GetString(1)) : (0, AuditHash.Genesis);
    }
}

using System.Text.Json.Nodes;
using Npgsql;
using Rung.Storage.Audit;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

public sealed partial class PostgresRungStore : IAuditStore
{
    private PgAuditChainWriter? _auditWriter;

    private PgAuditChainWriter Audit => _auditWriter ??= new PgAuditChainWriter(_timeProvider);

    /// <inheritdoc />
    public Task<AuditEntry> AppendAuditAsync(AuditDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        draft.Validate();
        return WriteAsync(transaction => Audit.Append(transaction, draft), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEntry>> GetAuditEntriesAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var filter = AuditFilterSql.Where(query, '@', (name, value) => command.Add(name, value));
        command.CommandText = $"SELECT {AuditChainWriter.Columns} FROM audit_entries {filter} {AuditFilterSql.OrderBy(query, descending: false)};";
        return await ReadAuditAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEntry>> GetAuditPageAsync(AuditQuery query, AuditPageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        page.Validate();
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var (keyset, order, ascending) = AuditFilterSql.Page(query, page, '@', (name, value) => command.Add(name, value));
        var filter = AuditFilterSql.Where(query, '@', (name, value) => command.Add(name, value), keyset);
        command.CommandText = $"SELECT {AuditChainWriter.Columns} FROM audit_entries {filter} {order} LIMIT @limit;";
        command.Add("@limit", page.Limit);
        var entries = await ReadAuditAsync(command, cancellationToken);
        return ascending ? [.. entries.AsEnumerable().Reverse()] : entries;
    }

    private static async Task<List<AuditEntry>> ReadAuditAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var result = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(AuditChainWriter.Read(reader));
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<AuditEntry?> GetAuditHeadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {AuditChainWriter.Columns} FROM audit_entries ORDER BY seq DESC, id DESC LIMIT 1;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? AuditChainWriter.Read(reader) : null;
    }

    /// <inheritdoc />
    public Task<bool> AppendAuditCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return WriteAsync(
            transaction =>
            {
                using var insert = WriteCommand(transaction, """
                    INSERT INTO audit_checkpoints (seq, hash, at, key_id, signature) VALUES (@seq, @hash, @at, @key_id, @signature)
                    ON CONFLICT (seq) DO NOTHING;
                    """);
                insert.Add("@seq", checkpoint.Sequence);
                insert.Add("@hash", checkpoint.Hash);
                insert.Add("@at", DbTime.ToDb(checkpoint.At));
                insert.Add("@key_id", checkpoint.KeyId);
                insert.Add("@signature", checkpoint.Signature);
                return insert.ExecuteNonQuery() == 1;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditCheckpoint>> GetAuditCheckpointsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, hash, at, key_id, signature FROM audit_checkpoints ORDER BY seq;";
        var result = new List<AuditCheckpoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new AuditCheckpoint(reader.GetInt64(0), reader.GetString(1), DbValues.GetTime(reader, 2), reader.GetString(3), reader.GetString(4)));
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<AuditAnchor?> GetAuditAnchorAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT through_seq, through_hash, archived_at, archive_sha256, archive_name FROM audit_anchors ORDER BY through_seq DESC LIMIT 1;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new AuditAnchor(reader.GetInt64(0), reader.GetString(1), DbValues.GetTime(reader, 2), reader.GetString(3), reader.GetString(4))
            : null;
    }

    /// <inheritdoc />
    public Task<AuditAnchor> ArchiveAuditAsync(
        long throughSequence, DateTimeOffset retainedFrom, string archiveSha256, string archiveName, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(archiveSha256);
        ArgumentException.ThrowIfNullOrWhiteSpace(archiveName);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return WriteAsync(
            transaction =>
            {
                string hash;
                using (var select = WriteCommand(transaction, "SELECT hash FROM audit_entries WHERE seq = @seq ORDER BY id LIMIT 1;"))
                {
                    select.Add("@seq", throughSequence);
                    hash = select.ExecuteScalar() as string
                        ?? throw new InvalidOperationException($"Cannot archive through audit entry {throughSequence}: it is not in the trail.");
                }

                using (var young = WriteCommand(transaction, "SELECT MIN(seq) FROM audit_entries WHERE seq <= @seq AND at >= @retained;"))
                {
                    young.Add("@seq", throughSequence);
                    young.Add("@retained", DbTime.ToDb(retainedFrom));
                    if (young.ExecuteScalar() is long inside)
                    {
                        throw new InvalidOperationException(
                            $"Cannot archive through audit entry {throughSequence}: entry {inside} is inside the retention period (on or after {retainedFrom:O}); nothing inside it may be removed.");
                    }
                }

                var anchor = new AuditAnchor(throughSequence, hash, _timeProvider.GetUtcNow(), archiveSha256, archiveName);
                using (var insert = WriteCommand(transaction, """
                    INSERT INTO audit_anchors (through_seq, through_hash, archived_at, archive_sha256, archive_name)
                    VALUES (@seq, @hash, @at, @sha, @name);
                    """))
                {
                    insert.Add("@seq", anchor.ThroughSequence);
                    insert.Add("@hash", anchor.ThroughHash);
                    insert.Add("@at", DbTime.ToDb(anchor.ArchivedAt));
                    insert.Add("@sha", anchor.ArchiveSha256);
                    insert.Add("@name", anchor.ArchiveName);
                    insert.ExecuteNonQuery();
                }

                using (var delete = WriteCommand(transaction, "DELETE FROM audit_entries WHERE seq <= @seq;"))
                {
                    delete.Add("@seq", throughSequence);
                    delete.ExecuteNonQuery();
                }

                Audit.Append(transaction, new AuditDraft(
                    actor, AuditRecordTypes.Audit, "trail", "archive", null,
                    CanonicalJson.Serialize(new JsonObject { ["archive"] = archiveName, ["sha256"] = archiveSha256, ["throughSeq"] = throughSequence }),
                    "entries beyond the retention period moved to an archive file"));
                return anchor;
            },
            cancellationToken);
    }

    private void AppendAudit(NpgsqlTransaction transaction, AuditDraft draft) => Audit.Append(transaction, draft);
}

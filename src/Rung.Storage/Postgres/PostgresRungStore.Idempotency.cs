using Npgsql;
using Rung.Storage.Idempotency;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

public sealed partial class PostgresRungStore : IIdempotencyStore
{
    private const string IdempotencyColumns = "principal, idem_key, request_hash, status, content_type, body, created_at";

    /// <inheritdoc />
    public async Task<IdempotencyRecord?> FindIdempotentAsync(string principal, string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(principal);
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {IdempotencyColumns} FROM idempotency_keys WHERE principal = @principal AND idem_key = @key;";
        command.Add("@principal", principal);
        command.Add("@key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadIdempotency(reader) : null;
    }

    /// <inheritdoc />
    public Task<IdempotencyRecord> SaveIdempotentAsync(IdempotencyRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(record.Principal, nameof(record));
        ArgumentException.ThrowIfNullOrEmpty(record.Key, nameof(record));
        return WriteAsync(
            transaction =>
            {
                using (var insert = WriteCommand(transaction, $"""
                    INSERT INTO idempotency_keys ({IdempotencyColumns})
                    VALUES (@principal, @key, @hash, @status, @type, @body, @at)
                    ON CONFLICT (principal, idem_key) DO NOTHING;
                    """))
                {
                    insert.Add("@principal", record.Principal);
                    insert.Add("@key", record.Key);
                    insert.Add("@hash", record.RequestHash);
                    insert.Add("@status", record.Status);
                    insert.Add("@type", record.ContentType);
                    insert.Add("@body", record.Body.ToArray());
                    insert.Add("@at", DbTime.ToDb(record.CreatedAt));
                    if (insert.ExecuteNonQuery() == 1)
                    {
                        return record;
                    }
                }

                using var select = WriteCommand(transaction, $"SELECT {IdempotencyColumns} FROM idempotency_keys WHERE principal = @principal AND idem_key = @key;");
                select.Add("@principal", record.Principal);
                select.Add("@key", record.Key);
                using var reader = select.ExecuteReader();
                reader.Read();
                return ReadIdempotency(reader);
            },
            cancellationToken);
    }

    private static IdempotencyRecord ReadIdempotency(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetInt32(3),
        reader.GetString(4),
        (byte[])reader.GetValue(5),
        DbValues.GetTime(reader, 6));
}

using System.Globalization;
using Npgsql;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

/// <summary>
/// Brings a PostgreSQL database to <see cref="PostgresMigrations.LatestVersion"/>. The whole run holds a session
/// advisory lock, so instances starting at once take turns: the first applies the missing scripts, the others
/// then find them applied. Each script runs in its own transaction with its <c>schema_version</c> row (PostgreSQL
/// DDL is transactional), so a crash leaves the database at a whole version. A newer database is refused.
/// </summary>
internal static class PostgresMigrator
{
    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT    NOT NULL,
            applied_at BIGINT  NOT NULL
        );
        """;

    public static async Task MigrateAsync(NpgsqlConnection connection, string databaseName, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, null, "SELECT pg_advisory_lock(@key);", PostgresRungStore.MigrationLockKey, cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, CreateVersionTable, null, cancellationToken);
            var latest = PostgresMigrations.LatestVersion;
            var current = await ReadVersionAsync(connection, cancellationToken);
            if (current > latest)
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL database '{databaseName}' has schema version {current}, but this build of Rung knows versions up to {latest}. " +
                    "It was written by a newer Rung; refusing to use it rather than downgrade. Run a Rung build at least as new as the one that wrote it.");
            }

            var applied = await AppliedAsync(connection, cancellationToken);
            foreach (var migration in PostgresMigrations.All.Where(m => !applied.Contains(m.Version)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var script = new NpgsqlCommand(migration.Sql, connection, transaction))
                {
                    await script.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var record = new NpgsqlCommand("INSERT INTO schema_version (version, name, applied_at) VALUES (@version, @name, @at);", connection, transaction))
                {
                    record.Parameters.AddWithValue("version", migration.Version);
                    record.Parameters.AddWithValue("name", migration.Name);
                    record.Parameters.AddWithValue("at", DbTime.ToDb(timeProvider.GetUtcNow()));
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            // Unlock even when cancelled: the connection goes back to the pool and would otherwise keep the lock.
            await ExecuteAsync(connection, null, "SELECT pg_advisory_unlock(@key);", PostgresRungStore.MigrationLockKey, CancellationToken.None);
        }
    }

    /// <summary>The version now in the database, 0 for an empty one.</summary>
    public static async Task<int> ReadVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass('schema_version') IS NOT NULL;", connection);
        if (await command.ExecuteScalarAsync(cancellationToken) is not true)
        {
            return 0;
        }

        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task<HashSet<int>> AppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var result = new HashSet<int>();
        await using var command = new NpgsqlCommand("SELECT version FROM schema_version;", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(reader.GetInt32(0));
        }

        return result;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, long? key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        if (key is { } k)
        {
            command.Parameters.AddWithValue("key", k);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

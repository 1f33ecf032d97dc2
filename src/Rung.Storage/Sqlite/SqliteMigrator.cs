using Microsoft.Data.Sqlite;

namespace Rung.Storage.Sqlite;

/// <summary>
/// Brings a database to <see cref="SqliteMigrations.LatestVersion"/>: each missing script runs in its own
/// transaction together with its <c>schema_version</c> row, so a crash leaves the database at a whole version.
/// A database newer than this build is refused, never downgraded.
/// </summary>
internal static class SqliteMigrator
{
    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT    NOT NULL,
            applied_at INTEGER NOT NULL
        );
        """;

    private const string SelectVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";

    /// <summary>Applies the missing scripts on <paramref name="connection"/>; the caller holds the writer lock.</summary>
    public static void Migrate(SqliteConnection connection, string databasePath, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using (var create = connection.CreateCommand())
        {
            create.CommandText = CreateVersionTable;
            create.ExecuteNonQuery();
        }

        var latest = SqliteMigrations.LatestVersion;
        foreach (var migration in SqliteMigrations.All)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // BEGIN IMMEDIATE takes the write lock before the version is read, so two processes starting at
            // once cannot both apply the same script.
            using var transaction = connection.BeginTransaction(deferred: false);
            var current = ReadVersion(connection, transaction);
            if (current > latest)
            {
                throw NewerThanBuild(databasePath, current, latest);
            }

            if (IsApplied(connection, transaction, migration.Version))
            {
                continue;
            }

            using (var script = connection.CreateCommand())
            {
                script.Transaction = transaction;
                script.CommandText = migration.Sql;
                script.ExecuteNonQuery();
            }

            using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES ($version, $name, $at);";
                record.Add("$version", migration.Version);
                record.Add("$name", migration.Name);
                record.Add("$at", DbTime.ToDb(timeProvider.GetUtcNow()));
                record.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    /// <summary>The version now in the database, 0 for an empty one.</summary>
    public static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SelectVersion;
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool IsApplied(SqliteConnection connection, SqliteTransaction transaction, int version)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM schema_version WHERE version = $version;";
        command.Add("$version", version);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static InvalidOperationException NewerThanBuild(string databasePath, int current, int latest) => new(
        $"The database '{databasePath}' has schema version {current}, but this build of Rung knows versions up to {latest}. " +
        "It was written by a newer Rung; refusing to open it rather than downgrade. Run a Rung build at least as new as the one that wrote it.");
}

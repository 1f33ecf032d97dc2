using System.Data;
using Npgsql;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

/// <summary>
/// The scale-out <see cref="IRungDataStore"/>: the same tables, rules and behaviour as <see cref="SqliteRungStore"/>
/// on a PostgreSQL database, so several <c>rung serve</c> instances can share one store.
/// </summary>
/// <remarks>
/// Open it with <see cref="OpenAsync"/>. Writes keep SQLite's one-writer-at-a-time semantics across every process
/// on the database: each write is one transaction that first takes a transaction-scoped advisory lock. That is
/// what makes a read-then-write step (the audit chain's head, an approval's "already has a verdict" check, the
/// first-outcome mark) exact under concurrent writers, with no retry loops; reads never wait for it. Reads use
/// pooled connections and see every write that returned before they started. Migrations run under a session
/// advisory lock, so instances starting at once apply each script once.
/// </remarks>
public sealed partial class PostgresRungStore : IRungDataStore
{
    /// <summary>The advisory lock every write transaction holds ("Rung" and 1).</summary>
    internal const long WriteLockKey = 0x52756E67_00000001;

    /// <summary>The advisory lock migrations hold ("Rung" and 2).</summary>
    internal const long MigrationLockKey = 0x52756E67_00000002;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _databaseName;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly JournalJsonWriter _json = new();
    private readonly HashSet<string> _knownAgents = new(StringComparer.Ordinal);
    private bool _disposed;

    private PostgresRungStore(NpgsqlDataSource dataSource, string databaseName, TimeProvider timeProvider)
    {
        _dataSource = dataSource;
        _databaseName = databaseName;
        _timeProvider = timeProvider;
    }

    /// <summary>The schema version this build creates and understands (the same number as the SQLite store's).</summary>
    public static int LatestSchemaVersion => PostgresMigrations.LatestVersion;

    /// <summary>
    /// Connects to the database and brings its schema to <see cref="LatestSchemaVersion"/>.
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string (<c>Host=...;Database=...</c>) or a <c>postgres://</c> URI.</param>
    /// <param name="timeProvider">Stamps the times the store records itself.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <exception cref="ArgumentException">The connection string cannot be read.</exception>
    /// <exception cref="InvalidOperationException">The database has a newer schema than this build knows.</exception>
    public static async Task<PostgresRungStore> OpenAsync(string connectionString, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var builder = PostgresConnectionString.Parse(connectionString);
        var dataSource = NpgsqlDataSource.Create(builder);
        var store = new PostgresRungStore(dataSource, $"{builder.Host}:{builder.Port}/{builder.Database}", timeProvider);
        try
        {
            await store.MigrateAsync(cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await PostgresMigrator.MigrateAsync(connection, _databaseName, _timeProvider, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        return await PostgresMigrator.ReadVersionAsync(connection, cancellationToken);
    }

    /// <summary>Waits for running writes, then closes the pooled connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await _writeLock.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _json.Dispose();
            await _dataSource.DisposeAsync();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task EnterWriteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeLock.WaitAsync(cancellationToken);
        if (_disposed)
        {
            _writeLock.Release();
            throw new ObjectDisposedException(nameof(PostgresRungStore));
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction holding the store-wide write lock. The in-process lock
    /// keeps this process's writers off the pool while another process holds the advisory lock.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<NpgsqlTransaction, T> work, CancellationToken cancellationToken)
    {
        await EnterWriteAsync(cancellationToken);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key);", connection, transaction))
            {
                lockCommand.Parameters.AddWithValue("key", WriteLockKey);
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            }

            var result = work(transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<NpgsqlConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return await _dataSource.OpenConnectionAsync(cancellationToken);
    }

    private static NpgsqlCommand WriteCommand(NpgsqlTransaction transaction, string sql) =>
        new(sql, transaction.Connection, transaction);
}

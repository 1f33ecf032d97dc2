using System.Collections.Concurrent;
using System.Data;
using Npgsql;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

/// <summary>
/// The scale-out <see cref="IRungDataStore"/>: the same tables, rules and behaviour as <see cref="SqliteRungStore"/>
/// on a PostgreSQL database, so several <c>rung serve</c> instances can share one store.
/// </summary>
/// <remarks>
/// Open it with <see cref="OpenAsync"/>. Every write is one transaction that first takes a transaction-scoped
/// advisory lock, shared by every process on the database. Writes that read before they write (the audit chain's
/// head, an approval's "already has a verdict" check, the first-outcome mark, an agent's stage) take it exclusively,
/// so they keep SQLite's one-writer-at-a-time semantics across processes, with no retry loops. The ingest hot path,
/// appending decisions and marking actions delivered, takes it shared: those rows are keyed by their case id (a
/// unique key and a conditional update decide duplicates), so appends from several servers, and several appends in
/// one server, run at once and commit together, while no exclusive writer ever runs beside them. Rows are written in
/// case id order so two appends that overlap cannot deadlock. Reads never wait, except the journal reads an edge's
/// forwarder makes, which page by row id and so wait for running appends to commit (see <see cref="ReadJournalAsync"/>).
/// Reads use pooled connections and see every write that returned before they started. Migrations run under a
/// session advisory lock, so instances starting at once apply each script once.
/// </remarks>
public sealed partial class PostgresRungStore : IRungDataStore
{
    /// <summary>
    /// The advisory lock every write transaction holds ("Rung" and 1), shared or exclusive; in <c>pg_locks</c> it is
    /// classid 1383427687, objid 1.
    /// </summary>
    public const long WriteLockKey = 0x52756E67_00000001;

    /// <summary>The advisory lock migrations hold ("Rung" and 2).</summary>
    internal const long MigrationLockKey = 0x52756E67_00000002;

    /// <summary>Appends one process runs at once; each holds a pooled connection while it waits for the database.</summary>
    private const int MaxConcurrentAppends = 4;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _databaseName;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SemaphoreSlim _appendSlots = new(MaxConcurrentAppends, MaxConcurrentAppends);

    // Used by exclusive writers only, under _writeLock; appends bring their own.
    private readonly JournalJsonWriter _json = new();
    private readonly ConcurrentDictionary<string, bool> _knownAgents = new(StringComparer.Ordinal);
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
        var slots = 0;
        try
        {
            for (; slots < MaxConcurrentAppends; slots++)
            {
                await _appendSlots.WaitAsync();
            }

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
            _appendSlots.Release(slots);
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
            await TakeWriteLockAsync(transaction, shared: false, cancellationToken);

            var result = work(transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction holding the write lock shared: beside other shared writers,
    /// never beside an exclusive one. Only for writes whose every row is decided by a key or a conditional update
    /// (see the type's remarks); anything that reads before it writes goes through <see cref="WriteAsync{T}"/>.
    /// </summary>
    private async Task<T> SharedWriteAsync<T>(Func<NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _appendSlots.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            await TakeWriteLockAsync(transaction, shared: true, cancellationToken);

            var result = await work(transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            _appendSlots.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="read"/> in a transaction that first waits for every running shared write to commit and
    /// keeps new ones out until it ends: what it reads by row id has no gap a later commit could fill.
    /// </summary>
    private async Task<T> ReadSettledAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await TakeWriteLockAsync(transaction, shared: false, cancellationToken);

        var result = await read(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Takes <see cref="WriteLockKey"/> for the rest of <paramref name="transaction"/>, shared or exclusive, waiting as long as it takes.</summary>
    private static async Task TakeWriteLockAsync(NpgsqlTransaction transaction, bool shared, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(shared ? "SELECT pg_advisory_xact_lock_shared(@key);" : "SELECT pg_advisory_xact_lock(@key);", transaction.Connection, transaction);
        command.Parameters.AddWithValue("key", WriteLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return await _dataSource.OpenConnectionAsync(cancellationToken);
    }

    private static NpgsqlCommand WriteCommand(NpgsqlTransaction transaction, string sql) =>
        new(sql, transaction.Connection, transaction);
}

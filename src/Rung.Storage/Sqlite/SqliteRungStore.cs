using Microsoft.Data.Sqlite;

namespace Rung.Storage.Sqlite;

/// <summary>
/// The embedded <see cref="IRungStore"/>: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so an
/// acknowledged write survives a power loss, not only a process crash.
/// </summary>
/// <remarks>
/// Open it with <see cref="OpenAsync"/>. Safe to use from several threads: writes go through one writer
/// connection behind a lock (SQLite admits one writer at a time anyway), reads use pooled connections of their
/// own and see every write that returned before they started. Several processes may open the same file; each
/// write is one <c>BEGIN IMMEDIATE</c> transaction and waits up to the busy timeout for the file lock.
/// Dispose it to close its connections; methods called after that throw <see cref="ObjectDisposedException"/>.
/// </remarks>
public sealed partial class SqliteRungStore : IRungStore
{
    /// <summary>How long a write waits for another process's write lock before failing.</summary>
    private const int BusyTimeoutSeconds = 30;

    private readonly string _databasePath;
    private readonly string _connectionString;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SqliteConnection _writer;
    private readonly JournalJsonWriter _json = new();
    private readonly DecisionWriter _decisionWriter;
    private readonly HashSet<string> _knownAgents = new(StringComparer.Ordinal);
    private bool _disposed;

    private SqliteRungStore(string databasePath, string connectionString, TimeProvider timeProvider, SqliteConnection writer)
    {
        _databasePath = databasePath;
        _connectionString = connectionString;
        _timeProvider = timeProvider;
        _writer = writer;
        _decisionWriter = new DecisionWriter(writer, _json);
    }

    /// <summary>The schema version this build creates and understands.</summary>
    public static int LatestSchemaVersion => SqliteMigrations.LatestVersion;

    /// <summary>
    /// Opens (creating when missing) the database file and its folder, sets the durability PRAGMAs and brings
    /// the schema to <see cref="LatestSchemaVersion"/>.
    /// </summary>
    /// <param name="databasePath">The database file, for example <c>DIR/rung.db</c>.</param>
    /// <param name="timeProvider">Stamps the times the store records itself (when a schema script was applied).</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <exception cref="InvalidOperationException">The database has a newer schema than this build knows.</exception>
    public static async Task<SqliteRungStore> OpenAsync(string databasePath, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(timeProvider);

        var fullPath = Path.GetFullPath(databasePath);
        var folder = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();

        var writer = new SqliteConnection(connectionString);
        SqliteRungStore? store = null;
        try
        {
            await writer.OpenAsync(cancellationToken);
            ExecutePragmas(writer);
            store = new SqliteRungStore(fullPath, connectionString, timeProvider, writer);
            await store.MigrateAsync(cancellationToken);
            return store;
        }
        catch
        {
            if (store is not null)
            {
                await store.DisposeAsync();
            }
            else
            {
                await writer.DisposeAsync();
                SqliteConnection.ClearPool(writer);
            }

            throw;
        }
    }

    /// <inheritdoc />
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await EnterWriteAsync(cancellationToken);
        try
        {
            SqliteMigrator.Migrate(_writer, _databasePath, _timeProvider, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        return SqliteMigrator.ReadVersion(connection, transaction: null);
    }

    /// <summary>Waits for running writes, then closes the writer and this file's pooled connections.</summary>
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
            _decisionWriter.Dispose();
            _json.Dispose();
            await _writer.DisposeAsync();

            // Pooled read connections would keep the file (and its -wal) open after the store is gone.
            SqliteConnection.ClearPool(_writer);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static void ExecutePragmas(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();

        // WAL: readers never block the writer; FULL: the WAL is synced on every commit, so an acknowledged
        // append survives power loss (NORMAL would only survive a process crash).
        command.CommandText = $"""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            PRAGMA foreign_keys = ON;
            PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000};
            """;
        command.ExecuteNonQuery();
    }

    private async Task EnterWriteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeLock.WaitAsync(cancellationToken);
        if (_disposed)
        {
            _writeLock.Release();
            throw new ObjectDisposedException(nameof(SqliteRungStore));
        }
    }

    /// <summary>Runs <paramref name="work"/> in one immediate transaction on the writer connection.</summary>
    private async Task<T> WriteAsync<T>(Func<SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        await EnterWriteAsync(cancellationToken);
        try
        {
            using var transaction = _writer.BeginTransaction(deferred: false);
            var result = work(transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private SqliteCommand WriteCommand(SqliteTransaction transaction, string sql)
    {
        var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}

using Microsoft.Data.Sqlite;
using Rung.Core.Policy;
using Rung.Storage.Sqlite;
using Rung.Testing;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests.Sqlite;

/// <summary>The store contract on SQLite, plus what only the file-based store has.</summary>
public sealed class SqliteRungStoreTests : RungStoreContract, IDisposable
{
    private readonly TempDirectory _directory = new();

    private string DatabasePath => Path.Combine(_directory.Path, "data", "rung.db");

    protected override int ExpectedSchemaVersion => SqliteRungStore.LatestSchemaVersion;

    private protected override async Task<IRungStore> OpenStoreAsync(TimeProvider timeProvider) =>
        await SqliteRungStore.OpenAsync(DatabasePath, timeProvider);

    /// <summary>Runs after the store was disposed (xunit calls DisposeAsync first).</summary>
    public void Dispose() => _directory.Dispose();

    [Fact]
    public void OpenAsync_created_the_folder_and_the_file()
    {
        Assert.True(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task Appended_rows_are_visible_to_an_independent_connection_while_the_store_stays_open()
    {
        await CreateAgentAsync();
        await Store.AppendDecisionsAsync([Decision("c1", T0, Disposition.Committed), Decision("c2", T0, Disposition.Excepted)]);

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM decisions), (SELECT COUNT(*) FROM exception_items), (SELECT COUNT(*) FROM committed_actions), (SELECT case_id FROM committed_actions);";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(2, reader.GetInt64(0));
        Assert.Equal(1, reader.GetInt64(1));
        Assert.Equal(1, reader.GetInt64(2));
        Assert.Equal("c1", reader.GetString(3));
    }

    [Fact]
    public async Task The_database_is_in_WAL_mode_with_the_schema_version_recorded()
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "SELECT version, name, applied_at FROM schema_version ORDER BY version;";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(1, reader.GetInt32(0));
        Assert.Equal("0001_initial", reader.GetString(1));
        Assert.Equal((T0 - DateTimeOffset.UnixEpoch).Ticks, reader.GetInt64(2));
    }

    [Fact]
    public async Task OpenAsync_refuses_a_database_with_a_newer_schema()
    {
        await CreateAgentAsync();
        await Store.DisposeAsync();
        var newer = SqliteRungStore.LatestSchemaVersion + 1;
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO schema_version (version, name, applied_at) VALUES ({newer}, '{newer:D4}_future', 0);";
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteRungStore.OpenAsync(DatabasePath, TimeProvider.System));

        Assert.Contains($"schema version {newer}", error.Message, StringComparison.Ordinal);
        Assert.Contains(DatabasePath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_stores_on_one_file_share_the_journal()
    {
        await CreateAgentAsync();
        await using var second = await SqliteRungStore.OpenAsync(DatabasePath, TimeProvider.System);

        await second.AppendDecisionsAsync([Decision("c1", T0)]);
        var again = await Store.AppendDecisionsAsync([Decision("c1", T0), Decision("c2", T0)]);

        Assert.Equal([Storage.Journal.AppendResult.Duplicate, Storage.Journal.AppendResult.Stored], again);
        Assert.Equal(2, await second.CountDecisionsAsync(AgentId));
    }

    [Fact]
    public async Task Methods_after_dispose_throw_ObjectDisposedException()
    {
        await using var store = await SqliteRungStore.OpenAsync(Path.Combine(_directory.Path, "other.db"), TimeProvider.System);
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetAgentsAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.AppendDecisionsAsync([Decision("c1", T0)]));
    }
}

using Microsoft.Data.Sqlite;
using Npgsql;
using Rung.Governance;
using Rung.Governance.Audit;
using Rung.Storage.Audit;
using Rung.Storage.Postgres;
using Rung.Storage.Sqlite;
using Rung.Testing;
using Rung.Testing.Postgres;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests.Scale;

/// <summary>
/// The backup and restore procedures of docs/deployment.md, run for real: back up a store with a signed
/// checkpoint, restore it elsewhere, and verify the audit chain on the restored copy.
/// </summary>
public sealed class BackupRestoreTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_pg_dump_restored_with_pg_restore_verifies_its_audit_chain()
    {
        var server = await PostgresServer.SharedAsync();
        await using var source = await server.CreateDatabaseAsync("rung_backup");
        await using var target = await server.CreateDatabaseAsync("rung_restore");
        AuditEntry head;
        await using (var store = await PostgresRungStore.OpenAsync(source.ConnectionString, TimeProvider.System))
        {
            head = await FillAsync(store);
        }

        var dump = Path.Combine(_folder.Path, "rung.dump");
        await PostgresServer.RunAsync(Path.Combine(server.BinDirectory, "pg_dump"), $"--format=custom --file=\"{dump}\" \"{LibpqConnection(source.ConnectionString)}\"", asPostgres: false);
        await PostgresServer.RunAsync(Path.Combine(server.BinDirectory, "pg_restore"), $"--exit-on-error --no-owner --dbname=\"{LibpqConnection(target.ConnectionString)}\" \"{dump}\"", asPostgres: false);

        await using var restored = await PostgresRungStore.OpenAsync(target.ConnectionString, TimeProvider.System);
        await AssertVerifiesAsync(restored, head);
        await AssertStillAppendOnlyAsync(target.ConnectionString);
    }

    [Fact]
    public async Task A_SQLite_online_backup_restored_as_the_file_verifies_its_audit_chain()
    {
        var live = Path.Combine(_folder.Path, "rung.db");
        var copy = Path.Combine(_folder.Path, "restored", "rung.db");
        await using var store = await SqliteRungStore.OpenAsync(live, TimeProvider.System);
        var head = await FillAsync(store);

        // The online backup API copies a consistent snapshot while the store stays open (sqlite3 rung.db ".backup FILE").
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        await using (var from = new SqliteConnection($"Data Source={live};Pooling=False"))
        await using (var to = new SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            await from.OpenAsync();
            await to.OpenAsync();
            from.BackupDatabase(to);
        }

        await using var restored = await SqliteRungStore.OpenAsync(copy, TimeProvider.System);
        await AssertVerifiesAsync(restored, head);
    }

    /// <summary>Journal rows, audit entries and one signed checkpoint (in the database and the file).</summary>
    private async Task<AuditEntry> FillAsync(IRungDataStore store)
    {
        await store.EnsureAgentAsync(Agent(), Initial());
        await store.AppendDecisionsAsync([.. Enumerable.Range(0, 20).Select(i => Decision($"c{i}", T0.AddMinutes(i)))]);
        for (var i = 0; i < 10; i++)
        {
            await store.AppendAuditAsync(new AuditDraft("admin", AuditRecordTypes.User, $"u{i}", "create", null, "{}", null));
        }

        using var key = ServerKey.LoadOrCreate(GovernancePaths.Keys(_folder.Path));
        var checkpoint = await new AuditCheckpointer(store, key, GovernancePaths.CheckpointFile(_folder.Path), TimeProvider.System).CheckpointAsync();
        Assert.NotNull(checkpoint);
        return (await store.GetAuditHeadAsync())!;
    }

    private async Task AssertVerifiesAsync(IRungDataStore restored, AuditEntry head)
    {
        using var key = ServerKey.LoadForVerification(GovernancePaths.Keys(_folder.Path));
        var verification = await AuditVerifier.VerifyAsync(restored, key, GovernancePaths.CheckpointFile(_folder.Path));
        Assert.True(verification.IsValid, verification.Summary);
        Assert.True(verification.CheckpointsChecked > 0, verification.Summary);
        Assert.Equal(head, await restored.GetAuditHeadAsync());
        Assert.Equal(20, await restored.CountDecisionsAsync(AgentId));
    }

    /// <summary>The restore brought the append-only triggers back with the rows.</summary>
    private static async Task AssertStillAppendOnlyAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var update = new NpgsqlCommand("UPDATE audit_entries SET actor = 'mallory' WHERE seq = 2;", connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
    }

    private static string LibpqConnection(string npgsql)
    {
        var b = new NpgsqlConnectionStringBuilder(npgsql);
        return FormattableString.Invariant($"host={b.Host} port={b.Port} user={b.Username} dbname={b.Database}");
    }
}

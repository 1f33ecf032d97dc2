using Npgsql;
using Rung.Storage.Challengers;
using Rung.Storage.Postgres;
using Rung.Storage.Replication;
using Rung.Testing.Postgres;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests.Postgres;

/// <summary>The data-store contract on PostgreSQL: every instance opens the test's own database.</summary>
public sealed class PostgresDataStoreTests : DataStoreContract
{
    private PostgresDatabase? _database;

    private protected override async Task<IRungDataStore> OpenInstanceAsync(TimeProvider timeProvider)
    {
        _database ??= await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        return await PostgresRungStore.OpenAsync(_database.ConnectionString, timeProvider);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Opening_a_database_that_skipped_0008_and_0009_applies_the_missing_scripts()
    {
        // A database that took the later scripts (leases and after) before the challenger-shadow and replication scripts existed.
        var complete = await VersionsAsync();
        await using (var connection = new NpgsqlConnection(_database!.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("DROP TABLE challenger_shadow; DROP TABLE template_instances; DELETE FROM schema_version WHERE version IN (8, 9);", connection);
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal(PostgresRungStore.LatestSchemaVersion, await Store.GetSchemaVersionAsync());
        Assert.Equal(complete.Where(v => v is not 8 and not 9), await VersionsAsync());

        var reopened = await OpenAnotherAsync();

        Assert.Equal(complete, await VersionsAsync());
        Assert.Equal(PostgresRungStore.LatestSchemaVersion, await reopened.GetSchemaVersionAsync());
        await reopened.CreateTemplateInstanceAsync(Agent(), Initial(), new TemplateInstance(AgentId, "t", "v1", "src", "koeln", "line5", T0, "ml.engineer"));
        await reopened.AppendDecisionsAsync([Decision("c1", T0)]);
        Assert.Equal([true], await reopened.AppendShadowProposalsAsync(
            [new ShadowProposal("c1", AgentId, "v2", "v1", "scrap", ShadowCallResult.Failed, null, null, false, "boom", TimeSpan.Zero, new Dictionary<string, string>(), T0)]));
        Assert.Single(await Store.GetTemplateInstancesAsync());
    }

    [Fact]
    public async Task A_database_deployed_without_the_edge_tables_gets_them_on_the_next_open()
    {
        await using (var connection = new NpgsqlConnection(_database!.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("DROP TABLE edge_forwarding, edge_health, edge_configs, stop_switches; DELETE FROM schema_version WHERE version = 7;", connection);
            await command.ExecuteNonQueryAsync();
        }

        var reopened = await OpenAnotherAsync();

        Assert.Contains(7, await VersionsAsync());
        Assert.Equal(1, await reopened.PublishEdgeConfigAsync(AgentId, "acme/plant1", "id: x", T0, "anna"));
        Assert.Single(await Store.GetEdgeConfigsAsync());
    }

    private async Task<List<int>> VersionsAsync()
    {
        await using var connection = new NpgsqlConnection(_database!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version FROM schema_version ORDER BY version;", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }
}

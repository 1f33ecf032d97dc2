using Rung.Storage.Postgres;
using Rung.Testing.Postgres;

namespace Rung.Storage.Tests.Postgres;

/// <summary>The store contract on PostgreSQL: the same tests as on SQLite, each on its own database.</summary>
public sealed class PostgresRungStoreTests : RungStoreContract
{
    private PostgresDatabase? _database;

    protected override int ExpectedSchemaVersion => PostgresRungStore.LatestSchemaVersion;

    private protected override async Task<IRungStore> OpenStoreAsync(TimeProvider timeProvider)
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
}

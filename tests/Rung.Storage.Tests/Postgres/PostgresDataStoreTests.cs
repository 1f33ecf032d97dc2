using Rung.Storage.Postgres;
using Rung.Testing.Postgres;

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
}

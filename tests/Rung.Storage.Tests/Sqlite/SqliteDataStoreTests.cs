using Rung.Storage.Sqlite;
using Rung.Testing;

namespace Rung.Storage.Tests.Sqlite;

/// <summary>The data-store contract on SQLite: every instance opens the same file.</summary>
public sealed class SqliteDataStoreTests : DataStoreContract, IDisposable
{
    private readonly TempDirectory _directory = new();

    private protected override async Task<IRungDataStore> OpenInstanceAsync(TimeProvider timeProvider) =>
        await SqliteRungStore.OpenAsync(Path.Combine(_directory.Path, "rung.db"), timeProvider);

    public void Dispose() => _directory.Dispose();
}

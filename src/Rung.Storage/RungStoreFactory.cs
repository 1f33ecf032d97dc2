using Rung.Storage.Postgres;
using Rung.Storage.Sqlite;

namespace Rung.Storage;

/// <summary>
/// Opens the store the configuration names: <c>--store</c>, else the <c>RUNG_STORE</c> environment variable,
/// else the SQLite file in the data folder. A <c>postgres://</c> URI or a <c>Host=...</c> connection string
/// means PostgreSQL; anything else is a SQLite file path.
/// </summary>
public static class RungStoreFactory
{
    /// <summary>The environment variable that names the store when no <c>--store</c> is given.</summary>
    public const string EnvironmentVariable = "RUNG_STORE";

    /// <summary>The SQLite file's name inside the data folder.</summary>
    public const string DefaultFileName = "rung.db";

    /// <summary>
    /// Resolves what to open: <paramref name="store"/> when given, else <paramref name="environmentValue"/>,
    /// else <c>DIR/rung.db</c> under <paramref name="dataDirectory"/>.
    /// </summary>
    public static string Resolve(string? store, string? environmentValue, string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        if (!string.IsNullOrWhiteSpace(store))
        {
            return store.Trim();
        }

        return !string.IsNullOrWhiteSpace(environmentValue) ? environmentValue.Trim() : Path.Combine(dataDirectory, DefaultFileName);
    }

    /// <summary>True when <paramref name="store"/> names a PostgreSQL database.</summary>
    public static bool IsPostgres(string store) => PostgresConnectionString.IsPostgres(store);

    /// <summary>Opens (and migrates) the store <paramref name="store"/> names.</summary>
    /// <param name="store">A SQLite file path, a <c>postgres://</c> URI or an Npgsql connection string.</param>
    /// <param name="timeProvider">The store's clock.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <exception cref="ArgumentException">A PostgreSQL connection string that cannot be read.</exception>
    public static async Task<IRungDataStore> OpenAsync(string store, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        return IsPostgres(store)
            ? await PostgresRungStore.OpenAsync(store, timeProvider, cancellationToken)
            : await SqliteRungStore.OpenAsync(store, timeProvider, cancellationToken);
    }

    /// <summary>The store's name for messages and logs, without a password.</summary>
    public static string Describe(string store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return IsPostgres(store) ? "PostgreSQL " + PostgresConnectionString.Redact(store) : "SQLite " + store;
    }
}

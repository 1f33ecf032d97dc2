namespace Rung.Testing.Postgres;

/// <summary>One test's own database on the shared <see cref="PostgresServer"/>; dropped on dispose.</summary>
public sealed class PostgresDatabase(PostgresServer server, string name, string connectionString) : IAsyncDisposable
{
    /// <summary>The database's name.</summary>
    public string Name { get; } = name;

    /// <summary>An Npgsql connection string to it.</summary>
    public string ConnectionString { get; } = connectionString;

    /// <summary>The server it lives on.</summary>
    public PostgresServer Server { get; } = server;

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await Server.DropDatabaseAsync(Name);
}

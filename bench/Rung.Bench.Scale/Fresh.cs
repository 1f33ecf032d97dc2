using Npgsql;

namespace Rung.Bench.Scale;

/// <summary>Empties the benchmark's PostgreSQL database between runs.</summary>
internal static class Fresh
{
    public static async Task ResetPostgresAsync(string connectionString)
    {
        var builder = Rung.Storage.Postgres.PostgresConnectionString.Parse(connectionString);
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", connection);
        await command.ExecuteNonQueryAsync();
    }
}

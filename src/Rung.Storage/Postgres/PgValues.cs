using Npgsql;

namespace Rung.Storage.Postgres;

/// <summary>Parameter binding for the PostgreSQL store.</summary>
internal static class PgValues
{
    /// <summary>double precision keeps NaN as it is, unlike SQLite.</summary>
    public static object FromDouble(double? value) => value is { } v ? v : DBNull.Value;

    public static NpgsqlParameter Add(this NpgsqlCommand command, string name, object? value) =>
        command.Parameters.AddWithValue(name.TrimStart('@'), value ?? DBNull.Value);
}

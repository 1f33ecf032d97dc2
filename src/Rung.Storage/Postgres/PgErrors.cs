using Npgsql;

namespace Rung.Storage.Postgres;

/// <summary>Recognises PostgreSQL errors the store turns into its own exceptions.</summary>
internal static class PgErrors
{
    /// <summary>Class 23, integrity constraint violation: what SQLite reports as SQLITE_CONSTRAINT (19).</summary>
    public static bool IsConstraintViolation(PostgresException exception) =>
        exception.SqlState.StartsWith("23", StringComparison.Ordinal);
}

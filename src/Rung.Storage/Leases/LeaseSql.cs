namespace Rung.Storage.Leases;

/// <summary>The lease statements: portable SQL that SQLite and PostgreSQL both run as written.</summary>
internal static class LeaseSql
{
    /// <summary>
    /// Inserts the lease, or takes it over when it expired or is the caller's; one row changed means the caller
    /// holds it. The conflict check and the update are one statement, so two callers cannot both win.
    /// </summary>
    public const string Acquire = """
        INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @expires_at)
        ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
        WHERE leases.holder = excluded.holder OR leases.expires_at <= @now;
        """;

    public const string Release = "DELETE FROM leases WHERE name = @name AND holder = @holder;";

    public const string Select = "SELECT name, holder, expires_at FROM leases WHERE name = @name;";
}

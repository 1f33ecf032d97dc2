namespace Rung.Storage.Sqlite;

/// <summary>
/// Times in the database: 100-nanosecond ticks since the Unix epoch (UTC), as INTEGER. Exact round trip,
/// ordered, indexable, and readable in the sqlite3 shell with <c>datetime(col / 10000000, 'unixepoch')</c>.
/// </summary>
internal static class DbTime
{
    private static readonly long EpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    public static long ToDb(DateTimeOffset value) => value.UtcTicks - EpochTicks;

    public static DateTimeOffset FromDb(long value) => new(value + EpochTicks, TimeSpan.Zero);
}

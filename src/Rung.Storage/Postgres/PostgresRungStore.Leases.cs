using Rung.Storage.Leases;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

public sealed partial class PostgresRungStore
{
    /// <inheritdoc />
    public Task<bool> TryAcquireLeaseAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        return WriteAsync(
            transaction =>
            {
                var now = _timeProvider.GetUtcNow();
                using var command = WriteCommand(transaction, LeaseSql.Acquire);
                command.Add("@name", name);
                command.Add("@holder", holder);
                command.Add("@expires_at", DbTime.ToDb(now + duration));
                command.Add("@now", DbTime.ToDb(now));
                return command.ExecuteNonQuery() == 1;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ReleaseLeaseAsync(string name, string holder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        return WriteAsync(
            transaction =>
            {
                using var command = WriteCommand(transaction, LeaseSql.Release);
                command.Add("@name", name);
                command.Add("@holder", holder);
                return command.ExecuteNonQuery() == 1;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<LeaseRecord?> GetLeaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = LeaseSql.Select;
        command.Add("@name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new LeaseRecord(reader.GetString(0), reader.GetString(1), DbValues.GetTime(reader, 2))
            : null;
    }
}

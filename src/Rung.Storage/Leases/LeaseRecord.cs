namespace Rung.Storage.Leases;

/// <summary>Who holds a lease and until when.</summary>
/// <param name="Name">The job the lease is for, for example <c>alarms.escalation</c>.</param>
/// <param name="Holder">The instance holding it (host name and process id, or a configured instance id).</param>
/// <param name="ExpiresAt">When the lease lapses unless its holder renews it.</param>
public sealed record LeaseRecord(string Name, string Holder, DateTimeOffset ExpiresAt);

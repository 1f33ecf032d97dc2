namespace Rung.Storage.Leases;

/// <summary>
/// What a background service asks before each run when several instances share one database: "is this run
/// mine?". The lease lasts a few run intervals, so a holder that dies is replaced after it lapses, and a living
/// holder keeps it by renewing on each run.
/// </summary>
/// <param name="store">Where leases are kept.</param>
/// <param name="holder">This instance's name, unique among the instances on the database.</param>
/// <param name="duration">How long a taken lease lasts: longer than the job's interval, so the holder renews it in time.</param>
public sealed class BackgroundLease(ILeaseStore store, string holder, TimeSpan duration)
{
    /// <summary>This instance's name.</summary>
    public string Holder { get; } = Validate(holder);

    /// <summary>
    /// True when this instance should run <paramref name="job"/> now: it took or renewed the job's lease.
    /// </summary>
    public Task<bool> TryRunAsync(string job, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        return store.TryAcquireLeaseAsync(job, Holder, duration, cancellationToken);
    }

    /// <summary>Releases the job's lease (on shutdown), so another instance takes over without waiting for it to lapse.</summary>
    public Task<bool> ReleaseAsync(string job, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        return store.ReleaseLeaseAsync(job, Holder, cancellationToken);
    }

    /// <summary>A default instance name: host name and process id.</summary>
    public static string DefaultHolder() => $"{Environment.MachineName}:{Environment.ProcessId}";

    private static string Validate(string holder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        return holder;
    }
}

namespace Rung.Storage.Leases;

/// <summary>
/// Named, time-limited leases: the way several processes sharing one database agree which of them runs a
/// background job. A lease is held by one holder until it expires or is released; its holder renews it.
/// </summary>
public interface ILeaseStore
{
    /// <summary>
    /// Takes or renews the lease <paramref name="name"/> for <paramref name="holder"/> until now plus
    /// <paramref name="duration"/>. Returns true when the caller holds it afterwards: it was free, expired or
    /// already the caller's. Returns false while another holder's lease is still valid.
    /// </summary>
    Task<bool> TryAcquireLeaseAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Gives the lease up when <paramref name="holder"/> holds it; returns false when it did not.</summary>
    Task<bool> ReleaseLeaseAsync(string name, string holder, CancellationToken cancellationToken = default);

    /// <summary>The lease's current holder and expiry, or null when it was never taken or was released.</summary>
    Task<LeaseRecord?> GetLeaseAsync(string name, CancellationToken cancellationToken = default);
}

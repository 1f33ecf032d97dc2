using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Rung.Server.Hosting;

/// <summary>
/// Applies <see cref="RateLimitOptions"/>: sign-in posts by address and by (address, user id) over a sliding minute,
/// API writes by caller in a token bucket refilled every second. Callers are told apart by a hash of their
/// Authorization header, so no token is kept. Thread-safe.
/// </summary>
internal sealed class RateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> signInsByAddress;
    private readonly PartitionedRateLimiter<string> signInsByUser;
    private readonly PartitionedRateLimiter<string> writes;

    public RateLimits(RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        signInsByAddress = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => PerMinute(options.SignInsPerAddressPerMinute)));
        signInsByUser = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => PerMinute(options.SignInsPerUserPerMinute)));
        writes = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.WritesPerCallerPerSecond,
            TokensPerPeriod = options.WritesPerCallerPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Whether a sign-in post from <paramref name="address"/> for <paramref name="userId"/> may go ahead.</summary>
    public bool AllowSignIn(string address, string userId)
    {
        using var byAddress = signInsByAddress.AttemptAcquire(address);
        if (!byAddress.IsAcquired)
        {
            return false;
        }

        using var byUser = signInsByUser.AttemptAcquire(address + "\n" + userId.Trim().ToUpperInvariant());
        return byUser.IsAcquired;
    }

    /// <summary>Whether an API write from the caller named by <paramref name="authorization"/> (or <paramref name="address"/>) may go ahead.</summary>
    public bool AllowWrite(string address, string? authorization)
    {
        var caller = string.IsNullOrEmpty(authorization)
            ? "address:" + address
            : "token:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(authorization)));
        using var lease = writes.AttemptAcquire(caller);
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        signInsByAddress.Dispose();
        signInsByUser.Dispose();
        writes.Dispose();
    }

    private static SlidingWindowRateLimiterOptions PerMinute(int limit) => new()
    {
        PermitLimit = limit,
        Window = TimeSpan.FromMinutes(1),
        SegmentsPerWindow = 6,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

namespace Rung.Server.Hosting;

/// <summary>
/// Request rate limits. Sign-in limits slow down password guessing across accounts (lockout already stops guessing
/// at one account); the write limit keeps one runaway caller from starving the others. Over a limit the answer is
/// 429 with Retry-After, and nothing is done.
/// </summary>
public sealed record RateLimitOptions
{
    /// <summary>Sign-in and password-change posts per user id from one address in any minute. Default 20.</summary>
    public int SignInsPerUserPerMinute { get; init; } = 20;

    /// <summary>Sign-in and password-change posts from one address in any minute, whatever the user id. Default 100.</summary>
    public int SignInsPerAddressPerMinute { get; init; } = 100;

    /// <summary>API writes (any method but GET and HEAD) per caller (token, else address) in one second. Default 2,000.</summary>
    public int WritesPerCallerPerSecond { get; init; } = 2000;

    /// <summary>Checks the limits are positive.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero or negative.</exception>
    public RateLimitOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(SignInsPerUserPerMinute, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(SignInsPerAddressPerMinute, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(WritesPerCallerPerSecond, 1);
        return this;
    }
}

namespace Rung.Runtime.Notifications;

/// <summary>
/// How a network channel retries: exponential backoff with jitter between attempts, a timeout on each attempt,
/// and a server's Retry-After honoured up to <see cref="MaxRetryAfter"/>. The defaults suit a page: a few quick
/// tries, then a clear failure the caller reports, rather than minutes of silence.
/// </summary>
public sealed record DeliveryRetryOptions
{
    /// <summary>Attempts in all, the first included; 1 means no retry. Default 4; 1 to 20.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The delay before the first retry; it doubles on each later one. Default 1 s; 0 to 10 min.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff delay. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt may take before it is abandoned and retried. Default 10 s; 10 ms to 10 min.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest Retry-After a server can ask for; longer requests wait this long. Default 2 min.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether backoff delays are randomised so many senders do not retry in step. Default true.</summary>
    public bool UseJitter { get; init; } = true;

    /// <summary>Every problem with these values, each naming its field under <paramref name="prefix"/>.</summary>
    public IReadOnlyList<string> Validate(string prefix = "retry")
    {
        var errors = new List<string>();
        if (MaxAttempts is < 1 or > 20)
        {
            errors.Add($"{prefix}.max_attempts: must be between 1 and 20, was {MaxAttempts}.");
        }

        if (BaseDelay < TimeSpan.Zero || BaseDelay > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{prefix}.base_delay: must be between 0 and 10 minutes, was {BaseDelay}.");
        }

        if (MaxDelay < BaseDelay || MaxDelay > TimeSpan.FromHours(1))
        {
            errors.Add($"{prefix}.max_delay: must be at least base_delay and at most 1 hour, was {MaxDelay}.");
        }

        if (AttemptTimeout < TimeSpan.FromMilliseconds(10) || AttemptTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{prefix}.attempt_timeout: must be between 10 ms and 10 minutes, was {AttemptTimeout}.");
        }

        if (MaxRetryAfter < TimeSpan.Zero || MaxRetryAfter > TimeSpan.FromHours(1))
        {
            errors.Add($"{prefix}.max_retry_after: must be between 0 and 1 hour, was {MaxRetryAfter}.");
        }

        return errors;
    }
}

using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Rung.Runtime.Notifications;

/// <summary>
/// Builds the Polly pipeline shared by the network channels: retry (outer) around a per-attempt timeout (inner),
/// every delay and timeout on the given <see cref="TimeProvider"/> so tests can move time.
/// </summary>
internal static class DeliveryPipeline
{
    /// <param name="options">Attempts, delays and timeouts.</param>
    /// <param name="timeProvider">The clock for delays and timeouts.</param>
    /// <param name="isTransientResult">Whether a returned result is worth another attempt.</param>
    /// <param name="retryAfter">The delay a result asks for (Retry-After), or null for the backoff.</param>
    public static ResiliencePipeline<T> Build<T>(
        DeliveryRetryOptions options,
        TimeProvider timeProvider,
        Func<T, bool> isTransientResult,
        Func<T, TimeSpan?> retryAfter)
    {
        var builder = new ResiliencePipelineBuilder<T> { TimeProvider = timeProvider };
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<T>
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                UseJitter = options.UseJitter,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: { } exception } => IsTransient(exception, args.Context.CancellationToken),
                    { Result: { } result } => isTransientResult(result),
                    _ => false,
                }),
                DelayGenerator = args =>
                {
                    var asked = args.Outcome.Result is { } result ? retryAfter(result) : null;
                    return ValueTask.FromResult(asked is { } delay ? Clamp(delay, options.MaxRetryAfter) : (TimeSpan?)null);
                },
            });
        }

        return builder.AddTimeout(options.AttemptTimeout).Build();
    }

    /// <summary>Network errors and timeouts are transient; the caller's own cancellation is not.</summary>
    public static bool IsTransient(Exception exception, CancellationToken callerToken) => exception switch
    {
        TimeoutRejectedException => true,
        HttpRequestException => true,
        IOException => true,
        System.Net.Sockets.SocketException => true,
        OperationCanceledException => !callerToken.IsCancellationRequested,
        _ => false,
    };

    private static TimeSpan Clamp(TimeSpan delay, TimeSpan max) =>
        delay < TimeSpan.Zero ? TimeSpan.Zero : delay > max ? max : delay;
}

using Microsoft.Extensions.Logging;

namespace Rung.Server.Hosting;

/// <summary>
/// The loop of a server's background job: run, wait for the next tick, run again. A run that throws is logged and
/// the job runs again at its next tick, whatever the exception: an unhandled exception in a hosted service stops the
/// whole host, and a sweep or checkpoint is never worth taking the console and the edges' API down with it.
/// </summary>
public static partial class BackgroundJobLoop
{
    /// <summary>
    /// Runs <paramref name="run"/> every <paramref name="interval"/> (first at once when <paramref name="runAtStart"/>)
    /// until <paramref name="stoppingToken"/> is cancelled. Returns when stopped; never throws for a failed run.
    /// </summary>
    /// <param name="job">The job's name, for the log.</param>
    /// <param name="run">One run of the job.</param>
    /// <param name="interval">The time between runs.</param>
    /// <param name="runAtStart">Whether the first run starts at once rather than after one interval.</param>
    /// <param name="time">The clock the ticks come from.</param>
    /// <param name="logger">Where failed runs are logged.</param>
    /// <param name="stoppingToken">Stops the loop (the host shutting down).</param>
    public static async Task RunAsync(string job, Func<CancellationToken, Task> run, TimeSpan interval, bool runAtStart, TimeProvider time, ILogger logger, CancellationToken stoppingToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            if (runAtStart)
            {
                await RunOnceAsync(job, run, logger, stoppingToken).ConfigureAwait(false);
            }

            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await RunOnceAsync(job, run, logger, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>One guarded run: true when it completed, false when it failed (and was logged). Only shutdown propagates.</summary>
    /// <param name="job">The job's name, for the log.</param>
    /// <param name="run">The run.</param>
    /// <param name="logger">Where a failed run is logged.</param>
    /// <param name="cancellationToken">Shutdown: its cancellation propagates as <see cref="OperationCanceledException"/>.</param>
    public static async Task<bool> RunOnceAsync(string job, Func<CancellationToken, Task> run, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            await run(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any failure of one run is logged and retried at the next tick; see the type's remarks.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(logger, ex, job);
            return false;
        }
    }

    [LoggerMessage(EventId = 3190, Level = LogLevel.Error, Message = "Background job {Job} failed; retrying at the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string job);
}

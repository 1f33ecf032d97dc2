using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rung.Storage.Leases;

namespace Rung.Server.Hosting;

/// <summary>
/// Runs the <see cref="AlarmEscalationSweep"/> on a timer. When several instances share one store, only the holder of
/// the <c>alarms.escalation</c> lease sweeps, so each alarm is escalated and paged once.
/// </summary>
internal sealed partial class AlarmEscalationService(AlarmEscalationSweep sweep, BackgroundLease lease, ConsoleOptions options, TimeProvider time, ILogger<AlarmEscalationService> logger) : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another instance takes the sweep over at its next tick instead of waiting for the lease to lapse.
            await lease.ReleaseAsync(AlarmEscalationSweep.LeaseName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException or OperationCanceledException)
        {
            LogFailed(ex);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.AlarmSweepInterval, time);
        try
        {
            do
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await lease.TryRunAsync(AlarmEscalationSweep.LeaseName, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var escalated = await sweep.RunAsync(cancellationToken).ConfigureAwait(false);
            if (escalated.Count > 0)
            {
                LogEscalated(escalated.Count);
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or KeyNotFoundException or System.Data.Common.DbException or System.Net.Http.HttpRequestException)
        {
            // A failed sweep must not stop the console; the next tick tries again.
            LogFailed(ex);
        }
    }

    [LoggerMessage(EventId = 3110, Level = LogLevel.Information, Message = "Escalated {Count} unacknowledged alarms.")]
    private partial void LogEscalated(int count);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Error, Message = "Alarm escalation sweep failed; retrying at the next interval.")]
    private partial void LogFailed(Exception exception);
}

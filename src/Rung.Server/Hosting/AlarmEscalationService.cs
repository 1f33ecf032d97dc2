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
#pragma warning disable CA1031 // Stopping goes on whatever the store says; the lease lapses on its own.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReleaseFailed(ex);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        BackgroundJobLoop.RunAsync(AlarmEscalationSweep.LeaseName, SweepAsync, options.AlarmSweepInterval, runAtStart: true, time, logger, stoppingToken);

    private async Task SweepAsync(CancellationToken cancellationToken)
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

    [LoggerMessage(EventId = 3110, Level = LogLevel.Information, Message = "Escalated {Count} unacknowledged alarms.")]
    private partial void LogEscalated(int count);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Warning, Message = "Could not release the alarm escalation lease at shutdown; it lapses on its own.")]
    private partial void LogReleaseFailed(Exception exception);
}

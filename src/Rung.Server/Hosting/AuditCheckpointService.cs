using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rung.Governance.Audit;
using Rung.Storage.Leases;

namespace Rung.Server.Hosting;

/// <summary>
/// Signs the head of the audit chain on a timer and once more at shutdown, so entries deleted from the newest end
/// are detected however the process stops next. When several instances share one store, only the holder of the
/// <c>audit.checkpoint</c> lease signs, so the chain gets one series of checkpoints.
/// </summary>
internal sealed partial class AuditCheckpointService(AuditCheckpointer checkpointer, BackgroundLease lease, ConsoleOptions options, TimeProvider time, ILogger<AuditCheckpointService> logger) : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await CheckpointAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CheckpointInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await CheckpointAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: StopAsync writes the last checkpoint.
        }
    }

    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await lease.TryRunAsync(LeaseName, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var checkpoint = await checkpointer.CheckpointAsync(cancellationToken).ConfigureAwait(false);
            if (checkpoint is not null)
            {
                LogCheckpoint(checkpoint.Sequence);
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            // A failed checkpoint must not stop the console; the next tick tries again and the verifier still walks the chain.
            LogFailed(ex);
        }
    }

    /// <summary>The lease the checkpointing instance holds.</summary>
    public const string LeaseName = "audit.checkpoint";

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Audit checkpoint signed at entry {Sequence}.")]
    private partial void LogCheckpoint(long sequence);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "Audit checkpoint failed; retrying at the next interval.")]
    private partial void LogFailed(Exception exception);
}

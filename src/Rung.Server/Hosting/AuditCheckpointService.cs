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
        await BackgroundJobLoop.RunOnceAsync(LeaseName, CheckpointAsync, logger, cancellationToken).ConfigureAwait(false);
    }

    // Shutdown (StopAsync) writes the last checkpoint.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        BackgroundJobLoop.RunAsync(LeaseName, CheckpointAsync, options.CheckpointInterval, runAtStart: false, time, logger, stoppingToken);

    private async Task CheckpointAsync(CancellationToken cancellationToken)
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

    /// <summary>The lease the checkpointing instance holds.</summary>
    public const string LeaseName = "audit.checkpoint";

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Audit checkpoint signed at entry {Sequence}.")]
    private partial void LogCheckpoint(long sequence);
}

using Rung.Runtime.Notifications;

namespace Rung.Bench.Drift;

/// <summary>A notification channel that accepts every page and sends nothing.</summary>
internal sealed class NullChannel : INotificationChannel
{
    public string Name => "none";

    public Task DeliverAsync(Page page, CancellationToken cancellationToken = default) => Task.CompletedTask;
}

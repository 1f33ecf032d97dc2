using Rung.Runtime.Notifications;

namespace Rung.Runtime.Tests.Monitoring;

/// <summary>A channel that keeps what it is given: the test's pager.</summary>
internal sealed class CollectingChannel : INotificationChannel
{
    public List<Page> Pages { get; } = [];

    public string Name => "collect";

    public Task DeliverAsync(Page page, CancellationToken cancellationToken = default)
    {
        Pages.Add(page);
        return Task.CompletedTask;
    }
}

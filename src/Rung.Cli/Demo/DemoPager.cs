using Rung.Runtime.Notifications;

namespace Rung.Cli.Demo;

/// <summary>The demo's own paging channel: it collects the pages so the live display can show them as they arrive.</summary>
internal sealed class DemoPager : INotificationChannel
{
    private readonly List<Page> _pages = [];

    public string Name => "demo-console";

    public IReadOnlyList<Page> Pages => _pages;

    public Task DeliverAsync(Page page, CancellationToken cancellationToken = default)
    {
        lock (_pages)
        {
            _pages.Add(page);
        }

        return Task.CompletedTask;
    }

    /// <summary>Takes the pages that arrived since the last call.</summary>
    public List<Page> Drain()
    {
        lock (_pages)
        {
            var taken = new List<Page>(_pages);
            _pages.Clear();
            return taken;
        }
    }
}

namespace Rung.Runtime.Notifications;

/// <summary>What every channel did with one page, in the order the channels are configured.</summary>
/// <param name="Page">The page.</param>
/// <param name="Results">One result per channel.</param>
public sealed record NotificationReport(Page Page, IReadOnlyList<ChannelResult> Results)
{
    /// <summary>Whether every channel delivered.</summary>
    public bool AllDelivered => Results.All(r => r.Delivered);

    /// <summary>Whether at least one channel delivered, so the person was reached somewhere.</summary>
    public bool AnyDelivered => Results.Any(r => r.Delivered);

    /// <summary>The channels that failed.</summary>
    public IReadOnlyList<ChannelResult> Failures => [.. Results.Where(r => !r.Delivered)];
}

namespace Rung.Runtime.Notifications;

/// <summary>
/// Sends a page on every configured channel at once and reports what each did. One channel failing never stops
/// the others and never throws: the report says which failed and why, and the alarm engine decides what next
/// (escalate, record). Only the caller's cancellation throws. Thread-safe.
/// </summary>
public sealed class Notifier
{
    /// <summary>Creates the notifier.</summary>
    /// <exception cref="ArgumentException">No channels, or two with the same name.</exception>
    public Notifier(IEnumerable<INotificationChannel> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        Channels = [.. channels];
        if (Channels.Count == 0)
        {
            throw new ArgumentException("At least one notification channel is needed.", nameof(channels));
        }

        var duplicate = Channels.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two notification channels are named '{duplicate.Key}'; names must be unique.", nameof(channels));
        }
    }

    /// <summary>The channels, in order.</summary>
    public IReadOnlyList<INotificationChannel> Channels { get; }

    /// <summary>Delivers the page on every channel and reports each result, in channel order.</summary>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async Task<NotificationReport> NotifyAsync(Page page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        var results = await Task.WhenAll(Channels.Select(c => DeliverOneAsync(c, page, cancellationToken))).ConfigureAwait(false);
        return new NotificationReport(page, results);
    }

    private static async Task<ChannelResult> DeliverOneAsync(INotificationChannel channel, Page page, CancellationToken cancellationToken)
    {
        try
        {
            await channel.DeliverAsync(page, cancellationToken).ConfigureAwait(false);
            return new ChannelResult(channel.Name, Delivered: true, Error: null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A broken channel of any kind must be reported, not take the other channels down.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new ChannelResult(channel.Name, Delivered: false, Error: ex.Message);
        }
    }
}

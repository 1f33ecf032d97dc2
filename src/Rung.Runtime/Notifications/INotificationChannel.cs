namespace Rung.Runtime.Notifications;

/// <summary>
/// A way to reach a person: a webhook, e-mail, a file, the console. Implementations retry transient failures
/// themselves and are safe to call concurrently.
/// </summary>
public interface INotificationChannel
{
    /// <summary>A short name for reports and errors, for example <c>webhook</c> or <c>smtp</c>.</summary>
    string Name { get; }

    /// <summary>Delivers one page; returns once the receiving end accepted it.</summary>
    /// <exception cref="NotificationException">Delivery failed for good (after any retries).</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    Task DeliverAsync(Page page, CancellationToken cancellationToken = default);
}

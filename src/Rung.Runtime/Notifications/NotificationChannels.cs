namespace Rung.Runtime.Notifications;

/// <summary>Builds a <see cref="Notifier"/> from <see cref="NotificationOptions"/>.</summary>
public static class NotificationChannels
{
    /// <summary>
    /// Validates the options and creates one channel per configured section, in the order console, file,
    /// webhook, smtp.
    /// </summary>
    /// <param name="options">The settings.</param>
    /// <param name="http">The client for the webhook; needed only when a webhook is configured.</param>
    /// <param name="addressOf">User id to e-mail address; needed only when SMTP is configured.</param>
    /// <param name="console">Where console lines go; defaults to <see cref="Console.Out"/>.</param>
    /// <param name="timeProvider">The clock for retries and timestamps.</param>
    /// <exception cref="ArgumentException">A setting is bad or a needed argument is missing; the message names it.</exception>
    public static Notifier Create(NotificationOptions options, HttpClient? http = null, Func<string, string?>? addressOf = null, TextWriter? console = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        var channels = new List<INotificationChannel>();
        if (options.Console)
        {
            channels.Add(new ConsoleChannel(console ?? Console.Out));
        }

        if (options.FilePath is { } path)
        {
            channels.Add(new FileChannel(path));
        }

        if (options.Webhook is { } webhook)
        {
            channels.Add(new WebhookChannel(http ?? throw new ArgumentException("A webhook is configured but no HttpClient was given.", nameof(http)), webhook, options.Retry, timeProvider));
        }

        if (options.Smtp is { } smtp)
        {
            channels.Add(new SmtpChannel(smtp, addressOf ?? throw new ArgumentException("SMTP is configured but no user-to-address map was given.", nameof(addressOf)), options.Retry, timeProvider));
        }

        return new Notifier(channels);
    }
}

using System.Globalization;

namespace Rung.Runtime.Notifications;

/// <summary>
/// Writes one line per page to a <see cref="TextWriter"/> (the console in the demo):
/// <c>2026-01-05T08:00:00Z PAGE critical raised alarm-7 agent=line3-quality rule=slo.alert_line to=line3.lead: title</c>.
/// Thread-safe; the writer is not disposed by the channel.
/// </summary>
public sealed class ConsoleChannel(TextWriter writer, string name = "console") : INotificationChannel
{
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public string Name { get; } = name;

    /// <summary>The line written for a page, without the line break.</summary>
    public static string Format(Page page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var at = page.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var title = page.Title.ReplaceLineEndings(" ").Trim();
        return $"{at} PAGE {PageNames.Of(page.Severity)} {PageNames.Of(page.Kind)} {page.AlarmId} agent={page.AgentId} rule={page.Rule} to={page.Recipient}: {title}";
    }

    /// <inheritdoc />
    public Task DeliverAsync(Page page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        cancellationToken.ThrowIfCancellationRequested();
        var line = Format(page);
        try
        {
            // One short line: written synchronously under a lock so lines from concurrent pages never interleave.
            lock (_gate)
            {
                writer.WriteLine(line);
                writer.Flush();
            }
        }
        catch (IOException ex)
        {
            throw new NotificationException(Name, "the console", ex.Message, ex);
        }

        return Task.CompletedTask;
    }
}

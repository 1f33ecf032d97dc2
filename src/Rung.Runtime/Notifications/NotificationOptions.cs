namespace Rung.Runtime.Notifications;

/// <summary>
/// Which channels page an owner and how. Each channel is on when its section is set; at least one must be.
/// Call <see cref="ThrowIfInvalid"/> at start so a bad value is named before the first alarm.
/// </summary>
public sealed record NotificationOptions
{
    /// <summary>The webhook channel, or null for none.</summary>
    public WebhookOptions? Webhook { get; init; }

    /// <summary>The e-mail channel, or null for none.</summary>
    public SmtpOptions? Smtp { get; init; }

    /// <summary>A JSON-lines file every page is appended to, or null for none.</summary>
    public string? FilePath { get; init; }

    /// <summary>Whether pages are also written to the console, one line each.</summary>
    public bool Console { get; init; }

    /// <summary>Retries for the webhook and e-mail channels.</summary>
    public DeliveryRetryOptions Retry { get; init; } = new();

    /// <summary>Every problem, each naming its field (for example <c>webhook.secret</c>); empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Webhook is not null)
        {
            errors.AddRange(Webhook.Validate());
        }

        if (Smtp is not null)
        {
            errors.AddRange(Smtp.Validate());
        }

        if (FilePath is not null && (FilePath.Length == 0 || FilePath.IndexOfAny(Path.GetInvalidPathChars()) >= 0))
        {
            errors.Add($"file.path: must be a file path, was '{FilePath}'.");
        }

        if (Webhook is null && Smtp is null && FilePath is null && !Console)
        {
            errors.Add("notifications: no channel is configured; set webhook, smtp, file.path or console.");
        }

        errors.AddRange((Retry ?? new DeliveryRetryOptions()).Validate());
        return errors;
    }

    /// <summary>Throws when any value is bad, with every problem in the message.</summary>
    /// <exception cref="ArgumentException">A value is bad; the message names each field.</exception>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid notification settings:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }
    }
}

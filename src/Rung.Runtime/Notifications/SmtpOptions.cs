namespace Rung.Runtime.Notifications;

/// <summary>The mail server the e-mail channel relays through (no authentication; a plant relay).</summary>
/// <param name="Host">The relay's host name or address.</param>
/// <param name="Port">The relay's port, usually 25 or 587.</param>
/// <param name="From">The sender address, for example <c>rung@plant.example</c>.</param>
public sealed record SmtpOptions(string Host, int Port, string From)
{
    /// <summary>Whether to use STARTTLS. Default false (plant relays on a closed network often have none).</summary>
    public bool EnableSsl { get; init; }

    /// <summary>Every problem with these values, each naming its field.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Host) || Uri.CheckHostName(Host) == UriHostNameType.Unknown)
        {
            errors.Add($"smtp.host: must be a host name or address, was '{Host}'.");
        }

        if (Port is < 1 or > 65535)
        {
            errors.Add($"smtp.port: must be between 1 and 65535, was {Port}.");
        }

        if (string.IsNullOrWhiteSpace(From) || !System.Net.Mail.MailAddress.TryCreate(From, out _))
        {
            errors.Add($"smtp.from: must be an e-mail address, was '{From}'.");
        }

        return errors;
    }
}

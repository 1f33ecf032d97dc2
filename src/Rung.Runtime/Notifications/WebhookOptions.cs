namespace Rung.Runtime.Notifications;

/// <summary>Where the webhook channel POSTs and the secret it signs with.</summary>
/// <param name="Url">An absolute http or https URL.</param>
/// <param name="Secret">The shared secret for the <c>X-Rung-Signature</c> HMAC; at least 16 characters.</param>
public sealed record WebhookOptions(Uri Url, string Secret)
{
    /// <summary>The shortest secret accepted.</summary>
    public const int MinSecretLength = 16;

    /// <summary>The URL without its query or user info, safe to show in logs and errors.</summary>
    public string DisplayUrl => Url.IsAbsoluteUri ? Url.GetLeftPart(UriPartial.Path) : Url.ToString();

    /// <summary>Every problem with these values, each naming its field.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Url is null || !Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"webhook.url: must be an absolute http or https URL, was '{Url}'.");
        }

        if (string.IsNullOrEmpty(Secret) || Secret.Length < MinSecretLength)
        {
            errors.Add($"webhook.secret: must be at least {MinSecretLength} characters, was {Secret?.Length ?? 0}.");
        }

        return errors;
    }
}

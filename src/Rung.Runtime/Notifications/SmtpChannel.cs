using System.Net.Mail;
using System.Text;
using Polly;
using Polly.Timeout;

namespace Rung.Runtime.Notifications;

/// <summary>
/// E-mails each page as plain text (<see cref="PageEmail"/>) to the recipient's address through one SMTP relay.
/// The address comes from <c>addressOf</c> (user id to address); an unknown user fails at once, naming the user.
/// Connection failures, timeouts and 4xx replies (421, 450, 451, 452) are retried with backoff; 5xx replies are not.
/// The message carries <c>X-Rung-Delivery</c> so a mail rule or ticket system can drop duplicates. Thread-safe.
/// </summary>
public sealed class SmtpChannel : INotificationChannel
{
    private static readonly SmtpStatusCode[] TransientCodes =
    [
        SmtpStatusCode.ServiceNotAvailable,
        SmtpStatusCode.MailboxBusy,
        SmtpStatusCode.LocalErrorInProcessing,
        SmtpStatusCode.InsufficientStorage,
    ];

    private readonly SmtpOptions _options;
    private readonly Func<string, string?> _addressOf;
    private readonly DeliveryRetryOptions _retry;
    private readonly ResiliencePipeline<bool> _pipeline;

    /// <summary>Creates the channel.</summary>
    /// <param name="options">The relay and the sender address.</param>
    /// <param name="addressOf">Maps a user id to an e-mail address; null when the user has none.</param>
    /// <param name="retry">Retries; defaults when null.</param>
    /// <param name="timeProvider">The clock for backoff delays and attempt timeouts.</param>
    /// <param name="name">The channel's name in reports.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names the field.</exception>
    public SmtpChannel(SmtpOptions options, Func<string, string?> addressOf, DeliveryRetryOptions? retry = null, TimeProvider? timeProvider = null, string name = "smtp")
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(addressOf);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _retry = retry ?? new DeliveryRetryOptions();
        var errors = options.Validate().Concat(_retry.Validate()).ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _options = options;
        _addressOf = addressOf;
        Name = name;
        _pipeline = DeliveryPipeline.Build<bool>(_retry, timeProvider ?? TimeProvider.System, static _ => false, static _ => null);
    }

    /// <inheritdoc />
    public string Name { get; }

    private string Relay => $"smtp://{_options.Host}:{_options.Port}";

    /// <inheritdoc />
    public async Task DeliverAsync(Page page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        var address = _addressOf(page.Recipient);
        if (string.IsNullOrWhiteSpace(address))
        {
            throw new NotificationException(Name, Relay, $"no e-mail address is known for user '{page.Recipient}'.");
        }

        if (!MailAddress.TryCreate(address, out var to))
        {
            throw new NotificationException(Name, Relay, $"the address '{address}' of user '{page.Recipient}' is not an e-mail address.");
        }

        var endpoint = $"{Relay} for {to.Address}";
        var attempts = 0;
        try
        {
            await _pipeline.ExecuteAsync(
                async ct =>
                {
                    Interlocked.Increment(ref attempts);
                    await SendOnceAsync(page, to, ct).ConfigureAwait(false);
                    return true;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new NotificationException(Name, endpoint, $"no answer within {_retry.AttemptTimeout.TotalSeconds:0.###} s on each of {attempts} attempt(s)", ex);
        }
        catch (SmtpException ex)
        {
            var retried = IsTransient(ex) ? $"after {attempts} attempt(s)" : "not retried: the server refused it";
            throw new NotificationException(Name, endpoint, $"{Describe(ex)} ({retried})", ex);
        }
        catch (Exception ex) when (DeliveryPipeline.IsTransient(ex, cancellationToken))
        {
            throw new NotificationException(Name, endpoint, $"{ex.Message} (after {attempts} attempt(s))", ex);
        }
    }

    private async Task SendOnceAsync(Page page, MailAddress to, CancellationToken cancellationToken)
    {
        using var message = new MailMessage(new MailAddress(_options.From, "Rung"), to)
        {
            Subject = PageEmail.Subject(page),
            SubjectEncoding = Encoding.UTF8,
            Body = PageEmail.Body(page),
            BodyEncoding = Encoding.UTF8,
            BodyTransferEncoding = System.Net.Mime.TransferEncoding.QuotedPrintable,
            IsBodyHtml = false,
        };
        message.Headers.Add("X-Rung-Delivery", page.DeliveryId);
        message.Headers.Add("X-Rung-Severity", PageNames.Of(page.Severity));
        using var client = new SmtpClient(_options.Host, _options.Port)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            EnableSsl = _options.EnableSsl,
            UseDefaultCredentials = false,
            Timeout = (int)Math.Min(int.MaxValue, _retry.AttemptTimeout.TotalMilliseconds),
        };
        try
        {
            await client.SendMailAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpException ex) when (IsTransient(ex))
        {
            // Surface transient refusals and broken connections to the retry strategy as I/O failures.
            throw new IOException(Describe(ex), ex);
        }
    }

    private static bool IsTransient(SmtpException ex) =>
        TransientCodes.Contains(ex.StatusCode) || ex.InnerException is IOException or System.Net.Sockets.SocketException;

    private static string Describe(SmtpException ex)
    {
        var cause = ex.InnerException is { } inner && ex.StatusCode == SmtpStatusCode.GeneralFailure ? $": {inner.Message}" : string.Empty;
        return $"SMTP {(int)ex.StatusCode} ({ex.StatusCode}) {ex.Message.Trim()}{cause}";
    }
}

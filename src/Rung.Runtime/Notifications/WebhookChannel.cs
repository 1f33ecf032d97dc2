using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Polly;
using Polly.Timeout;

namespace Rung.Runtime.Notifications;

/// <summary>
/// POSTs each page as JSON (<see cref="PageMessage"/>) to one URL, signed with HMAC-SHA256 in
/// <c>X-Rung-Signature</c>, with <c>X-Rung-Timestamp</c> (Unix seconds of the attempt) and the idempotency key in
/// <c>X-Rung-Delivery</c>. Every attempt sends the same bytes. Network errors, timeouts, 408, 429 and 5xx are
/// retried with backoff (a Retry-After is honoured); any other 4xx fails at once. Thread-safe.
/// </summary>
public sealed class WebhookChannel : INotificationChannel
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Rung-Signature";

    /// <summary>The timestamp header.</summary>
    public const string TimestampHeader = "X-Rung-Timestamp";

    /// <summary>The idempotency header.</summary>
    public const string DeliveryHeader = "X-Rung-Delivery";

    private const int BodyStartLength = 200;

    private readonly HttpClient _http;
    private readonly WebhookOptions _options;
    private readonly DeliveryRetryOptions _retry;
    private readonly TimeProvider _timeProvider;
    private readonly ResiliencePipeline<WebhookAttempt> _pipeline;

    /// <summary>Creates the channel. The <paramref name="http"/> client is not disposed by the channel.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message names the field.</exception>
    public WebhookChannel(HttpClient http, WebhookOptions options, DeliveryRetryOptions? retry = null, TimeProvider? timeProvider = null, string name = "webhook")
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _retry = retry ?? new DeliveryRetryOptions();
        var errors = options.Validate().Concat(_retry.Validate()).ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _http = http;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        Name = name;
        _pipeline = DeliveryPipeline.Build<WebhookAttempt>(_retry, _timeProvider, a => a.IsTransient, a => a.RetryAfter);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public async Task DeliverAsync(Page page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        var body = PageMessage.SerializeToUtf8(page);
        var signature = WebhookSignature.Compute(_options.Secret, body);
        var attempts = 0;
        WebhookAttempt last;
        try
        {
            last = await _pipeline.ExecuteAsync(
                async ct =>
                {
                    Interlocked.Increment(ref attempts);
                    return await SendOnceAsync(page, body, signature, ct).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw Fail($"no answer within {_retry.AttemptTimeout.TotalSeconds:0.###} s on each of {attempts} attempt(s)", ex);
        }
        catch (Exception ex) when (DeliveryPipeline.IsTransient(ex, cancellationToken))
        {
            throw Fail($"{ex.Message} (after {attempts} attempt(s))", ex);
        }

        if (!last.Succeeded)
        {
            throw Fail(last.IsTransient
                ? $"{last.Describe()} (after {attempts} attempt(s))"
                : $"{last.Describe()} (not retried: the receiver rejected the request)");
        }
    }

    private async Task<WebhookAttempt> SendOnceAsync(Page page, byte[] body, string signature, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.Url);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(SignatureHeader, signature);
        request.Headers.Add(TimestampHeader, _timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(DeliveryHeader, page.DeliveryId);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var bodyStart = response.IsSuccessStatusCode ? string.Empty : await ReadStartAsync(response, cancellationToken).ConfigureAwait(false);
        return new WebhookAttempt(response.StatusCode, response.ReasonPhrase, RetryAfterOf(response), bodyStart);
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _timeProvider.GetUtcNow(),
        _ => null,
    };

    private static async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[BodyStartLength * 4];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            var text = Encoding.UTF8.GetString(buffer, 0, read).ReplaceLineEndings(" ").Trim();
            return text.Length <= BodyStartLength ? text : text[..BodyStartLength] + "...";
        }
    }

    private NotificationException Fail(string message, Exception? inner = null) =>
        new(Name, "POST " + _options.DisplayUrl, message, inner);
}

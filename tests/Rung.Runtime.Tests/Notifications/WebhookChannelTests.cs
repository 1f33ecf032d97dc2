using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Polly.Timeout;
using Rung.Runtime.Notifications;

namespace Rung.Runtime.Tests.Notifications;

public sealed class WebhookChannelTests : IDisposable
{
    private const string Secret = "s3cret-shared-with-the-receiver";
    private static readonly TimeSpan LongTimeout = TimeSpan.FromMinutes(10);

    private readonly HttpClient _http = new();
    private readonly SteppedTimeProvider _time = new();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task DeliverAsync_PostsSnakeCaseJsonSignedWithTheSecret()
    {
        await using var server = TestWebhookServer.Answering(HttpStatusCode.NoContent);
        var channel = Channel(server.Url);

        await channel.DeliverAsync(Pages.AlertLine());

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/hooks/rung", request.Path);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), request.Body));
        Assert.Equal(expected, request.Headers["X-Rung-Signature"]);
        Assert.True(WebhookSignature.Verify(Secret, request.Body, request.Headers["X-Rung-Signature"]));
        Assert.False(WebhookSignature.Verify("another-secret-of-some-length", request.Body, request.Headers["X-Rung-Signature"]));
        Assert.Equal("alarm-7:raised", request.Headers["X-Rung-Delivery"]);
        Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), request.Headers["X-Rung-Timestamp"]);

        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal("alarm-7:raised", root.GetProperty("delivery_id").GetString());
        Assert.Equal("alarm-7", root.GetProperty("alarm_id").GetString());
        Assert.Equal("line3-quality", root.GetProperty("agent_id").GetString());
        Assert.Equal("test-quality", root.GetProperty("use_case_id").GetString());
        Assert.Equal("slo.alert_line", root.GetProperty("rule").GetString());
        Assert.Equal("critical", root.GetProperty("severity").GetString());
        Assert.Equal("raised", root.GetProperty("kind").GetString());
        Assert.Equal("line3.lead", root.GetProperty("recipient").GetString());
        Assert.Equal("0.870", root.GetProperty("evidence").GetProperty("rolling_accuracy").GetString());
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 7, 59, 30, TimeSpan.Zero), root.GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task DeliverAsync_ServerFailsTwiceWith503_DeliveredOnTheThirdAttemptWithTheSameBody()
    {
        await using var server = TestWebhookServer.Answering(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        var channel = Channel(server.Url);

        await TimeDriver.RunAsync(channel.DeliverAsync(Pages.AlertLine(PageKind.Escalated)), _time, due => due < LongTimeout);

        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal(server.Requests[0].Body, r.Body));
        Assert.All(server.Requests, r => Assert.Equal("alarm-7:escalated", r.Headers["X-Rung-Delivery"]));
        var backoff = _time.Scheduled.Where(d => d < LongTimeout).ToList();
        Assert.Equal(2, backoff.Count);
        Assert.All(backoff, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task DeliverAsync_BadRequest_FailsAtOnceNamingChannelUrlAndStatus()
    {
        await using var server = TestWebhookServer.Answering(HttpStatusCode.BadRequest);
        var channel = Channel(server.Url);

        var error = await Assert.ThrowsAsync<NotificationException>(() => channel.DeliverAsync(Pages.AlertLine()));

        Assert.Single(server.Requests);
        Assert.Equal("webhook", error.Channel);
        Assert.Contains("'webhook'", error.Message, StringComparison.Ordinal);
        Assert.Contains(server.Url.GetLeftPart(UriPartial.Path), error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 400", error.Message, StringComparison.Ordinal);
        Assert.Contains("not retried", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_time.Scheduled, d => d < LongTimeout);
    }

    [Fact]
    public async Task DeliverAsync_ServerKeeps500_FailsAfterMaxAttempts()
    {
        await using var server = TestWebhookServer.Answering(HttpStatusCode.InternalServerError);
        var channel = Channel(server.Url, new DeliveryRetryOptions { MaxAttempts = 3, AttemptTimeout = LongTimeout });

        var delivery = channel.DeliverAsync(Pages.AlertLine());
        var error = await Assert.ThrowsAsync<NotificationException>(() => TimeDriver.RunAsync(delivery, _time, due => due < LongTimeout));

        Assert.Equal(3, server.Requests.Count);
        Assert.Contains("HTTP 500", error.Message, StringComparison.Ordinal);
        Assert.Contains("after 3 attempt(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_RetryAfterHeader_WaitsExactlyThatLongBeforeTheNextAttempt()
    {
        await using var server = new TestWebhookServer((n, response) =>
        {
            response.StatusCode = n == 1 ? 429 : 200;
            if (n == 1)
            {
                response.AddHeader("Retry-After", "42");
            }

            return true;
        });
        var channel = Channel(server.Url);

        await TimeDriver.RunAsync(channel.DeliverAsync(Pages.AlertLine()), _time, due => due < LongTimeout);

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(42)], _time.Scheduled.Where(d => d < LongTimeout));
        Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), server.Requests[1].Headers["X-Rung-Timestamp"]);
    }

    [Fact]
    public async Task DeliverAsync_RetryAfterLongerThanTheCap_WaitsOnlyTheCap()
    {
        await using var server = new TestWebhookServer((n, response) =>
        {
            response.StatusCode = n == 1 ? 503 : 200;
            if (n == 1)
            {
                response.AddHeader("Retry-After", "86400");
            }

            return true;
        });
        var channel = Channel(server.Url, new DeliveryRetryOptions { AttemptTimeout = LongTimeout, MaxRetryAfter = TimeSpan.FromMinutes(2) });

        await TimeDriver.RunAsync(channel.DeliverAsync(Pages.AlertLine()), _time, due => due < LongTimeout);

        Assert.Equal([TimeSpan.FromMinutes(2)], _time.Scheduled.Where(d => d < LongTimeout));
    }

    [Fact]
    public async Task DeliverAsync_ServerNeverAnswers_EachAttemptTimesOutThenFails()
    {
        var timeout = TimeSpan.FromSeconds(5);
        await using var server = new TestWebhookServer((_, _) => false);
        var channel = Channel(server.Url, new DeliveryRetryOptions { MaxAttempts = 2, AttemptTimeout = timeout, BaseDelay = TimeSpan.FromMilliseconds(100) });

        var delivery = channel.DeliverAsync(Pages.AlertLine());
        var error = await Assert.ThrowsAsync<NotificationException>(() => TimeDriver.RunAsync(delivery, _time, _ => true));

        Assert.IsType<TimeoutRejectedException>(error.InnerException);
        Assert.Contains("no answer within 5 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _time.Scheduled.Count(d => d == timeout));
    }

    [Fact]
    public async Task DeliverAsync_NothingListening_FailsAfterRetriesNamingTheUrl()
    {
        var url = new Uri($"http://127.0.0.1:{UnusedPort()}/hooks/rung");
        var channel = Channel(url, new DeliveryRetryOptions { MaxAttempts = 2, AttemptTimeout = LongTimeout });

        var delivery = channel.DeliverAsync(Pages.AlertLine());
        var error = await Assert.ThrowsAsync<NotificationException>(() => TimeDriver.RunAsync(delivery, _time, due => due < LongTimeout));

        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Contains(url.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("after 2 attempt(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_CallerCancels_ThrowsOperationCanceled()
    {
        await using var server = new TestWebhookServer((_, _) => false);
        var channel = Channel(server.Url);
        using var cancel = new CancellationTokenSource();

        var delivery = channel.DeliverAsync(Pages.AlertLine(), cancel.Token);
        await _time.WaitForTimerAsync(d => d == LongTimeout, CancellationToken.None);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delivery);
    }

    [Fact]
    public void Constructor_ShortSecret_NamesTheField()
    {
        var error = Assert.Throws<ArgumentException>(() => new WebhookChannel(_http, new WebhookOptions(new Uri("http://127.0.0.1:1/"), "short")));

        Assert.Contains("webhook.secret", error.Message, StringComparison.Ordinal);
    }

    private WebhookChannel Channel(Uri url, DeliveryRetryOptions? retry = null) =>
        new(_http, new WebhookOptions(url, Secret), retry ?? new DeliveryRetryOptions { AttemptTimeout = LongTimeout }, _time);

    private static int UnusedPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

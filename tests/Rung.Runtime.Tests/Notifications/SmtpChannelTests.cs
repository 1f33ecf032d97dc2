using Rung.Runtime.Notifications;

namespace Rung.Runtime.Tests.Notifications;

public sealed class SmtpChannelTests
{
    private static readonly TimeSpan LongTimeout = TimeSpan.FromMinutes(10);
    private readonly SteppedTimeProvider _time = new();

    [Fact]
    public async Task DeliverAsync_SendsPlainTextMailToTheOwnersAddress()
    {
        await using var server = new TestSmtpServer();
        var channel = Channel(server.Port);

        await channel.DeliverAsync(Pages.AlertLine());

        var mail = Assert.Single(server.Messages);
        Assert.Equal("rung@plant.example", mail.MailFrom);
        Assert.Equal(["line3.lead@plant.example"], mail.RcptTo);
        var headers = MailText.Headers(mail.Data);
        Assert.Equal("[Rung Critical] Accuracy under the alert line", headers["Subject"]);
        Assert.Contains("line3.lead@plant.example", headers["To"], StringComparison.Ordinal);
        Assert.Equal("alarm-7:raised", headers["X-Rung-Delivery"]);
        Assert.StartsWith("text/plain", headers["Content-Type"], StringComparison.Ordinal);
        var body = MailText.Body(mail.Data);
        Assert.Contains("Rolling accuracy over the last 100 labelled cases is 87.0 %", body, StringComparison.Ordinal);
        Assert.Contains("Rule:     slo.alert_line", body, StringComparison.Ordinal);
        Assert.Contains("  rolling_accuracy  0.870\r\n", body, StringComparison.Ordinal);
        Assert.Contains("  window_cases      100\r\n", body, StringComparison.Ordinal);
        Assert.Contains("Runbook\r\n  Check the last shift's rejected parts", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_EscalationToBackup_SubjectSaysEscalated()
    {
        await using var server = new TestSmtpServer();
        var channel = Channel(server.Port);

        await channel.DeliverAsync(Pages.AlertLine(PageKind.Escalated, recipient: "shift.backup"));

        var mail = Assert.Single(server.Messages);
        Assert.Equal(["backup@plant.example"], mail.RcptTo);
        Assert.Equal("[Rung Critical] ESCALATED: Accuracy under the alert line", MailText.Headers(mail.Data)["Subject"]);
    }

    [Fact]
    public async Task DeliverAsync_UnknownRecipient_FailsNamingTheUserWithoutConnecting()
    {
        await using var server = new TestSmtpServer();
        var channel = Channel(server.Port);

        var error = await Assert.ThrowsAsync<NotificationException>(() => channel.DeliverAsync(Pages.AlertLine(recipient: "nobody.known")));

        Assert.Contains("'nobody.known'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'smtp'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Connections);
    }

    [Fact]
    public async Task DeliverAsync_TransientRefusalOnFirstConnection_RetriedAndDelivered()
    {
        await using var server = new TestSmtpServer((connection, verb) =>
            connection == 1 && verb == "RCPT" ? "451 4.3.0 try again later" : null);
        var channel = Channel(server.Port);

        await TimeDriver.RunAsync(channel.DeliverAsync(Pages.AlertLine()), _time, due => due < LongTimeout);

        Assert.Equal(2, server.Connections);
        Assert.Single(server.Messages);
    }

    [Fact]
    public async Task DeliverAsync_MailboxRefused_NotRetriedAndTheErrorSaysWhy()
    {
        await using var server = new TestSmtpServer((_, verb) => verb == "RCPT" ? "550 5.1.1 no such mailbox" : null);
        var channel = Channel(server.Port);

        var error = await Assert.ThrowsAsync<NotificationException>(() => channel.DeliverAsync(Pages.AlertLine()));

        Assert.Equal(1, server.Connections);
        Assert.Empty(server.Messages);
        Assert.Contains("550", error.Message, StringComparison.Ordinal);
        Assert.Contains("line3.lead@plant.example", error.Message, StringComparison.Ordinal);
        Assert.Contains("not retried", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BadPort_NamesTheField()
    {
        var error = Assert.Throws<ArgumentException>(() => new SmtpChannel(new SmtpOptions("127.0.0.1", 0, "rung@plant.example"), _ => null));

        Assert.Contains("smtp.port", error.Message, StringComparison.Ordinal);
    }

    private SmtpChannel Channel(int port) => new(
        new SmtpOptions("127.0.0.1", port, "rung@plant.example"),
        user => user switch
        {
            "line3.lead" => "line3.lead@plant.example",
            "shift.backup" => "backup@plant.example",
            _ => null,
        },
        new DeliveryRetryOptions { AttemptTimeout = LongTimeout },
        _time);
}

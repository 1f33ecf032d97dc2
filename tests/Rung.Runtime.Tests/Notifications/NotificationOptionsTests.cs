using Rung.Runtime.Notifications;

namespace Rung.Runtime.Tests.Notifications;

public sealed class NotificationOptionsTests
{
    [Fact]
    public void Validate_Valid_NoErrors()
    {
        var options = new NotificationOptions
        {
            Webhook = new WebhookOptions(new Uri("https://alerts.plant.example/rung"), "s3cret-shared-with-the-receiver"),
            Smtp = new SmtpOptions("mail.plant.example", 25, "rung@plant.example"),
            FilePath = "rung-data/pages.jsonl",
        };

        Assert.Empty(options.Validate());
        options.ThrowIfInvalid();
    }

    [Fact]
    public void Validate_EachBadField_IsNamed()
    {
        var options = new NotificationOptions
        {
            Webhook = new WebhookOptions(new Uri("ftp://alerts.plant.example/rung"), "short"),
            Smtp = new SmtpOptions("", 70000, "not an address"),
            Retry = new DeliveryRetryOptions { MaxAttempts = 0, AttemptTimeout = TimeSpan.Zero },
        };

        var errors = options.Validate();

        Assert.Equal(
            ["webhook.url", "webhook.secret", "smtp.host", "smtp.port", "smtp.from", "retry.max_attempts", "retry.attempt_timeout"],
            errors.Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]));
        var thrown = Assert.Throws<ArgumentException>(options.ThrowIfInvalid);
        Assert.Contains("smtp.from: must be an e-mail address, was 'not an address'.", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoChannel_SaysSo()
    {
        var error = Assert.Single(new NotificationOptions().Validate());

        Assert.StartsWith("notifications: no channel is configured", error, StringComparison.Ordinal);
    }
}

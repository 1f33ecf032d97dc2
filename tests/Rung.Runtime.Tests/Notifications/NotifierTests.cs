using System.Net;
using Rung.Runtime.Notifications;
using Rung.Testing;

namespace Rung.Runtime.Tests.Notifications;

public sealed class NotifierTests
{
    [Fact]
    public async Task NotifyAsync_OneChannelFailsOneSucceeds_ReportsBothWithoutThrowing()
    {
        using var dir = new TempDirectory();
        using var http = new HttpClient();
        await using var server = TestWebhookServer.Answering(HttpStatusCode.Forbidden);
        var file = new FileChannel(dir.File("pages.jsonl"));
        var webhook = new WebhookChannel(http, new WebhookOptions(server.Url, "s3cret-shared-with-the-receiver"));
        var notifier = new Notifier([webhook, file]);

        var report = await notifier.NotifyAsync(Pages.AlertLine());

        Assert.False(report.AllDelivered);
        Assert.True(report.AnyDelivered);
        Assert.Equal(["webhook", "file"], report.Results.Select(r => r.Channel));
        var failed = Assert.Single(report.Failures);
        Assert.Equal("webhook", failed.Channel);
        Assert.Contains("HTTP 403", failed.Error, StringComparison.Ordinal);
        Assert.Equal(new ChannelResult("file", true, null), report.Results[1]);
        Assert.Single(File.ReadAllLines(file.Path));
    }

    [Fact]
    public async Task NotifyAsync_ChannelThrowsUnexpectedException_ReportedAsFailure()
    {
        var writer = new StringWriter();
        var notifier = new Notifier([new BrokenChannel(), new ConsoleChannel(writer)]);

        var report = await notifier.NotifyAsync(Pages.AlertLine());

        Assert.Equal(new ChannelResult("broken", false, "the channel is broken"), report.Results[0]);
        Assert.True(report.Results[1].Delivered);
        Assert.Contains("alarm-7", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotifyAsync_CallerCancelled_Throws()
    {
        var notifier = new Notifier([new ConsoleChannel(new StringWriter())]);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => notifier.NotifyAsync(Pages.AlertLine(), cancel.Token));
    }

    [Fact]
    public void Constructor_DuplicateChannelNames_Rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new Notifier([new ConsoleChannel(new StringWriter()), new ConsoleChannel(new StringWriter())]));

        Assert.Contains("'console'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_FromOptions_BuildsTheConfiguredChannelsInOrder()
    {
        using var dir = new TempDirectory();
        using var http = new HttpClient();
        var options = new NotificationOptions
        {
            Console = true,
            FilePath = dir.File("sink/pages.jsonl"),
            Webhook = new WebhookOptions(new Uri("http://127.0.0.1:9/hook"), "s3cret-shared-with-the-receiver"),
            Smtp = new SmtpOptions("127.0.0.1", 25, "rung@plant.example"),
        };
        var console = new StringWriter();

        var notifier = NotificationChannels.Create(options, http, _ => null, console);
        await notifier.Channels[0].DeliverAsync(Pages.AlertLine());
        await notifier.Channels[1].DeliverAsync(Pages.AlertLine());

        Assert.Equal(["console", "file", "webhook", "smtp"], notifier.Channels.Select(c => c.Name));
        Assert.Single(File.ReadAllLines(dir.File("sink/pages.jsonl")));
        Assert.NotEmpty(console.ToString());
    }

    private sealed class BrokenChannel : INotificationChannel
    {
        public string Name => "broken";

        public Task DeliverAsync(Page page, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the channel is broken");
    }
}

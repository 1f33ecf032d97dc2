using System.CommandLine;
using Rung.Mqtt;
using Rung.Runtime.Plant;
using Spectre.Console;

namespace Rung.Cli.Commands;

/// <summary><c>rung tags browse URL</c>: what the plant's namespace publishes.</summary>
internal static class TagsCommands
{
    public static Command Create()
    {
        var url = new Argument<string>("URL") { Description = "The broker, mqtt://HOST[:PORT] or mqtts://HOST[:PORT]" };
        var filter = new Option<string>("--filter") { Description = "Topic filter to browse", DefaultValueFactory = _ => "#" };
        var seconds = Seconds();
        var browse = new Command("browse", "List the topics seen on a broker: retained and last values, payload kind (JSON, Sparkplug, number, text), JSON unit") { url, filter, seconds };
        browse.SetAction(async (parse, ct) =>
        {
            var topicFilter = parse.GetValue(filter)!;
            if (!Rung.Mqtt.Topics.TopicFilter.IsValidFilter(topicFilter, out var error))
            {
                Console.Error.WriteLine($"--filter: {error}");
                return ExitCodes.BadInput;
            }

            var browser = await CollectAsync(parse.GetValue(url)!, [topicFilter], parse.GetValue(seconds), ct).ConfigureAwait(false);
            if (browser is null)
            {
                return ExitCodes.BadInput;
            }

            var table = new Table().AddColumns("topic", "kind", "retained", "messages", "last value", "unit");
            foreach (var t in browser.Topics)
            {
                table.AddRow(Markup.Escape(t.Topic), t.Kind.ToString(), t.Retained ? "yes" : "", t.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(t.LastValue), Markup.Escape(t.Unit ?? ""));
            }

            AnsiConsole.Write(table);
            Console.WriteLine($"{browser.Topics.Count} topic(s) seen in {parse.GetValue(seconds)} s.");
            return ExitCodes.Ok;
        });
        return new Command("tags", "Browse the plant's Unified Namespace") { browse };
    }

    /// <summary>The listening time shared by the broker commands.</summary>
    public static Option<double> Seconds() => new("--seconds")
    {
        Description = "How long to listen; retained values arrive at once, live ones need time",
        DefaultValueFactory = _ => 5,
    };

    /// <summary>Listens to <paramref name="filters"/> for a while; null (after saying why) when the URL or the broker is bad.</summary>
    public static async Task<TagBrowser?> CollectAsync(string url, IReadOnlyList<string> filters, double seconds, CancellationToken cancellationToken)
    {
        if (seconds is <= 0 or > 3600)
        {
            Console.Error.WriteLine($"--seconds: {seconds} is not between 0 and 3600");
            return null;
        }

        MqttClientOptions options;
        try
        {
            options = MqttClientOptions.FromUrl(url, "rung-browse-" + Guid.NewGuid().ToString("N")[..8]);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"URL '{url}': {e.Message}");
            return null;
        }

        await using var client = new MqttClient(options with { ReceiveQueueCapacity = 100_000 });
        try
        {
            await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MqttConnectException e)
        {
            Console.Error.WriteLine($"{url}: {e.Message}");
            return null;
        }

        await client.SubscribeAsync([.. filters.Select(f => new MqttSubscription(f, MqttQualityOfService.AtMostOnce))], cancellationToken).ConfigureAwait(false);
        var browser = new TagBrowser(TimeProvider.System);
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        window.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            await foreach (var message in client.Messages.ReadAllAsync(window.Token).ConfigureAwait(false))
            {
                await browser.ObserveAsync(message, TimeProvider.System.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The listening window is over.
        }

        await client.DisconnectAsync(cancellationToken).ConfigureAwait(false);
        return browser;
    }
}

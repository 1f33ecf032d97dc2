using System.Diagnostics;
using System.Globalization;
using Rung.Mqtt;

namespace Rung.Bench.Mqtt;

/// <summary>
/// One stream: a Rung publisher sends N messages while a Rung subscriber and mosquitto_sub, both subscribed
/// beforehand, receive them. Each subscriber's rate is its message count over the time from its first to its last message.
/// </summary>
internal static class SideBySide
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    public static async Task<StreamResult> RunAsync(BenchBroker broker, MqttQualityOfService qos, int count, int payloadBytes)
    {
        var data = $"bench/qos{(int)qos}/data";
        var ready = $"bench/qos{(int)qos}/ready";
        var payload = new byte[payloadBytes];
        Array.Fill(payload, (byte)'x');

        await using var subscriber = new MqttClient(Options(broker, "bench-sub"));
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync([new MqttSubscription(data, qos), new MqttSubscription(ready, MqttQualityOfService.AtMostOnce)]);
        var rungReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var rung = CountRungAsync(subscriber, data, count, rungReady);

        using var mosquittoSub = Process.Start(new ProcessStartInfo(Tools.Find("mosquitto_sub"), ["-h", "127.0.0.1", "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-t", data, "-t", ready, "-q", ((int)qos).ToString(CultureInfo.InvariantCulture), "-i", "bench-mosquitto-sub"])
        {
            RedirectStandardOutput = true,
        })!;
        var subReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sub = CountLinesAsync(mosquittoSub, count, subReady);

        await using var publisher = new MqttClient(Options(broker, "bench-pub") with { OutgoingQueueCapacity = 50_000 });
        await publisher.ConnectAsync();
        while (!(rungReady.Task.IsCompleted && subReady.Task.IsCompleted))
        {
            // Both subscribers must be listening before the measured stream starts.
            await publisher.PublishAsync(ready, "ready"u8.ToArray());
            await Task.WhenAny(Task.WhenAll(rungReady.Task, subReady.Task), Task.Delay(50));
        }

        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            await publisher.PublishAsync(data, payload, qos);
        }

        await publisher.FlushAsync();
        var published = new SubscriberResult(count, Stopwatch.GetElapsedTime(started));
        using var deadline = new CancellationTokenSource(Deadline);
        var rungResult = await rung.WaitAsync(Deadline);
        var subResult = await sub.WaitAsync(Deadline);
        if (!mosquittoSub.HasExited)
        {
            mosquittoSub.Kill();
        }

        return new StreamResult($"QoS {(int)qos}", count, published, rungResult, subResult);
    }

    internal static MqttClientOptions Options(BenchBroker broker, string clientId) => new()
    {
        Host = "127.0.0.1",
        Port = broker.Port,
        ClientId = clientId,
        MaximumPacketSize = 16 * 1024 * 1024,
    };

    internal static async Task<SubscriberResult> CountRungAsync(MqttClient client, string data, int count, TaskCompletionSource ready)
    {
        var received = 0;
        long first = 0;
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            while (received < count)
            {
                var message = await client.Messages.ReadAsync(deadline.Token);
                if (!ReferenceEquals(message.Topic, data) && message.Topic != data)
                {
                    ready.TrySetResult();
                    continue;
                }

                if (received++ == 0)
                {
                    first = Stopwatch.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return new SubscriberResult(received, received == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(first));
    }

    internal static async Task<SubscriberResult> CountLinesAsync(Process process, int count, TaskCompletionSource ready)
    {
        var received = 0;
        long first = 0;
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            while (received < count && await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                if (line == "ready")
                {
                    ready.TrySetResult();
                    continue;
                }

                if (received++ == 0)
                {
                    first = Stopwatch.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return new SubscriberResult(received, received == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(first));
    }
}

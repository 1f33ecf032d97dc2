using System.Diagnostics;
using System.Globalization;
using Rung.Mqtt;

namespace Rung.Bench.Mqtt;

/// <summary>
/// Receive capacity without a publisher in the way: both subscribers hold persistent sessions, the broker
/// queues N messages for each while they are offline, then both reconnect at once and drain their backlog.
/// </summary>
internal static class BacklogDrain
{
    public static async Task<StreamResult> RunAsync(BenchBroker broker, MqttQualityOfService qos, int count, int payloadBytes)
    {
        var data = $"bench/drain{(int)qos}/data";
        var port = broker.Port.ToString(CultureInfo.InvariantCulture);
        var level = ((int)qos).ToString(CultureInfo.InvariantCulture);
        var rungOptions = SideBySide.Options(broker, $"drain-rung-{(int)qos}") with { CleanSession = false };
        await using (var setup = new MqttClient(rungOptions))
        {
            await setup.ConnectAsync();
            await setup.SubscribeAsync(data, qos);
            await setup.DisconnectAsync();
        }

        using (var setup = Process.Start(Tools.Find("mosquitto_sub"), ["-h", "127.0.0.1", "-p", port, "-c", "-i", $"drain-sub-{(int)qos}", "-t", data, "-q", level, "-E"]))
        {
            await setup.WaitForExitAsync();
        }

        var payload = new byte[payloadBytes];
        Array.Fill(payload, (byte)'x');
        var started = Stopwatch.GetTimestamp();
        await using (var publisher = new MqttClient(SideBySide.Options(broker, "drain-pub") with { OutgoingQueueCapacity = 50_000 }))
        {
            await publisher.ConnectAsync();
            for (var i = 0; i < count; i++)
            {
                await publisher.PublishAsync(data, payload, qos);
            }

            await publisher.FlushAsync();
            await publisher.DisconnectAsync();
        }

        var published = new SubscriberResult(count, Stopwatch.GetElapsedTime(started));
        using var mosquittoSub = Process.Start(new ProcessStartInfo(Tools.Find("mosquitto_sub"), ["-h", "127.0.0.1", "-p", port, "-c", "-i", $"drain-sub-{(int)qos}", "-t", data, "-q", level])
        {
            RedirectStandardOutput = true,
        })!;
        var sub = SideBySide.CountLinesAsync(mosquittoSub, count, new TaskCompletionSource());
        await using var subscriber = new MqttClient(rungOptions);
        var rung = SideBySide.CountRungAsync(subscriber, data, count, new TaskCompletionSource());
        await subscriber.ConnectAsync();
        var rungResult = await rung;
        var subResult = await sub;
        if (!mosquittoSub.HasExited)
        {
            mosquittoSub.Kill();
        }

        return new StreamResult($"QoS {(int)qos} backlog", count, published, rungResult, subResult);
    }
}

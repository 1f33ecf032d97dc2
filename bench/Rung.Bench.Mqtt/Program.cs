using System.Globalization;
using Rung.Bench.Mqtt;
using Rung.Mqtt;

// Subscriber receive throughput: Rung's client and mosquitto_sub on the same stream, side by side.
// Then the end-to-end path: tag change published -> case decided and journalled -> committed action on the command topic.
// Usage: bench/mqtt.sh [--quick] [--qos0 N] [--qos1 N] [--payload BYTES] [--e2e PARTS]
var quick = args.Contains("--quick");
var qos0 = Option(args, "--qos0", quick ? 20_000 : 200_000);
var qos1 = Option(args, "--qos1", quick ? 5_000 : 50_000);
var payload = Option(args, "--payload", 100);
var e2e = Option(args, "--e2e", quick ? 200 : 1_000);

await using var broker = await BenchBroker.StartAsync();
Console.WriteLine($"mosquitto {broker.Version} on 127.0.0.1:{broker.Port}; payload {payload} B; {Environment.ProcessorCount} cores");
var results = new List<StreamResult>
{
    await SideBySide.RunAsync(broker, MqttQualityOfService.AtMostOnce, qos0, payload),
    await SideBySide.RunAsync(broker, MqttQualityOfService.AtLeastOnce, qos1, payload),
    await BacklogDrain.RunAsync(broker, MqttQualityOfService.AtLeastOnce, qos1, payload),
};
var endToEnd = await EndToEnd.RunAsync(broker, e2e);
Report.Print(results);
Report.Print(endToEnd);
return 0;

static int Option(string[] args, string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

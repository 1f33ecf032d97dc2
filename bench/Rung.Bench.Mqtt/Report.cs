using System.Globalization;

namespace Rung.Bench.Mqtt;

internal static class Report
{
    public static void Print(IReadOnlyList<StreamResult> results)
    {
        Console.WriteLine();
        Console.WriteLine($"{"stream",-15} {"messages",10} {"publish msgs/s",15} {"Rung msgs/s",13} {"mosquitto_sub msgs/s",21} {"Rung / mosquitto_sub",21} {"lost (Rung/sub)",16}");
        foreach (var r in results)
        {
            var ratio = r.MosquittoSub.PerSecond > 0 ? r.Rung.PerSecond / r.MosquittoSub.PerSecond : 0;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{r.Stream,-15} {r.Messages,10:N0} {r.Publisher.PerSecond,15:N0} {r.Rung.PerSecond,13:N0} {r.MosquittoSub.PerSecond,21:N0} {ratio,21:0.00} {$"{r.Messages - r.Rung.Received}/{r.Messages - r.MosquittoSub.Received}",16}"));
        }
    }

    public static void Print(EndToEndResult r)
    {
        Console.WriteLine();
        Console.WriteLine("end to end: tag change published -> case decided, journalled (SQLite) -> committed action seen on the command topic");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  latency over {r.Parts:N0} parts one at a time: p50 {r.P50.TotalMilliseconds:0.00} ms, p99 {r.P99.TotalMilliseconds:0.00} ms, max {r.Max.TotalMilliseconds:0.00} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  burst of {r.BurstParts:N0} parts back to back: {r.BurstPerSecond:N0} parts/s end to end"));
    }
}

using System.Diagnostics;
using System.Globalization;

namespace Rung.Mqtt.Tests.Infrastructure;

/// <summary>Runs mosquitto_pub and mosquitto_sub as the other end of a test.</summary>
internal static class MosquittoClients
{
    private static readonly string Pub = MosquittoBroker.Find("mosquitto_pub", "/usr/bin/mosquitto_pub");
    private static readonly string Sub = MosquittoBroker.Find("mosquitto_sub", "/usr/bin/mosquitto_sub");

    /// <summary>Publishes each line as one message with mosquitto_pub -l.</summary>
    public static async Task PublishLinesAsync(int port, string topic, int qos, IEnumerable<string> lines, bool retain = false)
    {
        var arguments = new List<string> { "-p", Port(port), "-h", "127.0.0.1", "-t", topic, "-q", Port(qos), "-l" };
        if (retain)
        {
            arguments.Add("-r");
        }

        using var process = Process.Start(new ProcessStartInfo(Pub, arguments) { RedirectStandardInput = true, RedirectStandardError = true })!;
        foreach (var line in lines)
        {
            await process.StandardInput.WriteLineAsync(line);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(process.ExitCode == 0, $"mosquitto_pub failed: {await process.StandardError.ReadToEndAsync()}");
    }

    /// <summary>
    /// Starts mosquitto_sub for <paramref name="count"/> messages and returns once its SUBACK arrived, so that
    /// nothing published afterwards is missed. Await <see cref="Subscriber.Messages"/> for the "topic payload" lines.
    /// </summary>
    public static async Task<Subscriber> SubscribeAsync(int port, string filter, int qos, int count)
    {
        // stdbuf: mosquitto_sub's debug lines are block-buffered on a pipe, and the SUBACK line is awaited.
        var process = Process.Start(new ProcessStartInfo("stdbuf", ["-oL", Sub, "-p", Port(port), "-h", "127.0.0.1", "-t", filter, "-q", Port(qos), "-C", Port(count), "-v", "-d"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var messages = ReadAsync(process, subscribed);
        await subscribed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return new Subscriber(process, messages);
    }

    private static async Task<IReadOnlyList<string>> ReadAsync(Process process, TaskCompletionSource subscribed)
    {
        var lines = new List<string>();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("Client ", StringComparison.Ordinal))
            {
                if (line.Contains("received SUBACK", StringComparison.Ordinal))
                {
                    subscribed.TrySetResult();
                }

                continue;
            }

            if (!line.StartsWith("Subscribed (mid", StringComparison.Ordinal))
            {
                lines.Add(line);
            }
        }

        subscribed.TrySetException(new InvalidOperationException("mosquitto_sub ended before SUBACK"));
        await process.WaitForExitAsync();
        return lines;
    }

    private static string Port(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal sealed class Subscriber(Process process, Task<IReadOnlyList<string>> messages) : IDisposable
    {
        public Task<IReadOnlyList<string>> Messages { get; } = messages;

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            process.Dispose();
        }
    }
}

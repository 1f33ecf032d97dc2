using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Rung.Bench.Mqtt;

/// <summary>A private mosquitto on a free loopback port, no persistence, no queue limits that would drop a benchmark's messages.</summary>
internal sealed class BenchBroker : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private BenchBroker(Process process, string directory, int port, string version)
    {
        _process = process;
        _directory = directory;
        Port = port;
        Version = version;
    }

    public int Port { get; }

    public string Version { get; }

    public static async Task<BenchBroker> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("rung-mqtt-bench-").FullName;
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var config = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"""
            listener {port} 127.0.0.1
            allow_anonymous true
            user root
            max_queued_messages 0
            log_dest none
            """);
        var process = Process.Start(new ProcessStartInfo(Tools.Find("mosquitto"), ["-c", config]) { RedirectStandardError = true })!;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                break;
            }
            catch (SocketException) when (attempt < 200 && !process.HasExited)
            {
                await Task.Delay(25);
            }
        }

        return new BenchBroker(process, directory, port, await Tools.MosquittoVersionAsync());
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}

using System.Text;
using Rung.Cli.Demo;
using Rung.Mqtt;
using Rung.Mqtt.Tests.Infrastructure;
using Rung.Simulation.Parts;
using Rung.Simulation.Sites;
using Rung.Testing;

namespace Rung.Cli.Tests.Replication;

/// <summary>
/// Shared by the replication tests: one short demo run (the pilot model and the line's use case with its contract),
/// its template exported by the real command, and a Mosquitto on which line 5 at Köln has published its first part.
/// </summary>
public sealed class ReplicationFixture : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _folder = new();

    private MosquittoBroker Broker { get; set; } = null!;

    public string BrokerUrl => $"mqtt://127.0.0.1:{Broker.Port}";

    public string DemoFolder => Path.Combine(_folder.Path, "demo");

    public string TemplatePath => Path.Combine(_folder.Path, "line3.template.yaml");

    public string ExportOutput { get; private set; } = "";

    internal DemoResult Demo { get; private set; } = null!;

    public SiteLine Site { get; } = SiteLine.KoelnLine5(12);

    public IReadOnlyList<SimulatedPart> Parts { get; private set; } = [];

    public string NewFolder(string name) => Directory.CreateDirectory(Path.Combine(_folder.Path, name)).FullName;

    public async Task InitializeAsync()
    {
        Broker = await MosquittoBroker.StartAsync();
        Demo = await new DemoRunner(new DemoSettings(7, 1, 0, new DirectoryInfo(DemoFolder)), TimeProvider.System).RunAsync(null, CancellationToken.None);
        var (code, stdout, stderr) = await RungProcess.RunAsync("usecase", "export", Path.Combine(DemoFolder, "usecase.contract.yaml"), "--out", TemplatePath);
        Assert.True(code == 0, stderr);
        ExportOutput = stdout;
        var start = Site.Line.Options.Start;
        Parts = [.. Site.Line.Produce(start, start.AddDays(7)).Where(p => p.SensorFault is null).Take(25)];
        await using var line = await ConnectAsync("koeln-line5");
        await PublishAsync(line, Parts[0], retain: true);
    }

    public async Task DisposeAsync()
    {
        await Broker.DisposeAsync();
    }

    public void Dispose() => _folder.Dispose();

    public async Task<MqttClient> ConnectAsync(string name)
    {
        var client = new MqttClient(MqttClientOptions.FromUrl(BrokerUrl, name + "-" + Guid.NewGuid().ToString("N")[..6]));
        await client.ConnectAsync();
        return client;
    }

    /// <summary>The part's tags as line 5 publishes them, then its trigger.</summary>
    public async Task PublishAsync(MqttClient line, SimulatedPart part, bool retain)
    {
        foreach (var reading in Site.Readings(part))
        {
            await line.PublishAsync(reading.Topic, Encoding.UTF8.GetBytes(SiteLine.Payload(reading, part)), MqttQualityOfService.AtLeastOnce, retain: true);
        }

        await line.PublishAsync(Site.TriggerTopic, Encoding.UTF8.GetBytes(SiteLine.TriggerPayload(part)), MqttQualityOfService.AtLeastOnce, retain);
        await line.FlushAsync(CancellationToken.None);
    }

    public static string WriteMapping(string folder, string text)
    {
        var path = Path.Combine(folder, "mapping.yaml");
        File.WriteAllText(path, text);
        return path;
    }
}

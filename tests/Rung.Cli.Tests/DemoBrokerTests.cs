using System.Text.Json;
using Rung.Cli.Demo;
using Rung.Mqtt.Tests.Infrastructure;
using Rung.Runtime.Plant;
using Rung.Testing;

namespace Rung.Cli.Tests;

/// <summary><c>rung demo --broker</c>: the same line, its parts travelling through a real Mosquitto.</summary>
public sealed class DemoBrokerTests
{
    private const string Scope = "acme/dortmund/machining/line3/cell2";

    [Fact]
    public async Task Demo_ThroughABroker_DecidesTheSameCasesAsInProcess_AndLeavesItsStateRetained()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var viaBroker = new TempDirectory();
        using var inProcess = new TempDirectory();
        using var proposals = await MosquittoClients.SubscribeAsync(broker.Port, PlantTopics.Proposals(Scope, "line3-quality"), 1, 5);

        var a = await new DemoRunner(new DemoSettings(5, 3, 0, new DirectoryInfo(viaBroker.Path), $"mqtt://127.0.0.1:{broker.Port}"), TimeProvider.System).RunAsync(null, CancellationToken.None);
        var b = await new DemoRunner(new DemoSettings(5, 3, 0, new DirectoryInfo(inProcess.Path)), TimeProvider.System).RunAsync(null, CancellationToken.None);

        Assert.True(a.Cases > 100, $"{a.Cases} cases");
        Assert.Equal(b.Cases, a.Cases);
        Assert.Equal(b.Weeks, a.Weeks);
        Assert.Contains("contract:", await File.ReadAllTextAsync(Path.Combine(viaBroker.Path, "usecase.yaml")), StringComparison.Ordinal);
        Assert.DoesNotContain("contract:", await File.ReadAllTextAsync(Path.Combine(inProcess.Path, "usecase.yaml")), StringComparison.Ordinal);

        var published = await proposals.Messages.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(5, published.Count);
        Assert.All(published, p => Assert.Contains("\"disposition\":\"Logged\"", p, StringComparison.Ordinal));

        using var state = await MosquittoClients.SubscribeAsync(broker.Port, PlantTopics.State(Scope, "line3-quality"), 1, 1);
        var line = Assert.Single(await state.Messages.WaitAsync(TimeSpan.FromSeconds(30)));
        using var json = JsonDocument.Parse(line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        Assert.Equal("Shadow", json.RootElement.GetProperty("stage").GetString());
    }
}

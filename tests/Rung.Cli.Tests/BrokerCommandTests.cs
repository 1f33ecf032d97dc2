using Rung.Mqtt.Tests.Infrastructure;
using Rung.Testing;

namespace Rung.Cli.Tests;

/// <summary><c>rung tags browse</c> and <c>rung contract check</c> against a private Mosquitto with planted retained tags.</summary>
public sealed class BrokerCommandTests
{
    private const string Line = "acme/site/area/line/cell";

    private const string UseCase = """
        usecase: { id: plant-check, name: Plant check }
        business: { kpi: scrap rate, unit: "%", baseline: 4, target: 2, owner: line.lead, value_per_case: 1, currency: EUR }
        agent:
          id: check-agent
          scope: acme/site/area/line/cell
          model: { kind: process, version: "1", command: python3 }
          inputs:
            - { name: temp, unit: degC, min: 0, max: 200 }
            - { name: pressure, unit: bar, min: 0, max: 20 }
            - { name: feed, unit: mm/min, min: 0, max: 5000 }
          actions:
            - { name: accept, severity: Medium }
            - { name: scrap, severity: Low }
          default_action: scrap
          contract:
            tags:
              - { feature: temp, tag: acme/site/area/line/cell/temp }
              - { feature: pressure, tag: acme/site/area/line/cell/pressure }
              - { feature: feed, tag: acme/site/area/line/cell/feed }
            trigger: { tag: acme/site/area/line/cell/part_done, key: part_id }
        """;

    private static async Task PlantAsync(MosquittoBroker broker)
    {
        await MosquittoClients.PublishLinesAsync(broker.Port, Line + "/temp", 1, ["""{"value": 71.5, "unit": "degC"}"""], retain: true);
        await MosquittoClients.PublishLinesAsync(broker.Port, Line + "/pressure", 1, ["""{"value": 88, "unit": "psi"}"""], retain: true);
        await MosquittoClients.PublishLinesAsync(broker.Port, Line + "/part_done", 1, ["""{"part_id": "p-1"}"""], retain: true);
        await MosquittoClients.PublishLinesAsync(broker.Port, Line + "/mode", 1, ["auto"], retain: true);
        await MosquittoClients.PublishLinesAsync(broker.Port, Line + "/count", 1, ["42"], retain: true);
    }

    [Fact]
    public async Task TagsBrowse_ListsRetainedTopicsWithTheirKindAndUnit()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await PlantAsync(broker);
        var (code, stdout, stderr) = await RungProcess.RunAsync("tags", "browse", $"mqtt://127.0.0.1:{broker.Port}", "--seconds", "1");
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n');
        Assert.Contains(lines, l => l.Contains(Line + "/temp", StringComparison.Ordinal) && l.Contains("Json", StringComparison.Ordinal) && l.Contains("71.5", StringComparison.Ordinal) && l.Contains("degC", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(Line + "/mode", StringComparison.Ordinal) && l.Contains("Text", StringComparison.Ordinal) && l.Contains("yes", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(Line + "/count", StringComparison.Ordinal) && l.Contains("Number", StringComparison.Ordinal));
        Assert.Contains("5 topic(s) seen", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContractCheck_SilentTagAndWrongUnit_ExitOneNamingBoth()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await PlantAsync(broker);
        using var dir = new TempDirectory();
        var file = dir.File("usecase.yaml");
        await File.WriteAllTextAsync(file, UseCase);
        var (code, stdout, stderr) = await RungProcess.RunAsync("contract", "check", file, "--broker", $"mqtt://127.0.0.1:{broker.Port}", "--seconds", "1");
        Assert.True(code == 1, $"exit {code}: {stdout} {stderr}");
        var lines = stdout.Split('\n');
        Assert.Contains(lines, l => l.Contains(Line + "/feed", StringComparison.Ordinal) && l.Contains("Silent", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(Line + "/pressure", StringComparison.Ordinal) && l.Contains("WrongUnit", StringComparison.Ordinal));
        Assert.Contains("'psi'", stdout, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains(Line + "/temp", StringComparison.Ordinal) && l.Contains("Seen", StringComparison.Ordinal));
        Assert.Contains("2 problem(s)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TagsBrowse_BadUrl_ExitsTwoNamingIt()
    {
        var (code, _, stderr) = await RungProcess.RunAsync("tags", "browse", "http://127.0.0.1:1883");
        Assert.Equal(2, code);
        Assert.Contains("http://127.0.0.1:1883", stderr, StringComparison.Ordinal);
    }
}

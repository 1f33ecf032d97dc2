using System.Net;
using Rung.Governance.Conduits;
using Rung.Testing;

namespace Rung.Governance.Tests.Conduits;

public sealed class PlantConduitsTests
{
    /// <summary>The example of docs/security.md: edge 4 and line 4's broker in the cell, the server in the DMZ.</summary>
    public const string Example = """
        {
          "zones": {
            "line4-cell": { "hosts": ["broker-line4.plant.local", "10.4.0.0/24"], "scopes": ["acme/dortmund/machining/line4"], "runs": ["edge:edge-4"] },
            "plant-dmz":  { "hosts": ["rung.plant.local", "10.1.0.10"], "runs": ["server"] },
            "plant-core": { "hosts": ["broker.plant.local"] }
          },
          "conduits": [
            { "from": "line4-cell", "to": "plant-dmz",  "protocol": "https", "endpoint": "rung.plant.local:443" },
            { "from": "line4-cell", "to": "line4-cell", "protocol": "mqtt",  "endpoint": "broker-line4.plant.local:1883" },
            { "from": "plant-dmz",  "to": "plant-core", "protocol": "mqtts" }
          ]
        }
        """;

    private static readonly PlantConduits Plant = PlantConduits.Parse(Example, "conduits.json");

    [Theory]
    [InlineData("edge:edge-4", "https://rung.plant.local")]
    [InlineData("edge:edge-4", "mqtt://broker-line4.plant.local")]
    [InlineData("server", "mqtts://broker.plant.local:8883")]
    public void CheckConnect_DeclaredFlow_Allowed(string process, string target)
    {
        var check = Plant.CheckConnect(process, new Uri(target));

        Assert.True(check.Allowed, check.Reason);
    }

    [Theory]
    [InlineData("edge:edge-4", "https://rung.plant.local:8443", "line4-cell", "plant-dmz")] // another port
    [InlineData("edge:edge-4", "http://rung.plant.local", "line4-cell", "plant-dmz")] // plain HTTP where HTTPS is declared
    [InlineData("edge:edge-4", "mqtts://broker.plant.local", "line4-cell", "plant-core")] // the plant broker: no conduit from the cell
    [InlineData("server", "mqtt://broker-line4.plant.local", "plant-dmz", "line4-cell")] // the server into the cell
    public void CheckConnect_UndeclaredFlow_RefusedNamingTheFlow(string process, string target, string from, string to)
    {
        var check = Plant.CheckConnect(process, new Uri(target));

        Assert.False(check.Allowed);
        Assert.Contains($"'{from}'", check.Reason, StringComparison.Ordinal);
        Assert.Contains($"'{to}'", check.Reason, StringComparison.Ordinal);
        Assert.Equal(from, check.Refusal(process).FromZone);
        Assert.Equal(to, check.Refusal(process).ToZone);
    }

    [Theory]
    [InlineData("10.4.0.7", "line4-cell")] // inside the cell's range
    [InlineData("10.4.1.7", null)]
    [InlineData("BROKER.plant.local", "plant-core")]
    [InlineData("10.1.0.10", "plant-dmz")]
    public void ZoneOfHost_NamesAddressesAndRanges(string host, string? zone) =>
        Assert.Equal(zone, Plant.ZoneOfHost(host));

    [Fact]
    public void CheckConnect_HostInNoZone_RefusedNamingTheHost()
    {
        var check = Plant.CheckConnect("edge:edge-4", new Uri("https://evil.example.com"));

        Assert.False(check.Allowed);
        Assert.Contains("host 'evil.example.com' is in no declared zone", check.Reason, StringComparison.Ordinal);
        Assert.Equal("undeclared", check.Refusal("edge:edge-4").ToZone);
    }

    [Fact]
    public void CheckConnect_ProcessInNoZone_Refused()
    {
        var check = Plant.CheckConnect("edge:edge-9", new Uri("https://rung.plant.local"));

        Assert.False(check.Allowed);
        Assert.Contains("'edge:edge-9' runs in no declared zone", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckRequest_TokenOfTheCellFromTheCell_Allowed()
    {
        var check = Plant.CheckRequest(["acme/dortmund/machining/line4"], IPAddress.Parse("10.4.0.20"), "https", "rung.plant.local:443");

        Assert.True(check.Allowed, check.Reason);
    }

    [Fact]
    public void CheckRequest_IPv4MappedSource_ComparedAsIPv4() =>
        Assert.True(Plant.CheckRequest(["acme/dortmund/machining/line4"], IPAddress.Parse("10.4.0.20").MapToIPv6(), "https", "rung.plant.local:443").Allowed);

    [Theory]
    [InlineData("acme/dortmund/machining/line4", "10.9.0.5", "https", "rung.plant.local:443", "the source 10.9.0.5 is not a host of zone 'line4-cell'")]
    [InlineData("acme/dortmund/machining/line3", "10.4.0.20", "https", "rung.plant.local:443", "are in no declared zone's scopes")]
    [InlineData("acme/dortmund/machining/line4", "10.4.0.20", "http", "rung.plant.local:80", "no conduit is declared from zone 'line4-cell' to zone 'plant-dmz' over http")]
    public void CheckRequest_UndeclaredFlow_RefusedNamingWhy(string tokenZone, string source, string protocol, string endpoint, string why)
    {
        var check = Plant.CheckRequest([tokenZone], IPAddress.Parse(source), protocol, endpoint);

        Assert.False(check.Allowed);
        Assert.Contains(why, check.Reason, StringComparison.Ordinal);
        Assert.Contains(source, check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckRequest_TokenZoneBelowTheDeclaredScope_BelongsToTheZone() =>
        Assert.Equal("line4-cell", Plant.ZoneOfScopes(["acme/dortmund/machining/line4/cell2"]));

    [Fact]
    public void ZoneOfProcess_EdgeWildcard_MatchesAnyEdge()
    {
        var plant = PlantConduits.Parse("""{"zones": {"cells": {"runs": ["edge:*"]}}, "conduits": []}""", "x.json");

        Assert.Equal("cells", plant.ZoneOfProcess("edge:any"));
        Assert.Null(plant.ZoneOfProcess("server"));
    }

    [Theory]
    [InlineData("[]", "$ must be an object")]
    [InlineData("""{"conduits": []}""", "$.zones is required")]
    [InlineData("""{"zones": {}}""", "$.conduits is required")]
    [InlineData("""{"zones": {"a": {"hosts": [1]}}, "conduits": []}""", "$.zones.a.hosts must be an array of non-empty strings")]
    [InlineData("""{"zones": {"a": {"scopes": ["x//y"]}}, "conduits": []}""", "$.zones.a.scopes")]
    [InlineData("""{"zones": {"a": {"runs": ["database"]}}, "conduits": []}""", "$.zones.a.runs 'database' is neither")]
    [InlineData("""{"zones": {"a": {}}, "conduits": [{"from": "a", "to": "a", "protocol": "ftp"}]}""", "$.conduits[0].protocol 'ftp'")]
    [InlineData("""{"zones": {"a": {}}, "conduits": [{"to": "a", "protocol": "mqtt"}]}""", "$.conduits[0].from is required")]
    [InlineData("""{"zones": {"a": {}}, "conduits": [{"from": "a", "to": "b", "protocol": "mqtt"}]}""", "zone 'b', which is not declared")]
    [InlineData("""{"zones": """, "not valid JSON (line 1")]
    public void Parse_BadDeclaration_ErrorNamesFileAndField(string json, string expected)
    {
        var ex = Assert.Throws<ConduitFileException>(() => PlantConduits.Parse(json, "site/conduits.json"));

        Assert.StartsWith("site/conduits.json: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StartupLoad_NoFile_WarnsOnceAndEnforcesNothing()
    {
        using var folder = new TempDirectory();
        using var warnings = new StringWriter();

        var conduits = ConduitStartup.Load(folder.Path, warnings);

        Assert.Null(conduits);
        var lines = warnings.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains("zones and conduits are not enforced", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void StartupLoad_File_ReadWithoutWarning()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(PlantConduits.PathIn(folder.Path), Example);
        using var warnings = new StringWriter();

        var conduits = ConduitStartup.Load(folder.Path, warnings);

        Assert.NotNull(conduits);
        Assert.Equal(3, conduits.Policy.Conduits.Count);
        Assert.Empty(warnings.ToString());
    }
}

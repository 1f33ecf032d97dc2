using System.Text.Json;
using Rung.Simulation.Parts;
using Rung.Simulation.Sites;

namespace Rung.Simulation.Tests.Sites;

public sealed class SiteLineTests
{
    [Fact]
    public void KoelnLine5_PublishesUnderItsOwnNamesAndUnits_ConvertingFromTheCanonicalValues()
    {
        var site = SiteLine.KoelnLine5(11);
        var start = site.Line.Options.Start;
        var part = site.Line.Produce(start, start.AddDays(1)).First(p => p.SensorFault is null);

        var readings = site.Readings(part).ToDictionary(r => r.Sensor);

        Assert.StartsWith("K5-", part.PartId, StringComparison.Ordinal);
        Assert.Equal("acme/koeln/machining/line5/cell1/spindle/bearing_temp", readings[SensorNames.SpindleTemp].Topic);
        Assert.Equal("degF", readings[SensorNames.SpindleTemp].Unit);
        Assert.Equal((part.Sensors[SensorNames.SpindleTemp] * 1.8) + 32, readings[SensorNames.SpindleTemp].Value, 9);
        Assert.Equal(part.Sensors[SensorNames.FeedRate] / 25.4, readings[SensorNames.FeedRate].Value, 9);
        Assert.Equal(part.Sensors[SensorNames.ToolWear] / 60, readings[SensorNames.ToolWear].Value, 9);
        Assert.Equal(part.Sensors[SensorNames.SpindleSpeed], readings[SensorNames.SpindleSpeed].Value);
        Assert.Equal(SensorNames.All.Count, readings.Count);
    }

    [Fact]
    public void Payloads_AreJsonWithValueUnitTimestampAndPartId()
    {
        var site = SiteLine.KoelnLine5(11);
        var part = site.Line.Produce(site.Line.Options.Start, site.Line.Options.Start.AddDays(1)).First();
        var reading = site.Readings(part)[0];

        using var tag = JsonDocument.Parse(SiteLine.Payload(reading, part));
        using var trigger = JsonDocument.Parse(SiteLine.TriggerPayload(part));

        Assert.Equal(reading.Value, tag.RootElement.GetProperty("value").GetDouble());
        Assert.Equal(reading.Unit, tag.RootElement.GetProperty("unit").GetString());
        Assert.Equal(part.ProducedAt.ToUnixTimeMilliseconds(), tag.RootElement.GetProperty("timestamp").GetInt64());
        Assert.Equal(part.PartId, trigger.RootElement.GetProperty("part_id").GetString());
        Assert.Equal(site.Scope + "/part_done", site.TriggerTopic);
    }
}

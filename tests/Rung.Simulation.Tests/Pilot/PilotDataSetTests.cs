using Rung.Simulation.Parts;
using Rung.Simulation.Pilot;

namespace Rung.Simulation.Tests.Pilot;

public sealed class PilotDataSetTests
{
    [Fact]
    public void Generate_returns_the_most_recent_healthy_parts_before_start_in_order()
    {
        var options = new LineSimulationOptions();

        var rows = PilotDataSet.Generate(3, 5000);

        Assert.Equal(5000, rows.Count);
        Assert.All(rows, r => Assert.True(r.ProducedAt < options.Start, r.PartId));
        Assert.All(rows, r => Assert.Equal(SensorNames.All.Order(), r.Sensors.Keys.Order()));
        Assert.All(rows, r => Assert.All(r.Sensors, kv => Assert.True(SensorRange.All[kv.Key].Contains(kv.Value), $"{r.PartId} {kv.Key}")));
        Assert.Equal(rows.OrderBy(r => r.ProducedAt).Select(r => r.PartId), rows.Select(r => r.PartId));
        Assert.True(options.Start - rows[^1].ProducedAt < TimeSpan.FromDays(4), "the newest row should be from the last working day before start");
    }

    [Fact]
    public void Generate_is_deterministic_and_follows_the_seed()
    {
        var first = PilotDataSet.Generate(3, 2000);
        var again = PilotDataSet.Generate(3, 2000);
        var other = PilotDataSet.Generate(4, 2000);

        Assert.Equal(first.Select(Describe), again.Select(Describe));
        Assert.NotEqual(first.Select(Describe), other.Select(Describe));
    }

    [Fact]
    public void Generate_labels_every_action_at_plausible_rates()
    {
        var rows = PilotDataSet.Generate(3, 20000);

        var scrap = rows.Count(r => r.TrueAction == PartActions.Scrap) / (double)rows.Count;
        var stops = rows.Count(r => r.TrueAction == PartActions.StopLine) / (double)rows.Count;

        Assert.InRange(scrap, 0.03, 0.10);
        Assert.InRange(stops, 0.001, 0.006);
    }

    [Fact]
    public void Generate_refuses_a_count_out_of_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PilotDataSet.Generate(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PilotDataSet.Generate(1, PilotDataSet.MaxCount + 1));
    }

    private static string Describe(PilotRow row) =>
        $"{row.PartId} {row.TrueAction} {string.Join(",", row.Sensors.Values.Select(v => v.ToString("R")))}";
}

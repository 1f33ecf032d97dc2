using Rung.Simulation.Disturbances;
using Rung.Simulation.Parts;

namespace Rung.Simulation.Tests;

public sealed class LinePhysicsTests
{
    private static readonly List<SimulatedPart> FirstMonth = Lines.Days(Lines.Default(), 0, 28);

    [Fact]
    public void Scrap_rate_over_a_month_is_a_few_percent()
    {
        var scrap = Lines.Rate(FirstMonth, p => p.TrueAction == PartActions.Scrap);

        Assert.InRange(scrap, 0.03, 0.09);
    }

    [Fact]
    public void Stop_line_is_rare_and_shows_a_vibration_and_torque_spike()
    {
        var stops = FirstMonth.Where(p => p.TrueAction == PartActions.StopLine && p.SensorFault is null).ToList();
        var others = FirstMonth.Where(p => p.TrueAction != PartActions.StopLine && p.SensorFault is null).ToList();

        Assert.InRange(Lines.Rate(FirstMonth, p => p.TrueAction == PartActions.StopLine), 0.001, 0.006);
        Assert.All(stops, p => Assert.True(p.Sensors[SensorNames.VibrationRms] > 4.0, $"{p.PartId} vibration {p.Sensors[SensorNames.VibrationRms]}"));
        Assert.True(
            stops.Average(p => p.Sensors[SensorNames.SpindleTorque]) > others.Average(p => p.Sensors[SensorNames.SpindleTorque]) + 8,
            "stop_line parts should carry a torque spike");
    }

    [Fact]
    public void Healthy_readings_lie_in_physical_ranges_and_carry_every_sensor()
    {
        var healthy = FirstMonth.Where(p => p.SensorFault is null).ToList();

        Assert.All(healthy, p =>
        {
            Assert.Equal(SensorNames.All.Order(), p.Sensors.Keys.Order());
            foreach (var (name, value) in p.Sensors)
            {
                Assert.True(SensorRange.All[name].Contains(value), $"{p.PartId} {name}={value}");
            }
        });
    }

    [Fact]
    public void Scrap_is_more_likely_on_worn_tools()
    {
        var healthy = FirstMonth.Where(p => p.SensorFault is null).ToList();
        var worn = healthy.Where(p => p.Sensors[SensorNames.ToolWear] > 200).ToList();
        var fresh = healthy.Where(p => p.Sensors[SensorNames.ToolWear] < 100).ToList();

        Assert.True(
            Lines.Rate(worn, IsScrap) > 4 * Lines.Rate(fresh, IsScrap),
            $"worn {Lines.Rate(worn, IsScrap):P1} vs fresh {Lines.Rate(fresh, IsScrap):P1}");
    }

    [Fact]
    public void Supplier_change_makes_hot_spindles_scrap_far_more_often()
    {
        var line = Lines.Default();
        var before = Lines.Days(line, 50, 78).Where(IsHealthyAndHot).ToList();
        var after = Lines.Days(line, 78, 92).Where(IsHealthyAndHot).ToList();

        var scrapBefore = Lines.Rate(before, IsScrap);
        var scrapAfter = Lines.Rate(after, IsScrap);

        Assert.True(before.Count > 100 && after.Count > 100, $"hot parts before {before.Count}, after {after.Count}");
        Assert.True(scrapAfter > 4 * scrapBefore && scrapAfter - scrapBefore > 0.08, $"scrap among hot parts before {scrapBefore:P1}, after {scrapAfter:P1}");
    }

    [Fact]
    public void Supplier_change_with_the_old_mechanism_leaves_hot_spindles_alone()
    {
        var sameMechanism = new SupplierChange(TimeSpan.FromDays(78), HardnessMean: 200, HardnessSd: 10, MechanismStrength: 0);
        var line = new MachiningLine(new LineSimulationOptions { Seed = 42, Disturbances = [sameMechanism] });

        var scrapAfter = Lines.Rate(Lines.Days(line, 78, 92).Where(IsHealthyAndHot).ToList(), IsScrap);

        Assert.True(scrapAfter < 0.06, $"scrap among hot parts {scrapAfter:P1}");
    }

    [Fact]
    public void Supplier_change_does_nothing_when_removed_from_the_schedule()
    {
        var plain = new MachiningLine(new LineSimulationOptions { Seed = 42, Disturbances = [] });

        var scrapAfter = Lines.Rate(Lines.Days(plain, 78, 92), IsScrap);

        Assert.InRange(scrapAfter, 0.02, 0.12);
    }

    [Fact]
    public void Tool_wear_acceleration_raises_scrap_during_its_episode()
    {
        var episode = new ToolWearAcceleration(TimeSpan.FromDays(7), TimeSpan.FromDays(7), 2.0);
        var disturbed = new MachiningLine(new LineSimulationOptions { Seed = 42, Disturbances = [episode] });
        var plain = new MachiningLine(new LineSimulationOptions { Seed = 42, Disturbances = [] });

        var during = Lines.Rate(Lines.Days(disturbed, 9, 12), IsScrap);
        var without = Lines.Rate(Lines.Days(plain, 9, 12), IsScrap);

        Assert.True(during > without + 0.03, $"scrap with acceleration {during:P1}, without {without:P1}");
        Assert.Equal(Fingerprint.Of(Lines.Days(plain, 0, 7)), Fingerprint.Of(Lines.Days(disturbed, 0, 7)));
    }

    [Fact]
    public void Ambient_is_cooler_in_winter_than_in_summer()
    {
        var line = Lines.Default();
        double MeanAmbient(DateOnly date) =>
            line.ProduceDay(date).Where(p => p.SensorFault is null).Average(p => p.Sensors[SensorNames.AmbientTemp]);

        Assert.True(MeanAmbient(new DateOnly(2026, 7, 22)) > MeanAmbient(new DateOnly(2026, 1, 21)) + 8);
    }

    private static bool IsScrap(SimulatedPart part) => part.TrueAction == PartActions.Scrap;

    // Hot spindles on fresh, quiet tools: the old stock rarely failed there, the new stock does.
    private static bool IsHealthyAndHot(SimulatedPart part) =>
        part.SensorFault is null
        && part.Sensors[SensorNames.SpindleTemp] > 48
        && part.Sensors[SensorNames.ToolWear] < 150
        && part.Sensors[SensorNames.VibrationRms] < 3;
}

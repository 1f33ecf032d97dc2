using Rung.Simulation.Parts;

namespace Rung.Simulation.Tests;

public sealed class SensorFaultTests
{
    private static readonly List<SimulatedPart> ThreeMonths = Lines.Days(Lines.Default(), 0, 91);

    [Fact]
    public void Missing_or_nan_sensors_occur_on_about_half_a_percent_of_parts()
    {
        var rate = Lines.Rate(ThreeMonths, p => p.SensorFault?.Kind is SensorFaultKind.Missing or SensorFaultKind.NaN);

        Assert.InRange(rate, 0.003, 0.008);
    }

    [Fact]
    public void Stuck_and_out_of_range_faults_are_rare_but_present()
    {
        var stuck = ThreeMonths.Count(p => p.SensorFault?.Kind == SensorFaultKind.Stuck);
        var outOfRange = ThreeMonths.Count(p => p.SensorFault?.Kind == SensorFaultKind.OutOfRange);

        Assert.InRange(stuck, 1, ThreeMonths.Count / 100);
        Assert.InRange(outOfRange, 1, ThreeMonths.Count / 100);
    }

    [Fact]
    public void Each_fault_is_visible_in_the_reading_it_names()
    {
        var byId = ThreeMonths.Select((p, i) => (p, i)).ToDictionary(x => x.p.PartId, x => x.i);

        foreach (var part in ThreeMonths.Where(p => p.SensorFault is not null))
        {
            var fault = part.SensorFault!;
            switch (fault.Kind)
            {
                case SensorFaultKind.Missing:
                    Assert.False(part.Sensors.ContainsKey(fault.Sensor), part.PartId);
                    Assert.Equal(SensorNames.All.Count - 1, part.Sensors.Count);
                    break;
                case SensorFaultKind.NaN:
                    Assert.True(double.IsNaN(part.Sensors[fault.Sensor]), part.PartId);
                    break;
                case SensorFaultKind.OutOfRange:
                    Assert.False(SensorRange.All[fault.Sensor].Contains(part.Sensors[fault.Sensor]), part.PartId);
                    break;
                case SensorFaultKind.Stuck:
                    var previous = ThreeMonths[byId[part.PartId] - 1];
                    Assert.Equal(previous.Sensors[fault.Sensor], part.Sensors[fault.Sensor]);
                    break;
                default:
                    Assert.Fail($"unexpected fault kind {fault.Kind}");
                    break;
            }
        }
    }
}

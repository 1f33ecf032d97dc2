using Rung.Simulation.Disturbances;
using Rung.Simulation.People;

namespace Rung.Simulation.Tests;

public sealed class LineSimulationOptionsTests
{
    [Fact]
    public void Defaults_match_the_documented_line()
    {
        var options = new LineSimulationOptions();

        Assert.Equal(new DateTimeOffset(2026, 1, 5, 6, 0, 0, TimeSpan.Zero), options.Start);
        Assert.Equal(DayOfWeek.Monday, options.Start.DayOfWeek);
        Assert.Equal(0.04, options.OperatorErrorRate);
        Assert.Equal(0.03, options.ApproverErrorRate);
        Assert.Equal(TimeSpan.FromHours(6), options.QcDelay);
        Assert.Equal(TimeSpan.FromDays(78), Assert.Single(options.Disturbances.OfType<SupplierChange>()).After);
        Assert.Equal(2, options.Disturbances.OfType<ToolWearAcceleration>().Count());
        options.Validate();
    }

    [Fact]
    public void Validate_names_the_bad_option()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MachiningLine(new LineSimulationOptions { OperatorErrorRate = 1.5 }));

        Assert.Equal(nameof(LineSimulationOptions.OperatorErrorRate), error.ParamName);
        Assert.Contains("1.5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_names_the_bad_disturbance()
    {
        var options = new LineSimulationOptions
        {
            Disturbances = [new SupplierChange(TimeSpan.FromDays(1)), new ToolWearAcceleration(TimeSpan.Zero, TimeSpan.Zero, 2)],
        };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedPeople(options));

        Assert.Equal("Disturbances[1].Duration", error.ParamName);
    }
}

using Rung.Simulation.Parts;
using Rung.Simulation.Randomness;

namespace Rung.Simulation.Line;

/// <summary>
/// Spoils a few readings the way field instruments do. Holds the stuck-run state of one
/// production day, so it is used by exactly one <see cref="ProductionDay"/>.
/// </summary>
internal sealed class SensorFaultInjector(LineSimulationOptions options, Xoshiro256StarStar rng)
{
    private readonly Dictionary<string, double> _lastHealthy = [];
    private string? _stuckSensor;
    private double _stuckValue;
    private int _stuckRemaining;

    public SensorFault? Apply(Dictionary<string, double> sensors)
    {
        var healthy = new Dictionary<string, double>(sensors);
        try
        {
            return Spoil(sensors);
        }
        finally
        {
            foreach (var (name, value) in healthy)
            {
                _lastHealthy[name] = value;
            }
        }
    }

    private SensorFault? Spoil(Dictionary<string, double> sensors)
    {
        if (_stuckRemaining > 0 && _stuckSensor is not null)
        {
            _stuckRemaining--;
            sensors[_stuckSensor] = _stuckValue;
            return new SensorFault(_stuckSensor, SensorFaultKind.Stuck);
        }

        var u = rng.NextDouble();
        var sensor = SensorNames.All[rng.NextInt(0, SensorNames.All.Count)];
        var coin = rng.Chance(0.5);
        if (u < options.SensorFaultRate)
        {
            if (coin)
            {
                sensors.Remove(sensor);
                return new SensorFault(sensor, SensorFaultKind.Missing);
            }

            sensors[sensor] = double.NaN;
            return new SensorFault(sensor, SensorFaultKind.NaN);
        }

        if (u < options.SensorFaultRate + options.RareSensorFaultRate)
        {
            if (coin && _lastHealthy.TryGetValue(sensor, out var last))
            {
                _stuckSensor = sensor;
                _stuckValue = last;
                _stuckRemaining = rng.NextInt(2, 8);
                sensors[sensor] = last;
                return new SensorFault(sensor, SensorFaultKind.Stuck);
            }

            sensors[sensor] = OutOfRangeValue(SensorRange.All[sensor]);
            return new SensorFault(sensor, SensorFaultKind.OutOfRange);
        }

        return null;
    }

    private double OutOfRangeValue(SensorRange range)
    {
        var width = range.Max - range.Min;
        return rng.Chance(0.75)
            ? range.Max + (width * rng.Uniform(0.5, 5))
            : range.Min - (width * rng.Uniform(0.2, 1));
    }
}

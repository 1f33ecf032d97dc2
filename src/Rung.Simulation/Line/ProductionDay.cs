using System.Globalization;
using Rung.Simulation.Disturbances;
using Rung.Simulation.Parts;
using Rung.Simulation.Randomness;

namespace Rung.Simulation.Line;

/// <summary>
/// One working day of the line, simulated in order from the first cycle after the shift
/// starts. Each day draws from its own stream, seeded by (seed, local date), and starts with
/// a freshly fitted tool, so a day's parts never depend on which other days were produced.
/// </summary>
internal sealed class ProductionDay
{
    // Share of a machine cycle spent cutting; the rest is loading, probing and unloading.
    private const double CutShareOfCycle = 0.65;

    // Normalises the breakage hazard's wear profile so the mean rate matches the option.
    private const double MeanHazardProfile = 0.88;

    private readonly LineConditions _conditions;
    private readonly LineSimulationOptions _options;
    private readonly DateOnly _date;
    private readonly Xoshiro256StarStar _rng;

    private double _wearMinutes;
    private double _effectiveWear;
    private double _toolLife;
    private double _imbalance;
    private double _lotHardness;
    private int _lotRemaining;
    private SupplierChange? _lotSupplier;

    public ProductionDay(LineConditions conditions, DateOnly date)
    {
        _conditions = conditions;
        _options = conditions.Options;
        _date = date;
        _rng = SeedMixer.Stream(_options.Seed, StreamPurpose.ProductionDay, (ulong)date.DayNumber);
    }

    public List<SimulatedPart> Run()
    {
        var parts = new List<SimulatedPart>();
        if (!ShiftWindows.IsWorkingDay(_options.Shifts, _date))
        {
            return parts;
        }

        var (start, end) = ShiftWindows.Window(_options.Shifts, _date);
        var cycle = TimeSpan.FromHours(1.0 / _options.PartsPerShiftHour);
        var cutPerPart = cycle.TotalMinutes * CutShareOfCycle;
        var faults = new SensorFaultInjector(_options, _rng);
        var t = start + TimeSpan.FromMinutes(_rng.Uniform(1, 4));
        FitNewTool();
        NewLot(_conditions.SupplierAt(t));

        while (true)
        {
            if (_wearMinutes + (cutPerPart * 1.1) > _toolLife)
            {
                t += TimeSpan.FromMinutes(_rng.Uniform(6, 12));
                FitNewTool();
            }

            if (t >= end)
            {
                break;
            }

            var part = MachinePart(t, cutPerPart, parts.Count + 1, faults);
            parts.Add(part);
            t += cycle * _rng.Uniform(0.85, 1.15);
            if (part.TrueAction == PartActions.StopLine)
            {
                // The line stops, the cracked tool is replaced, and production resumes.
                t += TimeSpan.FromMinutes(_rng.Uniform(20, 45));
                FitNewTool();
            }
        }

        return parts;
    }

    private SimulatedPart MachinePart(DateTimeOffset t, double cutPerPart, int sequence, SensorFaultInjector faults)
    {
        var cut = cutPerPart * _rng.Uniform(0.9, 1.1);
        _wearMinutes += cut;
        _effectiveWear += cut * _conditions.WearFactorAt(t);

        var supplier = _conditions.SupplierAt(t);
        if (_lotRemaining <= 0 || !ReferenceEquals(supplier, _lotSupplier))
        {
            NewLot(supplier);
        }

        _lotRemaining--;
        var hardness = _lotHardness + _rng.Gaussian(0, 2);
        var hz = (hardness - LinePhysics.HardnessReference) / LinePhysics.HardnessScale;
        var w = _effectiveWear;

        var ambient = Clamp(SensorNames.AmbientTemp, LinePhysics.Ambient(_options, t, _conditions.Zone, _rng));
        var temp = Clamp(SensorNames.SpindleTemp, LinePhysics.SpindleTemp(ambient, w, hz, _rng));
        var vibration = LinePhysics.Vibration(w, _imbalance, hz, _rng);
        var torque = LinePhysics.Torque(w, hz, _rng);

        var hazard = _options.BreakagePrecursorRate * (0.4 + (1.2 * Math.Min(w, 300) / 240)) / MeanHazardProfile;
        string truth;
        if (_rng.Chance(hazard))
        {
            // A crack in the insert: the cut chatters and the spindle labours.
            vibration += _rng.Uniform(3.0, 4.5);
            torque += _rng.Uniform(9, 14);
            truth = PartActions.StopLine;
        }
        else
        {
            var score = Score(w, Clamp(SensorNames.VibrationRms, vibration), temp, torque - LinePhysics.ExpectedTorque(hz), supplier);
            truth = _rng.Chance(LinePhysics.ScrapProbability(score)) ? PartActions.Scrap : PartActions.Accept;
        }

        var sensors = new Dictionary<string, double>(SensorNames.All.Count)
        {
            [SensorNames.SpindleSpeed] = Clamp(SensorNames.SpindleSpeed, _rng.Gaussian(8000, 35)),
            [SensorNames.FeedRate] = Clamp(SensorNames.FeedRate, _rng.Gaussian(1200, 12)),
            [SensorNames.SpindleTemp] = temp,
            [SensorNames.VibrationRms] = Clamp(SensorNames.VibrationRms, vibration),
            [SensorNames.SpindleTorque] = Clamp(SensorNames.SpindleTorque, torque),
            [SensorNames.ToolWear] = Clamp(SensorNames.ToolWear, _wearMinutes),
            [SensorNames.AmbientTemp] = ambient,
        };
        var fault = faults.Apply(sensors);
        var id = string.Create(CultureInfo.InvariantCulture, $"{_options.LineId}-{_date:yyyyMMdd}-{sequence:D4}");
        return new SimulatedPart(id, t, sensors, truth, fault);
    }

    private static double Score(double wear, double vibration, double temp, double torqueExcess, SupplierChange? supplier)
    {
        var old = LinePhysics.OldStockScore(wear, vibration, temp, torqueExcess);
        if (supplier is null || supplier.MechanismStrength <= 0)
        {
            return old;
        }

        var fresh = LinePhysics.NewStockScore(wear, vibration, temp, supplier.HotDefectOnsetTemp, supplier.HotDefectOnsetVibration);
        return ((1 - supplier.MechanismStrength) * old) + (supplier.MechanismStrength * fresh);
    }

    private static double Clamp(string sensor, double value) => SensorRange.All[sensor].Clamp(value);

    private void FitNewTool()
    {
        _wearMinutes = 0;
        _effectiveWear = 0;

        // Operators change tools on a planned life, some early and some run to the 240 min limit.
        _toolLife = _rng.Uniform(140, 240);

        // Most inserts seat true; about one in three is noticeably out of balance.
        _imbalance = _rng.Chance(0.3) ? _rng.Uniform(0.5, 1.3) : Math.Abs(_rng.Gaussian(0, 0.25));
    }

    private void NewLot(SupplierChange? supplier)
    {
        _lotSupplier = supplier;
        var mean = supplier?.HardnessMean ?? _options.HardnessMean;
        var sd = supplier?.HardnessSd ?? _options.HardnessSd;
        _lotHardness = _rng.Gaussian(mean, sd);
        _lotRemaining = _rng.NextInt(30, 80);
    }
}

using Rung.Core.Cases;
using Rung.Core.Drift;
using Rung.Models.Softmax;
using Rung.Runtime.Monitoring;
using Rung.Simulation;
using Rung.Simulation.Disturbances;
using Rung.Simulation.Parts;
using Rung.Simulation.Pilot;

namespace Rung.Bench.Drift;

/// <summary>
/// The simulated CNC line as the demo runs it: a pilot softmax model trained on 20,000 rows of the line's history,
/// the reference profile of that history with the pilot's own answers, and the live parts before the supplier change.
/// </summary>
internal sealed class LinePilot
{
    private LinePilot(LineSimulationOptions options, InProcessModelAdapter model, ReferenceProfile reference, IReadOnlyList<SimulatedPart> parts, TimeSpan supplierChange)
    {
        Options = options;
        Model = model;
        Reference = reference;
        PartsBeforeSupplierChange = parts;
        SupplierChange = supplierChange;
    }

    public LineSimulationOptions Options { get; }

    public InProcessModelAdapter Model { get; }

    public ReferenceProfile Reference { get; }

    public IReadOnlyList<SimulatedPart> PartsBeforeSupplierChange { get; }

    public TimeSpan SupplierChange { get; }

    public static LinePilot Create(long seed, int historyRows)
    {
        var options = new LineSimulationOptions { Seed = seed };
        var history = PilotDataSet.Generate(seed, historyRows, options);
        var trainer = new SoftmaxRegressionTrainer(new SoftmaxTrainingOptions(SensorNames.All) { Seed = (int)(seed & 0x7FFFFFFF) });
        var trained = trainer.Train([.. history.Select(r => r.Sensors)], [.. history.Select(r => r.TrueAction)]);
        var model = new InProcessModelAdapter(trained, "pilot-1.0");
        var numeric = new List<IReadOnlyDictionary<string, double>>(history.Count);
        var categorical = new List<IReadOnlyDictionary<string, string>>(history.Count);
        foreach (var row in history)
        {
            var answer = model.Predict(new FeatureVector(row.Sensors));
            numeric.Add(new Dictionary<string, double>(row.Sensors, StringComparer.Ordinal) { [AgentMonitor.ConfidenceFeature] = answer.Confidence });
            categorical.Add(new Dictionary<string, string>(StringComparer.Ordinal) { [AgentMonitor.ActionFeature] = answer.Action.Name });
        }

        var reference = ReferenceProfile.Build("pilot-1.0", numeric, categorical);
        var change = options.Disturbances.OfType<SupplierChange>().Select(d => d.After).First();
        var parts = new MachiningLine(options).Produce(options.Start, options.Start + change).ToList();
        return new LinePilot(options, model, reference, parts, change);
    }
}

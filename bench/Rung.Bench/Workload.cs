using System.Diagnostics;
using System.Reflection;
using Rung.Core.UseCases;
using Rung.Models.Softmax;
using Rung.Runtime.Agents;
using Rung.Simulation;
using Rung.Simulation.Parts;
using Rung.Simulation.Pilot;
using Rung.UseCases;

namespace Rung.Bench;

/// <summary>
/// What every run shares, prepared once and outside any timing: the demo's pilot model trained as the demo trains
/// it, the demo's use case on AutoWithExceptions, and the cases, built from simulated parts as the demo builds them.
/// </summary>
internal sealed record Workload(UseCaseDefinition UseCase, InProcessModelAdapter Model, CaseInput[] Cases, int DistinctParts, TimeSpan PrepareTime)
{
    private const int PilotRows = 20_000;
    private const string ShippedStage = "initial_stage: Shadow";
    private const string BenchStage = "initial_stage: AutoWithExceptions";

    /// <summary>Parts are simulated for this long and then replayed with fresh case ids and shifted times.</summary>
    private static readonly TimeSpan PartSpan = TimeSpan.FromDays(28);

    public static Workload Prepare(int caseCount, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var options = new LineSimulationOptions { Seed = 1 };
        var model = Train(options, cancellationToken);
        var useCase = LoadUseCase();
        var parts = new MachiningLine(options).Produce(options.Start, options.Start + PartSpan).ToList();
        if (parts.Count == 0)
        {
            throw new InvalidOperationException("The simulated line produced no parts.");
        }

        // The same part replayed a week-aligned span later keeps its shift and weekday, so the calendar behaves alike.
        var cases = new CaseInput[caseCount];
        var values = parts.Select(p => (IReadOnlyDictionary<string, double?>)p.Sensors.ToDictionary(kv => kv.Key, kv => (double?)kv.Value)).ToArray();
        for (var i = 0; i < caseCount; i++)
        {
            var lap = i / parts.Count;
            var part = parts[i % parts.Count];
            var id = lap == 0 ? part.PartId : $"{part.PartId}-r{lap}";
            cases[i] = new CaseInput(id, part.ProducedAt + (PartSpan * lap), values[i % parts.Count]);
        }

        return new Workload(useCase, new InProcessModelAdapter(model, useCase.Agent.Model.Version), cases, parts.Count, Stopwatch.GetElapsedTime(started));
    }

    private static SoftmaxRegressionModel Train(LineSimulationOptions options, CancellationToken cancellationToken)
    {
        var history = PilotDataSet.Generate(options.Seed, PilotRows, options);
        var trainer = new SoftmaxRegressionTrainer(new SoftmaxTrainingOptions(SensorNames.All) { Seed = (int)(options.Seed & 0x7FFFFFFF) });
        return trainer.Train([.. history.Select(r => r.Sensors)], [.. history.Select(r => r.TrueAction)], cancellationToken);
    }

    private static UseCaseDefinition LoadUseCase()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("demo-usecase.yaml")
            ?? throw new InvalidOperationException("The demo's use case is missing from the build.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        if (!text.Contains(ShippedStage, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The demo's use case no longer says '{ShippedStage}'; the benchmark cannot move it to AutoWithExceptions.");
        }

        return UseCaseLoader.Load(text.Replace(ShippedStage, BenchStage, StringComparison.Ordinal), "demo-usecase.yaml (AutoWithExceptions)").Definition;
    }
}

using Rung.Core.Cases;
using Rung.Core.Proposals;
using Rung.Models;

namespace Rung.Hardening.Tests.Guard;

/// <summary>
/// A model that answers anything: unknown and empty action names, safety-related and foreign targets, NaN,
/// infinities and huge values, confidences outside 0..1, out-of-distribution flags, and failures. Seeded.
/// </summary>
internal sealed class HostileModel(Random random) : IModelAdapter
{
    public static readonly string[] Names = ["accept", "scrap", "stop_line", "adjust_feed", "hold_for_inspection", "open_valve", "", "ACCEPT", "accept ", "scrap\u0000", new string('x', 5000)];

    public static readonly string?[] Targets =
    [
        null, "acme/dortmund/machining/line3/cell2", "acme/dortmund/machining/line3/safety/estop", "acme/x/y/z/safety/valve/1",
        "acme/dortmund/machining/line4", "", "#", "acme/dortmund/machining/line3/cell2/../safety",
    ];

    public static readonly double?[] Values = [null, 0, 5, 10, 10.0001, -10, -11, 1e308, -1e308, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon];

    private static readonly double[] Confidences = [0.99, 1, 0.5, 0, -1, 2, double.NaN, double.PositiveInfinity, 1e-300];

    public string Version => "hostile-1";

    public ValueTask<ModelOutput> PredictAsync(FeatureVector features, CancellationToken cancellationToken = default)
    {
        if (random.Next(12) == 0)
        {
            throw new ModelCallException(ModelFailure.Timeout, "the model answered garbage");
        }

        var action = new ProposedAction(Pick(Names), Pick(Targets), Pick(Values));
        return ValueTask.FromResult(new ModelOutput(action, Pick(Confidences), [new FeatureContribution("x", Pick(Confidences))], random.Next(5) == 0));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];
}

using Rung.Core.Cases;
using Rung.Core.Proposals;
using Rung.Models;

namespace Rung.Runtime.Tests.Agents;

/// <summary>
/// A model whose answer is read from its input: feature <c>answer</c> picks the action by index, <c>confidence</c>
/// is the confidence, <c>ood</c> above zero flags out of distribution, <c>fail</c> above zero throws, and
/// <c>value</c> / <c>target</c> (index into <see cref="Targets"/>) fill the action. Lets a test steer each case.
/// </summary>
internal sealed class ScriptedModel : IModelAdapter
{
    public static readonly string[] Actions = ["accept", "scrap", "stop_line", "open_valve", "adjust_feed"];
    public static readonly string[] Targets = ["acme/dortmund/machining/line3/cell2", "acme/dortmund/machining/line3/safety/estop"];

    public string Version => "scripted-1";

    public int Calls { get; private set; }

    public ValueTask<ModelOutput> PredictAsync(FeatureVector features, CancellationToken cancellationToken = default)
    {
        Calls++;
        var v = features.Values;
        if (v.GetValueOrDefault("fail") > 0)
        {
            throw new ModelCallException(ModelFailure.Timeout, "no answer within 2 s");
        }

        var action = new ProposedAction(
            Actions[(int)v.GetValueOrDefault("answer")],
            v.TryGetValue("target", out var t) ? Targets[(int)t] : null,
            v.TryGetValue("value", out var value) ? value : null);
        return ValueTask.FromResult(new ModelOutput(action, v.GetValueOrDefault("confidence", 0.99), [new FeatureContribution("answer", 1)], v.GetValueOrDefault("ood") > 0));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

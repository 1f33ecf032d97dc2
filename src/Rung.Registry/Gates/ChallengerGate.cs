using System.Globalization;
using Rung.Core.Cases;
using Rung.Core.Outcomes;
using Rung.Core.Proposals;
using Rung.Core.UseCases;
using Rung.Models;

namespace Rung.Registry.Gates;

/// <summary>
/// Runs a challenger's test gates against the champion: accuracy on a held-out set and on the latest labelled
/// production cases, high-severity errors (by the use case's error_severity rules), every slice, robustness
/// (noise, missing and out-of-range inputs) and the p99 latency budget. Latency is read from the given
/// <see cref="TimeProvider"/>, so a test controls it.
/// </summary>
/// <param name="agent">The agent: its actions, inputs, severity rules and latency budget.</param>
/// <param name="options">How strict.</param>
/// <param name="time">Measures each challenger call.</param>
public sealed class ChallengerGate(AgentDefinition agent, GateOptions options, TimeProvider time)
{
    private readonly OutcomeJudge _judge = new(agent.ErrorSeverity);

    /// <summary>Runs every gate.</summary>
    public async Task<GateReport> EvaluateAsync(
        IModelAdapter champion,
        IModelAdapter challenger,
        IReadOnlyList<GateCase> holdout,
        IReadOnlyList<GateCase> production,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(champion);
        ArgumentNullException.ThrowIfNull(challenger);
        ArgumentNullException.ThrowIfNull(holdout);
        ArgumentNullException.ThrowIfNull(production);
        var latencies = new List<TimeSpan>();
        var checks = new List<GateCheck>();

        var championHoldout = await PredictAsync(champion, holdout, null, cancellationToken).ConfigureAwait(false);
        var challengerHoldout = await PredictAsync(challenger, holdout, latencies, cancellationToken).ConfigureAwait(false);
        checks.Add(Accuracy("holdout.accuracy", holdout, championHoldout, challengerHoldout, options.AccuracyTolerance, requireCases: true));

        var championProduction = await PredictAsync(champion, production, null, cancellationToken).ConfigureAwait(false);
        var challengerProduction = await PredictAsync(challenger, production, latencies, cancellationToken).ConfigureAwait(false);
        checks.Add(Accuracy("production.accuracy", production, championProduction, challengerProduction, options.AccuracyTolerance, options.RequireProductionCases));

        var all = holdout.Concat(production).ToList();
        var championAll = championHoldout.Concat(championProduction).ToList();
        var challengerAll = challengerHoldout.Concat(challengerProduction).ToList();
        var championHigh = HighSeverityErrors(all, championAll);
        var challengerHigh = HighSeverityErrors(all, challengerAll);
        checks.Add(new GateCheck("high_severity_errors", challengerHigh <= championHigh, $"challenger {challengerHigh}, champion {championHigh} high-severity errors on {all.Count} cases"));

        foreach (var key in options.SliceKeys)
        {
            foreach (var slice in all.Select((c, i) => (Case: c, Index: i)).GroupBy(x => x.Case.Fields.GetValueOrDefault(key, "(none)"), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var indices = slice.Select(x => x.Index).ToList();
                var cases = indices.Select(i => all[i]).ToList();
                var check = Accuracy($"slice.{key}={slice.Key}", cases, [.. indices.Select(i => championAll[i])], [.. indices.Select(i => challengerAll[i])], options.SliceTolerance, requireCases: false);
                checks.Add(cases.Count < options.MinSliceCases ? check with { Passed = true, Detail = check.Detail + $" (fewer than {options.MinSliceCases} cases: not judged)" } : check);
            }
        }

        checks.Add(await RobustnessAsync(challenger, holdout, cancellationToken).ConfigureAwait(false));
        checks.Add(Latency(latencies));
        return new GateReport(agent.Id, challenger.Version, champion.Version, checks, time.GetUtcNow());
    }

    private async Task<List<string?>> PredictAsync(IModelAdapter model, IReadOnlyList<GateCase> cases, List<TimeSpan>? latencies, CancellationToken cancellationToken)
    {
        var answers = new List<string?>(cases.Count);
        foreach (var c in cases)
        {
            var started = time.GetTimestamp();
            try
            {
                answers.Add((await model.PredictAsync(new FeatureVector(c.Features), cancellationToken).ConfigureAwait(false)).Action.Name);
            }
            catch (ModelCallException)
            {
                // A failed call is a wrong answer here; the robustness gate judges crashes on their own.
                answers.Add(null);
            }

            latencies?.Add(time.GetElapsedTime(started));
        }

        return answers;
    }

    private static GateCheck Accuracy(string name, IReadOnlyList<GateCase> cases, IReadOnlyList<string?> champion, IReadOnlyList<string?> challenger, double tolerance, bool requireCases)
    {
        if (cases.Count == 0)
        {
            return new GateCheck(name, !requireCases, "no labelled cases");
        }

        var a = Share(cases, champion);
        var b = Share(cases, challenger);
        return new GateCheck(name, b >= a - tolerance - 1e-12, string.Create(CultureInfo.InvariantCulture, $"challenger {b:0.0000}, champion {a:0.0000} on {cases.Count} cases (tolerance {tolerance:0.####})"));
    }

    private static double Share(IReadOnlyList<GateCase> cases, IReadOnlyList<string?> answers) =>
        (double)cases.Where((c, i) => answers[i] == c.Label).Count() / cases.Count;

    private int HighSeverityErrors(List<GateCase> cases, List<string?> answers) =>
        cases.Where((c, i) => answers[i] is { } a && a != c.Label && _judge.SeverityOf(a, c.Label) == Severity.High).Count();

    private async Task<GateCheck> RobustnessAsync(IModelAdapter challenger, IReadOnlyList<GateCase> holdout, CancellationToken cancellationToken)
    {
        var random = new Random(options.Seed);
        var actions = agent.Actions.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var failures = new List<string>();
        var tried = 0;
        foreach (var c in holdout.Take(options.RobustnessCases))
        {
            foreach (var (kind, features) in Perturb(c.Features, random, tried))
            {
                tried++;
                try
                {
                    var output = await challenger.PredictAsync(new FeatureVector(features), cancellationToken).ConfigureAwait(false);
                    if (!actions.Contains(output.Action.Name) || !double.IsFinite(output.Confidence) || output.Confidence is < 0 or > 1)
                    {
                        failures.Add($"{kind}: invalid output '{output.Action.Name}' confidence {output.Confidence.ToString(CultureInfo.InvariantCulture)}");
                    }
                }
                catch (ModelCallException ex)
                {
                    failures.Add($"{kind}: {ex.Message}");
                }
            }
        }

        var detail = failures.Count == 0
            ? $"{tried} perturbed cases (noise, missing input, out-of-range value): no crash, no invalid output"
            : $"{failures.Count} of {tried} perturbed cases failed, first: {failures[0]}";
        return new GateCheck("robustness", failures.Count == 0, detail);
    }

    private IEnumerable<(string Kind, Dictionary<string, double> Features)> Perturb(IReadOnlyDictionary<string, double> features, Random random, int salt)
    {
        var noisy = new Dictionary<string, double>(features, StringComparer.Ordinal);
        foreach (var input in agent.Inputs)
        {
            if (noisy.TryGetValue(input.Name, out var v))
            {
                noisy[input.Name] = v + ((random.NextDouble() * 2) - 1) * options.NoiseShare * (input.Max - input.Min);
            }
        }

        yield return ("noise", noisy);
        if (agent.Inputs.Count == 0)
        {
            yield break;
        }

        var target = agent.Inputs[salt % agent.Inputs.Count];
        var missing = new Dictionary<string, double>(features, StringComparer.Ordinal);
        missing.Remove(target.Name);
        yield return ($"missing {target.Name}", missing);
        yield return ($"{target.Name} far above range", new Dictionary<string, double>(features, StringComparer.Ordinal) { [target.Name] = target.Max + (10 * (target.Max - target.Min)) });
        yield return ($"{target.Name} far below range", new Dictionary<string, double>(features, StringComparer.Ordinal) { [target.Name] = target.Min - (10 * (target.Max - target.Min)) });
    }

    private GateCheck Latency(List<TimeSpan> latencies)
    {
        var budget = agent.Slo.LatencyBudgetOrDefault;
        if (latencies.Count == 0)
        {
            return new GateCheck("latency.p99", false, "no calls were measured");
        }

        latencies.Sort();
        var p99 = latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(0.99 * latencies.Count) - 1)];
        return new GateCheck("latency.p99", p99 <= budget, string.Create(CultureInfo.InvariantCulture, $"p99 {p99.TotalMilliseconds:0.###} ms over {latencies.Count} calls, budget {budget.TotalMilliseconds:0.###} ms"));
    }
}

using Rung.Core.Cases;
using Rung.Core.Drift;
using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Core.Proposals;
using Rung.Runtime.Monitoring;
using Rung.Storage.Journal;

namespace Rung.Bench.Drift;

/// <summary>
/// Stationary i.i.d. cases: numeric inputs x1..xk with x_j ~ N(10·j, j), a confidence drawn from a fixed skewed
/// distribution on [0.55, 1], and a proposed action from a fixed mix. A <see cref="DriftScenario"/> changes x1 or
/// the action mix from its onset on. Seeded: the same seed gives the same cases.
/// </summary>
internal sealed class SyntheticStream
{
    public const string AgentId = "bench-agent";
    public const string ShiftedFeature = "x1";
    public const string NewAction = "rework";

    private static readonly string[] Actions = ["accept", "scrap", "hold_for_inspection", "stop_line"];
    private static readonly double[] ActionCumulative = [0.70, 0.85, 0.95, 1.0];
    private static readonly DateTimeOffset Epoch = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);
    private static readonly PolicyDecision Logged = new(Disposition.Logged, []);

    private readonly Gaussian _gaussian;
    private readonly string[] _names;
    private long _sequence;

    public SyntheticStream(int features, int seed)
    {
        _gaussian = new Gaussian(seed);
        _names = FeatureNames(features);
    }

    public static string[] FeatureNames(int features) => [.. Enumerable.Range(1, features).Select(j => $"x{j}")];

    /// <summary>The reference profile of the stationary stream, from its own seed.</summary>
    public static ReferenceProfile Reference(int features, int rows, int seed)
    {
        var stream = new SyntheticStream(features, seed);
        var numeric = new List<IReadOnlyDictionary<string, double>>(rows);
        var categorical = new List<IReadOnlyDictionary<string, string>>(rows);
        for (var i = 0; i < rows; i++)
        {
            var (values, confidence, action) = stream.Draw(DriftScenario.None, -1);
            numeric.Add(new Dictionary<string, double>(values, StringComparer.Ordinal) { [AgentMonitor.ConfidenceFeature] = confidence });
            categorical.Add(new Dictionary<string, string>(StringComparer.Ordinal) { [AgentMonitor.ActionFeature] = action });
        }

        return ReferenceProfile.Build("bench-1", numeric, categorical);
    }

    /// <summary>The next case as the journal would hold it.</summary>
    public DecisionRecord Next(DriftScenario scenario, long casesAfterOnset)
    {
        var (values, confidence, action) = Draw(scenario, casesAfterOnset);
        var at = Epoch.AddSeconds(_sequence);
        var id = "c" + _sequence++;
        var proposal = new Proposal(new ProposedAction(action), confidence, false, Severity.Low, [], "bench-1", TimeSpan.FromMilliseconds(0.3));
        return new DecisionRecord(new Case(id, AgentId, at, new FeatureVector(values)), proposal, Stage.Shadow, Logged, at, null);
    }

    private (Dictionary<string, double> Values, double Confidence, string Action) Draw(DriftScenario scenario, long casesAfterOnset)
    {
        var values = new Dictionary<string, double>(_names.Length, StringComparer.Ordinal);
        for (var j = 0; j < _names.Length; j++)
        {
            var scale = j + 1.0;
            var z = _gaussian.Next();
            if (j == 0 && casesAfterOnset >= 0)
            {
                z = (z * scenario.StdFactor) + scenario.ShiftAt(casesAfterOnset);
            }

            values[_names[j]] = (10 * scale) + (scale * z);
        }

        var u = _gaussian.Uniform.NextDouble();
        var confidence = 1 - (0.45 * u * u);
        var pick = _gaussian.Uniform.NextDouble();
        var action = Actions[Array.FindIndex(ActionCumulative, c => pick < c)];
        if (casesAfterOnset >= 0 && scenario.NewCategoryShare > 0 && _gaussian.Uniform.NextDouble() < scenario.NewCategoryShare)
        {
            action = NewAction;
        }

        return (values, confidence, action);
    }
}

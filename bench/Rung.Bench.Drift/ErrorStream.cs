using Rung.Core.Drift;
using Rung.Core.Outcomes;
using Rung.Core.Proposals;
using Rung.Runtime.Monitoring;
using Rung.Storage.Journal;

namespace Rung.Bench.Drift;

/// <summary>
/// The labelled error stream, one Bernoulli draw per case, fed to ADWIN as the runtime uses it (through
/// <see cref="AgentMonitor.ObserveJudgement"/>: only a rise counts, and the concept-drift condition stays active for
/// 200 labels after a detection) and to a bare <see cref="PageHinkley"/> with its defaults.
/// </summary>
internal sealed class ErrorStream
{
    private const int ConceptLatch = 200;
    private static readonly Judgement Right = new("c", true, null, "accept", "accept", DateTimeOffset.UnixEpoch);
    private static readonly Judgement Wrong = new("c", false, Severity.Medium, "accept", "scrap", DateTimeOffset.UnixEpoch);

    private readonly AgentMonitor _monitor;
    private readonly PageHinkley _pageHinkley = new();
    private readonly DecisionRecord _decision;
    private readonly Random _random;
    private long _lastAdwin = long.MinValue / 2;

    public ErrorStream(int seed)
    {
        var useCase = BenchUseCases.Synthetic(1, 500);
        _monitor = new AgentMonitor(useCase.Agent, null);
        _decision = new SyntheticStream(1, seed).Next(DriftScenario.None, -1);
        _random = new Random(seed);
    }

    public long Cases { get; private set; }

    /// <summary>Adds one labelled case; returns whether an ADWIN alarm was raised (the condition turned active) and whether Page-Hinkley signalled.</summary>
    public (bool AdwinAlarm, bool PageHinkley) Add(double errorRate)
    {
        var error = _random.NextDouble() < errorRate;
        Cases++;
        var adwinAlarm = false;
        if (_monitor.ObserveJudgement(_decision, error ? Wrong : Right))
        {
            adwinAlarm = Cases - _lastAdwin >= ConceptLatch;
            _lastAdwin = Cases;
        }

        return (adwinAlarm, _pageHinkley.Add(error));
    }

    /// <summary>Cases after the onset of a jump until each detector alarms (null: not within the horizon).</summary>
    public static (long? Adwin, long? PageHinkley) Delay(double before, double after, int seed, int warmUp, int horizon)
    {
        var stream = new ErrorStream(seed);
        long? adwin = null;
        long? pageHinkley = null;
        for (var n = 0; n < warmUp + horizon && (adwin is null || pageHinkley is null); n++)
        {
            var (a, p) = stream.Add(n < warmUp ? before : after);
            if (n < warmUp)
            {
                continue;
            }

            adwin ??= a ? n - warmUp + 1 : null;
            pageHinkley ??= p ? n - warmUp + 1 : null;
        }

        return (adwin, pageHinkley);
    }
}

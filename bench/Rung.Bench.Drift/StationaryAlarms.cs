using Rung.Core.Drift;
using Rung.Runtime.Monitoring;

namespace Rung.Bench.Drift;

/// <summary>
/// Alarms on stationary data, where every alarm is false. An alarm is a condition turning from inactive to
/// active. Counted only once the window is full (before that nothing is tested). Also counts how often the
/// statistical test alone (without the PSI line) would have flagged, to show what the PSI line buys.
/// </summary>
internal static class StationaryAlarms
{
    public sealed record InputResult(long Cases, long InputAlarms, long ConfidenceAlarms, long PredictionAlarms, long TestAloneFlags, long Evaluations);

    public static InputResult InputDrift(ReferenceProfile reference, int window, long totalCases, int seeds)
    {
        long cases = 0, input = 0, confidence = 0, prediction = 0, testAlone = 0, evaluations = 0;
        for (var seed = 1; seed <= seeds; seed++)
        {
            var useCase = BenchUseCases.Synthetic(InputDriftDelay.Features, window);
            var driver = new MonitorDriver(useCase, new AgentMonitor(useCase.Agent, reference));
            var stream = new SyntheticStream(InputDriftDelay.Features, 10_000 + seed);
            var active = new HashSet<string>(StringComparer.Ordinal);
            var flagged = new HashSet<string>(StringComparer.Ordinal);
            var perSeed = totalCases / seeds;
            for (long n = 0; n < window + perSeed; n++)
            {
                var conditions = driver.Add(stream.Next(DriftScenario.None, -1));
                if (conditions is null)
                {
                    continue;
                }

                evaluations++;
                foreach (var c in conditions.Where(MonitorDriver.IsDriftRule))
                {
                    if (c.Active && active.Add(c.Key))
                    {
                        input += c.Rule == Core.Alarms.AlarmRules.InputDrift ? 1 : 0;
                        confidence += c.Rule == Core.Alarms.AlarmRules.ConfidenceDrift ? 1 : 0;
                        prediction += c.Rule == Core.Alarms.AlarmRules.PredictionDrift ? 1 : 0;
                    }
                    else if (!c.Active)
                    {
                        active.Remove(c.Key);
                    }
                }

                foreach (var f in driver.Monitor.LastDrift!.Features)
                {
                    if (f.Drifted && flagged.Add(f.Feature))
                    {
                        testAlone++;
                    }
                    else if (!f.Drifted)
                    {
                        flagged.Remove(f.Feature);
                    }
                }
            }

            cases += perSeed;
        }

        return new InputResult(cases, input, confidence, prediction, testAlone, evaluations);
    }

    public static (long Cases, long Adwin, long PageHinkley) ErrorRate(double rate, long totalCases, int seeds)
    {
        long adwin = 0, pageHinkley = 0;
        for (var seed = 1; seed <= seeds; seed++)
        {
            var stream = new ErrorStream(20_000 + seed);
            for (long n = 0; n < totalCases / seeds; n++)
            {
                var (a, p) = stream.Add(rate);
                adwin += a ? 1 : 0;
                pageHinkley += p ? 1 : 0;
            }
        }

        return (totalCases / seeds * seeds, adwin, pageHinkley);
    }
}

using Rung.Core.Drift;
using Rung.Runtime.Monitoring;

namespace Rung.Bench.Drift;

/// <summary>
/// Cases from the onset of a change to the first case at which the monitor's drift condition for the changed
/// feature is active. The stream runs stationary until the window is full plus a random part of a re-test
/// interval (so the onset does not always fall on a re-test), then changes.
/// </summary>
internal static class InputDriftDelay
{
    public const int Features = 5;
    public const int Horizon = 20_000;

    public static DelayOutcome Run(ReferenceProfile reference, int window, DriftScenario scenario, int seed)
    {
        var useCase = BenchUseCases.Synthetic(Features, window);
        var driver = new MonitorDriver(useCase, new AgentMonitor(useCase.Agent, reference));
        var stream = new SyntheticStream(Features, seed);
        var onset = window + new Random(seed ^ 0x5EED).Next(driver.Step);
        var feature = scenario.IsCategorical ? AgentMonitor.ActionFeature : SyntheticStream.ShiftedFeature;
        var alarmsBefore = 0;
        var wasActive = false;
        for (long n = 0; n < onset + Horizon; n++)
        {
            var conditions = driver.Add(stream.Next(scenario, n - onset));
            if (conditions is null)
            {
                continue;
            }

            var active = MonitorDriver.DriftActive(conditions, feature);
            if (driver.Cases > onset && active)
            {
                return new DelayOutcome(driver.Cases - onset, alarmsBefore);
            }

            alarmsBefore += active && !wasActive ? 1 : 0;
            wasActive = active;
        }

        return new DelayOutcome(null, alarmsBefore);
    }
}

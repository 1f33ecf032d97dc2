using Rung.Simulation.Parts;
using Rung.Simulation.Randomness;

namespace Rung.Simulation.People;

/// <summary>How a person misjudges a part: a good part is mostly misjudged as scrap, a bad one as good.</summary>
internal static class Judgement
{
    // A breakage precursor is loud (chatter, smell, sound): people miss it ten times less often.
    private const double StopLineMissFactor = 0.1;

    // When a good part is misjudged, now and then the person stops the line instead of scrapping.
    private const double NeedlessStopShare = 0.03;

    public static string Of(string truth, double errorRate, Xoshiro256StarStar rng)
    {
        var slip = rng.NextDouble();
        var which = rng.NextDouble();
        return truth switch
        {
            PartActions.StopLine => slip < errorRate * StopLineMissFactor ? PartActions.Scrap : truth,
            PartActions.Scrap => slip < errorRate ? PartActions.Accept : truth,
            _ when slip >= errorRate => truth,
            _ => which < NeedlessStopShare ? PartActions.StopLine : PartActions.Scrap,
        };
    }
}

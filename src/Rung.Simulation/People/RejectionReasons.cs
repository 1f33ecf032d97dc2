using Rung.Simulation.Parts;
using Rung.Simulation.Randomness;

namespace Rung.Simulation.People;

/// <summary>What approvers write when they reject a draft, by (drafted action, their own judgement).</summary>
internal static class RejectionReasons
{
    private static readonly string[] AcceptButScrap =
    [
        "bore out of tolerance on the final gauge",
        "chatter marks on the finished face",
        "surface finish too rough",
        "burr on the thread, part is scrap",
    ];

    private static readonly string[] ScrapButAccept =
    [
        "part measures in tolerance",
        "surface finish is fine, sensor noise",
        "checked on the CMM, part is good",
    ];

    private static readonly string[] StopButNotNeeded =
    [
        "tool looks fine, no need to stop",
        "vibration back to normal, keep running",
    ];

    private static readonly string[] ShouldStop =
    [
        "heavy chatter, tool is about to break",
        "insert cracked, stop the line now",
    ];

    public static string Pick(string drafted, string own, Xoshiro256StarStar rng)
    {
        var choices = (drafted, own) switch
        {
            (_, PartActions.StopLine) => ShouldStop,
            (PartActions.StopLine, _) => StopButNotNeeded,
            (PartActions.Accept, PartActions.Scrap) => AcceptButScrap,
            _ => ScrapButAccept,
        };
        return choices[rng.NextInt(0, choices.Length)];
    }
}

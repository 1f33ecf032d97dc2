using System.Globalization;
using Rung.Core.UseCases;
using Rung.Models;
using Rung.Registry.Gates;
using Rung.Registry.Shadow;

namespace Rung.Gates.Replication;

/// <summary>
/// Multi-site model choice: compares the template's shared model with a site-specific challenger on the new site's
/// own shadow cases (agreement and accuracy, through <see cref="ShadowComparer"/>) and runs the challenger gates on
/// the labelled ones (<see cref="ChallengerGate"/>). The site switches only when the challenger passes every gate and
/// beats the shared model by at least <see cref="MinimumGain"/>; otherwise the shared model stays, so sites keep one
/// model unless the evidence says otherwise.
/// </summary>
/// <param name="agent">The site's agent: actions, inputs, severity rules, latency budget.</param>
/// <param name="options">How strict the challenger gates are.</param>
/// <param name="time">Measures latency and dates the reports.</param>
public sealed class SiteModelChoice(AgentDefinition agent, GateOptions options, TimeProvider time)
{
    /// <summary>How much more accurate the challenger must be on the site's labelled cases. Default 0.01 (one point).</summary>
    public double MinimumGain { get; init; } = 0.01;

    /// <summary>Compares <paramref name="shared"/> with <paramref name="siteChallenger"/> on <paramref name="siteCases"/>.</summary>
    public async Task<SiteModelVerdict> DecideAsync(IModelAdapter shared, IModelAdapter siteChallenger, IReadOnlyList<ShadowCase> siteCases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(siteChallenger);
        ArgumentNullException.ThrowIfNull(siteCases);
        var shadow = await ShadowComparer.CompareAsync(agent.Id, shared, siteChallenger, siteCases, time, cancellationToken).ConfigureAwait(false);
        var labelled = siteCases.Where(c => c.Label is not null).Select(c => new GateCase(c.Features, c.Label!, new Dictionary<string, string>())).ToList();
        var gate = await new ChallengerGate(agent, options, time).EvaluateAsync(shared, siteChallenger, labelled, [], cancellationToken).ConfigureAwait(false);
        if (shadow.Labelled == 0)
        {
            return new SiteModelVerdict(ModelChoice.KeepShared, $"no labelled shadow cases at this site yet ({shadow.Cases} cases compared): keep the shared model {shared.Version}", shadow, gate);
        }

        var sharedAccuracy = shadow.ChampionAccuracy!.Value;
        var challengerAccuracy = shadow.ChallengerAccuracy!.Value;
        var numbers = string.Create(CultureInfo.InvariantCulture, $"on {shadow.Labelled} labelled shadow cases the shared model {shared.Version} is right {sharedAccuracy:0.0%}, the site's {siteChallenger.Version} {challengerAccuracy:0.0%}; they agree on {shadow.Agreement:0.0%}");
        if (!gate.Passed)
        {
            return new SiteModelVerdict(ModelChoice.KeepShared, $"keep the shared model: the site's challenger fails {string.Join(", ", gate.FailedChecks.Select(c => c.Name))}; {numbers}", shadow, gate);
        }

        return challengerAccuracy >= sharedAccuracy + MinimumGain
            ? new SiteModelVerdict(ModelChoice.SiteSpecific, $"switch to the site's model: it passes every gate and {numbers}", shadow, gate)
            : new SiteModelVerdict(ModelChoice.KeepShared, string.Create(CultureInfo.InvariantCulture, $"keep the shared model: the site's model gains less than {MinimumGain * 100:0.#} points; {numbers}"), shadow, gate);
    }
}
